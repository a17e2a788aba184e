// Agents that hand a socket to http only after checking the address it actually connected to, so not a
// byte of the request reaches a refused address even if a name slipped past the lookup guard (an IP
// literal, a resolver that changed its mind, a future Node that skips `lookup`).
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

type Oncreate = (err: Error | null, stream: Duplex) => void;
type AddressCheck = (remoteAddress: string | undefined) => void;

function handOverWhenVerified(socket: Socket, check: AddressCheck, signal: AbortSignal, oncreate: Oncreate): void {
  let settled = false;
  const settle = (err: Error | null) => {
    if (settled) return;
    settled = true;
    socket.off('error', settle);
    signal.removeEventListener('abort', onAbort);
    if (err) {
      socket.destroy();
      oncreate(err, socket);
    } else {
      oncreate(null, socket);
    }
  };
  const onAbort = () => settle(new Error('deadline passed'));
  socket.once('connect', () => {
    try {
      check(socket.remoteAddress);
      settle(null);
    } catch (err) {
      settle(err as Error);
    }
  });
  socket.once('error', settle);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
}

class GuardedHttpAgent extends http.Agent {
  constructor(
    private readonly check: AddressCheck,
    private readonly signal: AbortSignal,
  ) {
    super({ keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs, oncreate?: Oncreate): Duplex | null | undefined {
    const socket = super.createConnection(options) as Socket;
    handOverWhenVerified(socket, this.check, this.signal, oncreate ?? (() => undefined));
    return undefined;
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(
    private readonly check: AddressCheck,
    private readonly signal: AbortSignal,
    extraCa?: string,
  ) {
    // Certificates are always verified; a test CA is added to the system roots, never replaces them.
    super({ keepAlive: false, ...(extraCa ? { ca: [...tls.rootCertificates, extraCa] } : {}) });
  }

  override createConnection(options: https.RequestOptions, oncreate?: Oncreate): Duplex | null | undefined {
    // A TLS socket emits 'connect' when TCP connects, before the handshake: checked before any request.
    const socket = super.createConnection(options) as Socket;
    handOverWhenVerified(socket, this.check, this.signal, oncreate ?? (() => undefined));
    return undefined;
  }
}

/**
 * A one-request agent for `protocol` whose sockets are verified with `check` once connected. Not
 * shared: a socket accepted under one request's address policy is never reused by another.
 */
export function guardedAgent(protocol: string, check: AddressCheck, signal: AbortSignal, extraCa?: string): http.Agent {
  return protocol === 'https:' ? new GuardedHttpsAgent(check, signal, extraCa) : new GuardedHttpAgent(check, signal);
}

// Agents that hand a socket to http only after checking the address it actually connected to, so not a
// byte of the request reaches a refused address even if a name slipped past the lookup guard (an IP
// literal, a resolver that changed its mind, a future Node that skips `lookup`). Sockets are kept alive
// for further requests to the same host: a news site's articles, a feed polled again (a new TCP and TLS
// handshake per article cost the poller more than parsing the article's feed entry).
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { NetLimits } from './address.ts';

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

/** What each request tells the agent: how to check the address a new socket connected to, and until when. */
export interface GuardedRequestOptions {
  verifyAddress: AddressCheck;
  connectSignal: AbortSignal;
}

/** A socket is made only for a request that says how to check it; anything else is refused. */
function guard(options: object): GuardedRequestOptions {
  const o = options as Partial<GuardedRequestOptions>;
  if (typeof o.verifyAddress !== 'function' || !o.connectSignal) throw new Error('a guarded agent needs verifyAddress and connectSignal');
  return { verifyAddress: o.verifyAddress, connectSignal: o.connectSignal };
}

// Keep-alive: a socket is verified once, when it connects, and may then serve further requests to the
// same host. Agents are shared only among requests under the same address policy (see keptAliveAgent).
// Idle sockets are closed after a while, and at most a few per host are kept.
const KEEP_ALIVE = { keepAlive: true, timeout: 15_000, maxFreeSockets: 64, scheduling: 'lifo' } as const;

class GuardedHttpAgent extends http.Agent {
  constructor(keepAlive: boolean) {
    super(keepAlive ? KEEP_ALIVE : { keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs, oncreate?: Oncreate): Duplex | null | undefined {
    const { verifyAddress, connectSignal } = guard(options);
    const socket = super.createConnection(options) as Socket;
    handOverWhenVerified(socket, verifyAddress, connectSignal, oncreate ?? (() => undefined));
    return undefined;
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(keepAlive: boolean, extraCa?: string) {
    // Certificates are always verified; a test CA is added to the system roots, never replaces them.
    super({ ...(keepAlive ? KEEP_ALIVE : { keepAlive: false }), ...(extraCa ? { ca: [...tls.rootCertificates, extraCa] } : {}) });
  }

  override createConnection(options: https.RequestOptions, oncreate?: Oncreate): Duplex | null | undefined {
    // A TLS socket emits 'connect' when TCP connects, before the handshake: checked before any request.
    const { verifyAddress, connectSignal } = guard(options);
    const socket = super.createConnection(options) as Socket;
    handOverWhenVerified(socket, verifyAddress, connectSignal, oncreate ?? (() => undefined));
    return undefined;
  }
}

const agents = new Map<string, http.Agent>();

/**
 * The agent for a request to `protocol` under `limits`: a keep-alive agent shared by every request under
 * the same address policy (private addresses allowed or not, an extra CA or not), so a socket accepted
 * under one policy is never reused under another. Requests that use the test hooks for name resolution
 * or private hosts get an agent of their own, used once. Each request passes its GuardedRequestOptions;
 * new sockets are verified with them once connected.
 */
export function agentFor(protocol: string, limits: NetLimits): http.Agent {
  const https = protocol === 'https:';
  if (limits.resolve || limits.dnsServers?.length || limits.privateHostsAllowed?.length) {
    return https ? new GuardedHttpsAgent(false, limits.tlsCa) : new GuardedHttpAgent(false);
  }
  const key = `${protocol}|${limits.allowPrivate}|${limits.tlsCa ?? ''}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = https ? new GuardedHttpsAgent(true, limits.tlsCa) : new GuardedHttpAgent(true);
    agents.set(key, agent);
  }
  return agent;
}

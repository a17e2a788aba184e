// Keep-alive: fetches to one host share a connection (checked once, when it connected); a connection
// the server dropped while idle is replaced without failing the fetch; one cut short by the byte cap
// or the deadline is never reused; and private addresses stay refused whatever connections exist.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchFailure, safeFetch } from '../../../src/intake/net/index.ts';
import { TEST_LIMITS } from './local-server.ts';

/**
 * A raw HTTP/1.1 server that counts connections and answers each request as `answer` says (`request`
 * counts on the connection, `overall` across all of them).
 */
function rawServer(answer: (n: { connection: number; request: number; overall: number }, socket: net.Socket) => void) {
  let connections = 0;
  let overall = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const connection = ++connections;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    let request = 0;
    let buffered = '';
    socket.on('data', (d) => {
      buffered += d.toString('latin1');
      while (buffered.includes('\r\n\r\n')) {
        buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
        answer({ connection, request: ++request, overall: ++overall }, socket);
      }
    });
    socket.on('error', () => undefined);
  });
  return {
    /** By name, so that only the address guard, not the literal check, stands between a request and it. */
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, 'localhost', () => resolve(`http://localhost:${(server.address() as net.AddressInfo).port}`)),
      ),
    connections: () => connections,
    // The client keeps its end open for the next request: this end closes them.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}

const ok = (socket: net.Socket, body = 'hello') =>
  socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`);

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('keep-alive', () => {
  it('fetches from one host over one connection', async () => {
    const s = rawServer((_, socket) => ok(socket));
    const origin = await s.listen();
    close = s.close;
    for (let i = 0; i < 5; i++) expect((await safeFetch(`${origin}/a/${i}`, TEST_LIMITS)).body.toString()).toBe('hello');
    expect(s.connections()).toBe(1);
  });

  it('replaces a connection the server dropped while it was idle, and the fetch succeeds', async () => {
    // The second request on the first connection finds it closed, as when a server's idle timeout
    // passes just as the connection is reused.
    const s = rawServer(({ connection, request }, socket) => (connection === 1 && request === 2 ? socket.destroy() : ok(socket)));
    const origin = await s.listen();
    close = s.close;
    expect((await safeFetch(`${origin}/1`, TEST_LIMITS)).body.toString()).toBe('hello');
    expect((await safeFetch(`${origin}/2`, TEST_LIMITS)).body.toString()).toBe('hello');
    expect(s.connections()).toBe(2);
  });

  it('never reuses a connection whose answer was cut short by the byte cap', async () => {
    const big = 'x'.repeat(4096);
    const s = rawServer(({ overall }, socket) => ok(socket, overall === 1 ? big : 'small'));
    const origin = await s.listen();
    close = s.close;
    await expect(safeFetch(`${origin}/big`, { ...TEST_LIMITS, maxBytes: 1024 })).rejects.toBeInstanceOf(FetchFailure);
    expect((await safeFetch(`${origin}/small`, TEST_LIMITS)).body.toString()).toBe('small');
    expect(s.connections()).toBe(2);
  });

  it('refuses a private address even when a connection to it is open under another policy', async () => {
    const s = rawServer((_, socket) => ok(socket));
    const origin = await s.listen();
    close = s.close;
    await safeFetch(`${origin}/allowed`, TEST_LIMITS);
    await expect(safeFetch(`${origin}/refused`, { ...TEST_LIMITS, allowPrivate: false })).rejects.toMatchObject({
      code: 'blocked_address',
    });
    expect(s.connections()).toBe(1);
  });
});

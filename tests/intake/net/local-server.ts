// A real HTTP server on 127.0.0.1 for the intake network tests: records every request, and closes with
// every socket it ever accepted so no test leaves a connection behind.
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

export interface LocalServer {
  origin: string;
  port: number;
  /** Paths requested, in order. */
  hits: string[];
  /** Request headers, in order. */
  requests: IncomingMessage['headers'][];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export async function startServer(handler: Handler, host = '127.0.0.1'): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const hits: string[] = [];
  const requests: IncomingMessage['headers'][] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    requests.push(req.headers);
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    origin: `http://${shownHost}:${port}`,
    port,
    hits,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** A fixture file as bytes. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** A text fixture with {{BASE}} replaced by the test server's origin. */
export function fixtureText(name: string, base: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8').replaceAll('{{BASE}}', base);
}

export interface SeedArticle {
  slug: string;
  file: string;
  title: string;
  publishedAt: string;
  author: string;
  outlet: string;
}

export const SEED_ARTICLES: SeedArticle[] = JSON.parse(readFileSync(join(FIXTURES, 'seed-articles.json'), 'utf8'));

/** Limits for tests that are not about the address guard. */
export const TEST_LIMITS = { timeoutMs: 5_000, maxBytes: 1_048_576, allowPrivate: true } as const;

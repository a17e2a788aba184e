// The one HTTP server of a process: Discord interactions, Slack events, the health check, metrics and,
// with WEB_ENABLED, the public web share it. Hono routes every request; the signed routes are "raw":
// they get node's request and response untouched, because signature checks must see the exact bytes
// that were signed, and the body limit, the 413 that keeps the connection usable and the timeouts are
// theirs as before. Web routes are ordinary Hono handlers mounted with `mount`.
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export type HttpEnv = { Bindings: HttpBindings };

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * What a handler that answered on node's response itself returns to Hono: node-server sees the mark
 * and writes nothing more. One instance serves every request, as node-server's own mark does: nothing
 * writes to it. It is the runtime's own Response (the adapter leaves the globals alone, see `listen`).
 */
const ALREADY_SENT = new Response(null, { headers: { 'x-hono-already-sent': 'true' } });

/**
 * Writes an answer straight to node's response: for the web's hot paths (cached pages, 304s), where
 * building a fetch Response and streaming it back out cost more than the rest of the request. Node
 * leaves out the body of an answer to HEAD by itself.
 */
export function writeAnswer(c: Context<HttpEnv>, status: number, headers: OutgoingHttpHeaders, body?: Buffer | string): Response {
  c.env.outgoing.writeHead(status, headers);
  c.env.outgoing.end(body);
  return ALREADY_SENT;
}

export class HttpServer {
  readonly app = new Hono<HttpEnv>();
  /** Exact paths and the methods routed there, for the 405's Allow header. */
  private readonly methodsByPath = new Map<string, Set<string>>();
  private server: Server | undefined;
  /** Asked for an answer before the JSON 404: the web's 404 page for a browser. */
  private fallback: ((c: Context<HttpEnv>) => Promise<Response | undefined>) | undefined;

  constructor(private readonly onError: (err: unknown, req: IncomingMessage) => void = () => {}) {
    this.app.notFound(async (c) => {
      const incoming = c.env.incoming;
      // A body nobody reads would hold the keep-alive connection: let it flow away.
      incoming.resume();
      const allowed = this.methodsByPath.get(c.req.path);
      if (allowed) return c.json({ error: 'method not allowed' }, 405, { allow: [...allowed].join(', ') });
      return (await this.fallback?.(c)) ?? c.json({ error: 'not found' }, 404);
    });
    this.app.onError((err, c) => {
      this.onError(err, c.env.incoming);
      if (c.env.outgoing.headersSent) {
        c.env.outgoing.end();
        return ALREADY_SENT;
      }
      return c.json({ error: 'internal error' }, 500);
    });
  }

  /** A raw route: node's request and response as they came, for handlers that read the body's bytes. */
  route(method: string, path: string, handler: RouteHandler): void {
    const verb = method.toUpperCase();
    this.allow(path, verb);
    this.app.on(verb, path, async (c) => {
      const { incoming, outgoing } = c.env;
      try {
        await handler(incoming, outgoing);
      } catch (err) {
        this.onError(err, incoming);
        if (!outgoing.headersSent) sendJson(outgoing, 500, { error: 'internal error' });
        else outgoing.end();
      }
      return ALREADY_SENT;
    });
  }

  /**
   * Hono routes of a service (the public web), mounted at the root; it answers its own 405s. `notFound`
   * may answer a path nothing serves (undefined: the JSON 404 as before).
   */
  mount(routes: Hono<HttpEnv>, notFound?: (c: Context<HttpEnv>) => Promise<Response | undefined>): void {
    this.app.route('/', routes);
    this.fallback = notFound;
  }

  private allow(path: string, method: string): void {
    const methods = this.methodsByPath.get(path) ?? new Set();
    methods.add(method);
    if (method === 'GET') methods.add('HEAD');
    this.methodsByPath.set(path, methods);
  }

  get hasRoutes(): boolean {
    return this.methodsByPath.size > 0;
  }

  async listen(host: string, port: number): Promise<AddressInfo> {
    const listener = getRequestListener(this.app.fetch, {
      // HTTP/1.0 clients may send no Host; the route does not depend on it.
      hostname: 'localhost',
      // Raw routes read (or deliberately leave) their bodies themselves: the adapter must not drain them.
      autoCleanupIncoming: false,
      // discord.js, Bolt, intake's fetches and the tests' stand-ins share this process: keep its globals.
      overrideGlobalObjects: false,
      // Only a request node-server cannot even turn into a Request lands here (a bad target or Host).
      errorHandler: () =>
        new Response(JSON.stringify({ error: 'bad request' }), { status: 400, headers: { 'content-type': 'application/json' } }),
    });
    this.server = createServer((req, res) => void listener(req, res));
    // Slack and Discord expect answers in 3 s; a stuck client must not hold a socket forever.
    this.server.requestTimeout = 10_000;
    this.server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers });
  res.end(data);
}

/**
 * Past the limit, up to this much more is read and thrown away so that the 413 reaches the client and
 * the keep-alive connection stays usable; a body larger still is refused at once, and that connection
 * closed after the answer.
 */
export const DISCARD_MAX_BYTES = 8 * MAX_BODY_BYTES;

/**
 * Reads the whole body as bytes; undefined when it is over the limit (answer with sendTooLarge). The
 * request is never destroyed here: destroying it would drop the socket before the 413 is written.
 */
export function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + DISCARD_MAX_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > limit + DISCARD_MAX_BYTES) {
        done();
        req.pause();
        resolve(undefined);
      }
    };
    const onEnd = () => {
      done();
      resolve(size > limit ? undefined : Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => {
      done();
      if (!req.complete) reject(new Error('request aborted before its body was read'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** 413, keeping the connection open when the whole body was read, closing it when some was left unread. */
export function sendTooLarge(req: IncomingMessage, res: ServerResponse, limit = MAX_BODY_BYTES): void {
  sendJson(res, 413, { error: `body too large: at most ${limit} bytes` }, req.complete ? {} : { connection: 'close' });
}

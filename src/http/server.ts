// The one HTTP server of a process: Discord interactions, Slack events and the health check share it.
// Routes get the raw request, because signature checks must see the exact bytes that were signed.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  private server: Server | undefined;

  constructor(private readonly onError: (err: unknown, req: IncomingMessage) => void = () => {}) {}

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  get hasRoutes(): boolean {
    return this.routes.size > 0;
  }

  async listen(host: string, port: number): Promise<AddressInfo> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Slack and Discord expect answers in 3 s; a stuck client must not hold a socket forever.
    this.server.requestTimeout = 10_000;
    this.server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = this.routes.get(`${req.method} ${path}`);
    if (!handler) {
      const allowed = [...this.routes.keys()].filter((k) => k.endsWith(` ${path}`)).map((k) => k.split(' ')[0]!);
      if (allowed.length) sendJson(res, 405, { error: 'method not allowed' }, { allow: allowed.join(', ') });
      else sendJson(res, 404, { error: 'not found' });
      req.resume();
      return;
    }
    try {
      await handler(req, res);
    } catch (err) {
      this.onError(err, req);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
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

// The one way intake reaches the web: GET over node:http/https with the address guard in the socket's
// lookup, one deadline for the whole redirect chain, and a byte cap applied while streaming the
// decompressed body.
import http, { type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { assertConnectedAllowed, assertLiteralAllowed, guardedLookup, type NetLimits } from './address.ts';
import { FetchFailure, isFetchFailure } from './failure.ts';
import { agentFor, type GuardedRequestOptions } from './guarded-agent.ts';

export const DEFAULT_USER_AGENT = 'blocwatch/0.1 (+https://github.com/blocwatch; news-briefing bot)';
export const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const DNS_ERRORS: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA']);

export interface FetchedPage {
  /** The final URL, after redirects. */
  url: string;
  /** 2xx (normally 200), or 304 when a conditional request matched. */
  status: number;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Decompressed; empty on 304. */
  body: Buffer;
}

export interface SafeFetchOptions {
  etag?: string;
  lastModified?: string;
  accept?: string;
  signal?: AbortSignal;
}

/** Parses a URL to fetch, refusing anything but plain http(s): no other schemes, no credentials. */
export function parseHttpUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    throw new FetchFailure('bad_url', `"${raw.slice(0, 200)}" is not a valid web address`, { url: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchFailure('bad_url', `only http and https addresses are fetched, not ${url.protocol}`, { url: url.href });
  }
  if (url.username || url.password) {
    throw new FetchFailure('bad_url', 'addresses with a user name or password in them are not fetched', { url: url.href });
  }
  return url;
}

/**
 * Fetches one URL under `limits`. Redirects are followed up to maxRedirects, each hop checked like the
 * first. An https page may redirect to http: blocwatch sends no cookies or credentials, the address
 * guard still applies, and a feed added as http would be fetched the same way.
 */
export async function safeFetch(url: string, limits: NetLimits, opts: SafeFetchOptions = {}): Promise<FetchedPage> {
  let current = parseHttpUrl(url);
  const maxRedirects = limits.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = new Deadline(limits.timeoutMs, opts.signal);
  try {
    for (let redirects = 0; ; redirects++) {
      if (deadline.stopped) throw new Error('deadline passed');
      const { req, res } = await openHop(current, limits, requestHeaders(limits, opts), deadline);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        req.destroy();
        if (redirects >= maxRedirects) {
          throw new FetchFailure('too_many_redirects', `more than ${maxRedirects} redirects, starting from ${url}`, {
            url: current.href,
          });
        }
        current = parseHttpUrl(location, current.href);
        continue;
      }
      if (status === 304) {
        // No body: the socket goes back to the agent for the next request.
        res.resume();
        deadline.release(req, res);
        return page(current, status, res, Buffer.alloc(0));
      }
      if (status < 200 || status > 299) {
        req.destroy();
        throw statusFailure(current.href, status, res);
      }
      const body = await readCapped(res, req, current.href, limits.maxBytes);
      deadline.release(req, res);
      return page(current, status, res, body);
    }
  } catch (err) {
    throw deadline.explain(err, current.href, limits.timeoutMs);
  } finally {
    deadline.dispose();
  }
}

function requestHeaders(limits: NetLimits, opts: SafeFetchOptions): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'user-agent': limits.userAgent ?? DEFAULT_USER_AGENT,
    accept: opts.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  return headers;
}

function page(url: URL, status: number, res: IncomingMessage, body: Buffer): FetchedPage {
  const out: FetchedPage = { url: url.href, status, body };
  const contentType = res.headers['content-type'];
  const etag = res.headers.etag;
  const lastModified = res.headers['last-modified'];
  if (contentType) out.contentType = contentType;
  if (etag) out.etag = etag;
  if (lastModified) out.lastModified = lastModified;
  return out;
}

function statusFailure(url: string, status: number, res: IncomingMessage): FetchFailure {
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers['retry-after']) : undefined;
  const reason = res.statusMessage ? ` ${res.statusMessage}` : '';
  return new FetchFailure('http_status', `${url} answered ${status}${reason}`, {
    url,
    status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface Hop {
  req: ClientRequest;
  res: IncomingMessage;
}

/** Errors of a kept-alive socket the server closed just as it was reused: the request never reached it. */
const STALE_SOCKET: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

async function openHop(url: URL, limits: NetLimits, headers: OutgoingHttpHeaders, deadline: Deadline): Promise<Hop> {
  try {
    return await openHopOnce(url, limits, headers, deadline);
  } catch (err) {
    // Retried once on a fresh socket, as Node's documentation advises for keep-alive agents.
    const e = err as NodeJS.ErrnoException & { reusedSocket?: boolean };
    if (e?.reusedSocket && e.code && STALE_SOCKET.has(e.code) && !deadline.stopped) return openHopOnce(url, limits, headers, deadline);
    throw err;
  }
}

function openHopOnce(url: URL, limits: NetLimits, headers: OutgoingHttpHeaders, deadline: Deadline): Promise<Hop> {
  assertLiteralAllowed(url, limits);
  return new Promise<Hop>((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const guarded: GuardedRequestOptions = {
      verifyAddress: (remote: string | undefined) => assertConnectedAllowed(url, limits, remote),
      connectSignal: deadline.signal,
    };
    const agent = agentFor(url.protocol, limits);
    const req = transport.request(url, { method: 'GET', headers, agent, lookup: guardedLookup(url, limits, deadline.signal), ...guarded });
    deadline.watch(req);
    req.once('response', (res) => {
      deadline.watch(res);
      resolve({ req, res });
    });
    req.once('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    req.end();
  });
}

function decompressorFor(encoding: string | undefined, url: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  const name = (encoding ?? '').trim().toLowerCase();
  // Z_SYNC_FLUSH: accept a gzip stream a server cut short rather than failing the whole feed.
  if (name === 'gzip' || name === 'x-gzip') return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (name === 'deflate') return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (name === 'br') return zlib.createBrotliDecompress();
  if (name === '' || name === 'identity') return undefined;
  throw new FetchFailure('network', `the server used an unsupported content encoding "${name}"`, { url });
}

/**
 * Reads the body, decompressed, refusing it as soon as it passes `maxBytes` (counted after
 * decompression, so a small gzip bomb is stopped at the cap too). A declared Content-Length over the
 * cap is refused before reading anything.
 */
async function readCapped(res: IncomingMessage, req: ClientRequest, url: string, maxBytes: number): Promise<Buffer> {
  const tooLarge = (detail: string) => new FetchFailure('too_large', `${url} ${detail}, more than the ${maxBytes}-byte limit`, { url });
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.destroy();
    throw tooLarge(`declares ${declared} bytes`);
  }
  const decompressor = decompressorFor(res.headers['content-encoding'], url);
  const stream: Readable = decompressor ? pipeline(res, decompressor, () => undefined) : res;
  let decompressError: unknown;
  decompressor?.once('error', (err) => {
    decompressError = err;
  });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge('sent more');
      chunks.push(chunk);
    }
  } catch (err) {
    if (err !== undefined && err === decompressError) {
      throw new FetchFailure('network', `${url} sent a body that could not be decompressed`, { url, cause: err });
    }
    throw err;
  } finally {
    if (total > maxBytes || !res.complete) {
      stream.destroy();
      req.destroy();
    }
  }
  return Buffer.concat(chunks, total);
}

/**
 * One deadline for connect, headers, body and every redirect; also honours the caller's signal.
 * When it fires it destroys whatever request or response is in flight, so nothing waits on a socket.
 */
class Deadline {
  private timedOut = false;
  private cancelled = false;
  private readonly stop = new AbortController();
  /** Aborted when the deadline passes or the caller cancels: for work not tied to a request or response. */
  readonly signal = this.stop.signal;
  private readonly timer: NodeJS.Timeout;
  private readonly inFlight = new Set<ClientRequest | IncomingMessage>();
  private readonly onCancel = () => this.fire(false);

  constructor(
    timeoutMs: number,
    private readonly external?: AbortSignal,
  ) {
    this.timer = setTimeout(() => this.fire(true), timeoutMs);
    if (external?.aborted) this.cancelled = true;
    external?.addEventListener('abort', this.onCancel, { once: true });
  }

  get stopped(): boolean {
    return this.timedOut || this.cancelled;
  }

  watch(stream: ClientRequest | IncomingMessage): void {
    if (this.stopped) stream.destroy(new Error('deadline passed'));
    this.inFlight.add(stream);
    stream.once('close', () => this.inFlight.delete(stream));
  }

  /** A request answered in full: nothing to destroy, and its socket may serve another request. */
  release(...streams: (ClientRequest | IncomingMessage)[]): void {
    for (const s of streams) this.inFlight.delete(s);
  }

  private fire(byTimeout: boolean): void {
    if (this.stopped) return;
    if (byTimeout) this.timedOut = true;
    else this.cancelled = true;
    this.stop.abort();
    for (const stream of this.inFlight) stream.destroy(new Error('deadline passed'));
  }

  /** The FetchFailure for whatever ended the fetch: our own failures as they are, the deadline's as timeout. */
  explain(err: unknown, url: string, timeoutMs: number): FetchFailure {
    if (isFetchFailure(err)) return err;
    if (this.timedOut) {
      return new FetchFailure('timeout', `${url} did not answer completely within ${Math.round(timeoutMs / 100) / 10} s`, { url });
    }
    if (this.cancelled) return new FetchFailure('network', `the fetch of ${url} was cancelled`, { url });
    const e = err as NodeJS.ErrnoException;
    if ((e?.code && DNS_ERRORS.has(e.code)) || e?.syscall === 'getaddrinfo' || e?.syscall?.startsWith('query')) {
      return new FetchFailure('dns', `the host of ${url} could not be found (${e.code ?? e.message})`, { url, cause: err });
    }
    if (e?.code && /CERT|SIGNATURE|ALTNAME|SELF_SIGNED|ISSUER/.test(e.code)) {
      return new FetchFailure('network', `the TLS certificate of ${url} could not be verified (${e.code})`, { url, cause: err });
    }
    const detail = e?.code ?? e?.message ?? String(err);
    return new FetchFailure('network', `${url} could not be fetched (${detail})`, { url, cause: err });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.external?.removeEventListener('abort', this.onCancel);
    for (const stream of this.inFlight) stream.destroy();
    this.inFlight.clear();
  }
}

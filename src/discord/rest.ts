// A small Discord REST client over fetch: one base URL (DISCORD_API_URL moves every call), the bot
// token, and retries on 429 and 5xx that honour Retry-After.
import type { Logger } from '../log.ts';

export const DISCORD_API_DEFAULT = 'https://discord.com/api';

export class DiscordApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    readonly body: unknown,
    method: string,
    path: string,
    /** Retry-After, in ms, when Discord sent one (429, and sometimes 5xx). */
    readonly retryAfterMs?: number,
  ) {
    super(
      `Discord ${method} ${path} failed: ${status}${code !== undefined ? ` (code ${code})` : ''} ${JSON.stringify(body).slice(0, 300)}`,
    );
    this.name = 'DiscordApiError';
  }
}

export interface DiscordRestOptions {
  apiUrl?: string;
  token?: string;
  log?: Logger;
  /** Attempts for 429 and 5xx, in all. */
  attempts?: number;
  /** Longest wait between attempts, in ms. */
  maxWaitMs?: number;
  timeoutMs?: number;
}

export class DiscordRest {
  readonly base: string;
  constructor(private readonly opts: DiscordRestOptions) {
    this.base = `${(opts.apiUrl ?? DISCORD_API_DEFAULT).replace(/\/+$/, '')}/v10`;
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, opts: { auth?: boolean } = {}): Promise<T> {
    const attempts = this.opts.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { 'user-agent': 'DiscordBot (https://github.com/blocwatch, 0.1)' };
      // A FormData body (files) sets its own multipart content type, boundary included.
      const multipart = body instanceof FormData;
      if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
      if (opts.auth !== false && this.opts.token) headers.authorization = `Bot ${this.opts.token}`;
      let res: Response;
      try {
        res = await fetch(`${this.base}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
        });
      } catch (err) {
        if (attempt >= attempts) throw err;
        await sleep(Math.min(this.opts.maxWaitMs ?? 5000, 250 * 2 ** attempt));
        continue;
      }
      const text = await res.text();
      const json = text ? safeJson(text) : undefined;
      if (res.ok) return json as T;
      // The body's retry_after is exact; the header rounds up to whole seconds.
      const retryAfter = Number(
        (json as { retry_after?: number } | undefined)?.retry_after ?? res.headers.get('retry-after') ?? Number.NaN,
      );
      const retryAfterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.ceil(retryAfter * 1000) : undefined;
      if ((res.status === 429 || res.status >= 500) && attempt < attempts) {
        const wait = Math.min(this.opts.maxWaitMs ?? 5000, Math.max(retryAfterMs ?? 0, 100 * 2 ** attempt));
        this.opts.log?.warn({ status: res.status, path, wait }, 'discord rest retry');
        await sleep(wait);
        continue;
      }
      throw new DiscordApiError(res.status, (json as { code?: number } | undefined)?.code, json, method, path, retryAfterMs);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

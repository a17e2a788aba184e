// The Discord stand-in's REST routes (API v10): each checks its request as Discord does and answers in
// Discord's shapes. Whatever Discord would reject is answered with Discord's error AND recorded in
// `violations`, so a test can assert that the bot never sent a bad request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHANNEL_ID, GUILD_ID, nextId } from './payloads.ts';
import { timeOfSnowflake } from './snowflake.ts';
import { type DiscordState, type Failure, type Interaction, NONCE_WINDOW_MS, type StoredMessage } from './state.ts';
import { type Files, readBody } from './body.ts';
import { isEmptyMessage, validateCommands, validateMessage, validateModal } from './validate.ts';
import { guildRoute, overwritesFor, refusalFor } from './permissions.ts';

export function createRoutes(s: DiscordState) {
  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const reject = (res: ServerResponse, problems: string[]) => {
    s.violations.push(...problems);
    if (problems.some((p) => p.includes('(50006)'))) return send(res, 400, { code: 50006, message: 'Cannot send an empty message' });
    send(res, 400, {
      code: 50035,
      message: 'Invalid Form Body',
      errors: { _errors: problems.map((message) => ({ code: 'INVALID', message })) },
    });
  };
  /** Messages that would be created: empty ones are refused with Discord's own code before anything else. */
  const messageProblems = (body: any, where: string, files: Files) =>
    isEmptyMessage(body ?? {}, files.length) ? [`${where}: cannot send an empty message (50006)`] : validateMessage(body, where);
  const storeMessage = (channel: string, body: any, extra: Partial<StoredMessage> = {}): StoredMessage => {
    const m: StoredMessage = {
      id: s.mint.next(),
      channel_id: channel,
      content: body.content,
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      flags: body.flags,
      allowed_mentions: body.allowed_mentions,
      nonce: body.nonce,
      storedAt: s.now(),
      ...extra,
    };
    s.messages.set(channel, [...(s.messages.get(channel) ?? []), m]);
    return m;
  };
  const apiMessage = ({ storedAt: _at, attachments, ...m }: StoredMessage) => ({
    ...m,
    type: 0,
    author: s.botUser,
    timestamp: new Date(timeOfSnowflake(m.id)).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: (attachments ?? []).map((a) => ({
      id: nextId(),
      filename: a.filename,
      description: a.description,
      content_type: a.contentType,
      size: a.bytes.length,
      url: `http://127.0.0.1:${s.port}/attachments/${a.filename}`,
    })),
    pinned: false,
  });

  function fail(res: ServerResponse, f: Failure) {
    if (f.status === 429) {
      const retry = f.retryAfter ?? 0.05;
      return send(
        res,
        429,
        { message: 'You are being rate limited.', retry_after: retry, global: false },
        { 'retry-after': String(retry), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(retry) },
      );
    }
    send(
      res,
      f.status,
      { code: f.code ?? 0, message: f.message ?? `${f.status}` },
      f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {},
    );
  }

  function validateCallback(i: Interaction, body: any): string[] {
    const allowed: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
    if (!body || typeof body.type !== 'number') return ['callback: type required'];
    if (!(allowed[i.type] ?? []).includes(body.type)) return [`callback type ${body.type} is not valid for interaction type ${i.type}`];
    if (body.type === 4) return messageProblems(body.data ?? {}, 'callback.data', []);
    if (body.type === 7) return validateMessage(body.data ?? {}, 'callback.data', 'edit');
    if (body.type === 9) return validateModal(body.data ?? {});
    if (body.type === 8) {
      const choices = body.data?.choices;
      if (!Array.isArray(choices) || choices.length > 25) return ['autocomplete: at most 25 choices'];
      return choices.flatMap((c: any, n: number) =>
        typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100 || String(c.value).length > 100
          ? [`autocomplete.choices[${n}]: name 1-100, value at most 100`]
          : [],
      );
    }
    return [];
  }

  function acknowledge(i: Interaction, body: { type: number; data?: any }) {
    i.callback = body;
    if (body.type === 4 || body.type === 7)
      i.original = { id: s.mint.next(), channel_id: CHANNEL_ID, embeds: [], components: [], ...body.data, interaction: i.id };
    // A deferral shows "thinking…" at once, public or ephemeral as its flags say.
    if (body.type === 5)
      i.original = { id: s.mint.next(), channel_id: CHANNEL_ID, embeds: [], components: [], flags: body.data?.flags, interaction: i.id };
    for (const w of i.waiters.splice(0)) w(body);
  }

  /** GET /channels/:id/messages: newest first, `limit` 1-100 (50), paged by one of before, after, around. */
  function listMessages(res: ServerResponse, channel: string, query: URLSearchParams) {
    const limit = Number(query.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return reject(res, [`GET messages: limit must be 1-100, got ${query.get('limit')}`]);
    const anchors = ['before', 'after', 'around'].filter((k) => query.has(k));
    if (anchors.length > 1) return reject(res, [`GET messages: only one of before, after, around (got ${anchors.join(', ')})`]);
    const anchor = anchors[0];
    const at = anchor ? query.get(anchor)! : '';
    if (anchor && !/^\d{1,20}$/.test(at)) return reject(res, [`GET messages: ${anchor} must be a snowflake, got ${at}`]);
    const all = s.messages.get(channel) ?? [];
    const id = anchor ? BigInt(at) : 0n;
    let page: StoredMessage[];
    if (anchor === 'after') page = all.filter((m) => BigInt(m.id) > id).slice(0, limit);
    else if (anchor === 'before') page = all.filter((m) => BigInt(m.id) < id).slice(-limit);
    else if (anchor === 'around') {
      const from = Math.max(0, all.findIndex((m) => BigInt(m.id) >= id) - Math.floor(limit / 2));
      page = all.slice(from, from + limit);
    } else page = all.slice(-limit);
    // A fetched message carries no nonce: only the create response does.
    return send(
      res,
      200,
      page.reverse().map(({ nonce: _nonce, ...rest }) => apiMessage(rest)),
    );
  }

  function postMessage(res: ServerResponse, channel: string, body: any, files: Files) {
    if (s.globalRate) {
      const now = Date.now();
      const win = Math.floor(now / 1000);
      if (s.globalRate.window !== win) Object.assign(s.globalRate, { window: win, count: 0 });
      if (++s.globalRate.count > s.globalRate.perSecond) {
        const retry = ((win + 1) * 1000 - now) / 1000;
        return send(
          res,
          429,
          { message: 'You are being rate limited.', retry_after: retry, global: true },
          { 'retry-after': String(Math.ceil(retry)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
        );
      }
    }
    const hook = s.postHook?.(channel, body);
    if (hook === 'hang') return;
    if (s.rate) {
      const now = Date.now();
      const win = (s.rate.windows.get(channel) ?? []).filter((t) => now - t < 1000);
      if (win.length >= s.rate.perSecond) {
        const retry = (1000 - (now - win[0]!)) / 1000;
        return send(
          res,
          429,
          { message: 'You are being rate limited.', retry_after: retry, global: false },
          {
            'retry-after': String(Math.ceil(retry)),
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset-after': String(retry),
            'x-ratelimit-scope': 'user',
          },
        );
      }
      win.push(now);
      s.rate.windows.set(channel, win);
    }
    const problems = messageProblems(body, 'message', files);
    if (problems.length) return reject(res, problems);
    let stored: StoredMessage | undefined;
    // Discord matches a nonce against messages of "the past few minutes" only.
    if (body.enforce_nonce && body.nonce !== undefined)
      stored = (s.messages.get(channel) ?? []).find((x) => x.nonce === body.nonce && s.now() - (x.storedAt ?? 0) < NONCE_WINDOW_MS);
    stored ??= storeMessage(channel, body, files.length ? { attachments: files } : {});
    if (hook === 'hang-after-store') return;
    if (s.failAfter) {
      const f = s.failAfter;
      s.failAfter = undefined;
      return fail(res, f);
    }
    return send(res, 200, apiMessage(stored));
  }

  function webhook(req: IncomingMessage, res: ServerResponse, m: RegExpMatchArray, body: any, files: Files) {
    const i = [...s.interactions.values()].find((x) => x.token === m[2]);
    if (m[1] !== s.applicationId || !i || !i.callback) return send(res, 404, { code: 10015, message: 'Unknown Webhook' });
    if (Date.now() - i.createdAt > 15 * 60_000) return send(res, 401, { code: 50027, message: 'Invalid Webhook Token' });
    if (m[3] === '@original') {
      if (req.method === 'GET')
        return i.original ? send(res, 200, apiMessage(i.original)) : send(res, 404, { code: 10008, message: 'Unknown Message' });
      if (req.method === 'DELETE') {
        i.original = undefined;
        return send(res, 204);
      }
      if (req.method === 'PATCH') {
        const problems = validateMessage(body ?? {}, 'edit', 'edit');
        if (problems.length) return reject(res, problems);
        // Visibility is fixed when the message is created (or deferred): an edit cannot change it.
        const base = i.original ?? { id: s.mint.next(), channel_id: CHANNEL_ID, embeds: [], components: [] };
        if ((body.flags ?? 0) & 64 && !((base.flags ?? 0) & 64))
          s.violations.push(`interaction ${i.id}: an edit cannot make a public message ephemeral`);
        i.original = { ...base, ...body, flags: base.flags, interaction: i.id, ...(files.length ? { attachments: files } : {}) };
        return send(res, 200, apiMessage(i.original!));
      }
    }
    if (!m[3] && req.method === 'POST') {
      const problems = messageProblems(body, 'followup', files);
      if (problems.length) return reject(res, problems);
      const msg = storeMessage(CHANNEL_ID, body, { interaction: i.id, ...(files.length ? { attachments: files } : {}) });
      i.followUps.push(msg);
      return send(res, 200, apiMessage(msg));
    }
    return unknownRoute(req, res);
  }

  function unknownRoute(req: IncomingMessage, res: ServerResponse) {
    s.violations.push(`${req.method} ${req.url}: no such route`);
    send(res, 404, { message: '404: Not Found', code: 0 });
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const read = await readBody(req, `${req.method} ${path}`);
    s.requests.push({ method: req.method ?? '', path, headers: req.headers, body: read.ok ? read.body : undefined, at: Date.now() });
    if (!url.pathname.startsWith('/api/v10/')) {
      s.violations.push(`${req.method} ${req.url}: not an API v10 route`);
      return send(res, 404, { message: '404: Not Found', code: 0 });
    }
    if (!read.ok) {
      s.violations.push(...read.problems);
      return send(res, read.status, read.error);
    }
    const { body, files } = read;
    const needsBot = () => {
      if (req.headers.authorization === `Bot ${s.token}`) return false;
      s.violations.push(`${req.method} ${path}: missing or wrong bot token`);
      send(res, 401, { message: '401: Unauthorized', code: 0 });
      return true;
    };
    const injected = s.failures.findIndex((f) => f.match.test(`${req.method} ${path}`));
    if (injected >= 0) {
      const { failure } = s.failures.splice(injected, 1)[0]!;
      if (!failure.afterStore) return fail(res, failure);
      s.failAfter = failure;
    }
    let m: RegExpMatchArray | null;
    if (req.method === 'GET' && path === '/gateway/bot') {
      if (needsBot()) return;
      return send(res, 200, {
        url: `ws://127.0.0.1:${s.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (req.method === 'GET' && path === '/gateway') return send(res, 200, { url: `ws://127.0.0.1:${s.port}` });
    if (req.method === 'GET' && path === '/users/@me') return needsBot() ? undefined : send(res, 200, s.botUser);
    if (req.method === 'GET' && path === '/applications/@me')
      return needsBot() ? undefined : send(res, 200, { id: s.applicationId, name: 'blocwatch', flags: 0, bot: s.botUser });
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (needsBot()) return;
      if (m[1] !== s.applicationId) return send(res, 403, { code: 50001, message: 'Missing Access' });
      const key = m[2] ?? 'global';
      if (req.method === 'GET') return send(res, 200, s.commands.get(key) ?? []);
      if (req.method === 'PUT') {
        const problems = validateCommands(body);
        if (problems.length) return reject(res, problems);
        const stored = (body as any[]).map((c) =>
          asDiscordStores(c, { id: nextId(), application_id: s.applicationId, version: nextId(), ...(m![2] ? { guild_id: m![2] } : {}) }),
        );
        s.commands.set(key, stored);
        return send(res, 200, stored);
      }
    }
    if (req.method === 'POST' && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const i = s.interactions.get(m[1]!);
      if (!i || i.token !== m[2]) return send(res, 404, { code: 10062, message: 'Unknown interaction' });
      if (Date.now() - i.createdAt > s.timeoutMs) {
        s.violations.push(`callback for interaction ${i.id} after ${Date.now() - i.createdAt} ms`);
        return send(res, 404, { code: 10062, message: 'Unknown interaction' });
      }
      if (i.callback) {
        s.violations.push(`second callback for interaction ${i.id}`);
        return send(res, 400, { code: 40060, message: 'Interaction has already been acknowledged.' });
      }
      const problems = validateCallback(i, body);
      if (problems.length) return reject(res, problems);
      acknowledge(i, body);
      return send(res, 204);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) return webhook(req, res, m, body, files);
    if (req.method === 'GET' && path.startsWith('/guilds/')) {
      if (needsBot()) return;
      const g = guildRoute(path, GUILD_ID, s.botUser);
      if (g) return send(res, g.status, g.body);
    }
    if ((m = path.match(/^\/channels\/(\d+)(\/messages)?$/))) {
      if (needsBot()) return;
      const channel = m[1]!;
      const mode = s.channelModes.get(channel);
      if (mode) return fail(res, mode);
      const denied = s.botDenied.get(channel);
      const refused = refusalFor(denied, req.method ?? '', Boolean(m[2]), body);
      if (refused) return fail(res, refused);
      if (!m[2] && req.method === 'GET')
        return send(res, 200, {
          id: channel,
          type: 0,
          guild_id: GUILD_ID,
          name: `channel-${channel}`,
          permission_overwrites: overwritesFor(denied, s.botUser.id),
        });
      if (m[2] && req.method === 'GET') return listMessages(res, channel, url.searchParams);
      if (m[2] && req.method === 'POST') return postMessage(res, channel, body ?? {}, files);
    }
    return unknownRoute(req, res);
  }

  return { route, validateCallback, acknowledge };
}

export type Routes = ReturnType<typeof createRoutes>;

/**
 * A command as Discord echoes it: its own fields first, defaults filled in (type, nsfw, localizations,
 * required: false), keys in another order than sent. A bot comparing naively sees a change every time.
 */
function asDiscordStores(c: any, ids: Record<string, string>): any {
  const option = (o: any): any => {
    const { name, description, type, options, ...rest } = o;
    return {
      type,
      name,
      name_localizations: null,
      description,
      description_localizations: null,
      ...(type !== 1 && type !== 2 ? { required: false } : {}),
      ...rest,
      ...(options ? { options: options.map(option) } : {}),
    };
  };
  const { name, description, options, ...rest } = c;
  return {
    ...ids,
    type: 1,
    name,
    name_localizations: null,
    description,
    description_localizations: null,
    dm_permission: true,
    nsfw: false,
    ...rest,
    ...(options ? { options: options.map(option) } : {}),
  };
}

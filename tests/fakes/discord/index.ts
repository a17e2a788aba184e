// A local stand-in for Discord (API v10): REST routes that check payloads as Discord does and answer
// with Discord's error shapes, and a gateway WebSocket (HELLO, IDENTIFY, READY, heartbeats,
// INTERACTION_CREATE). Anything Discord would reject is answered with an error AND recorded in
// `violations`, so a test can assert that the bot never sent a bad request.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseMultipart, type Upload } from './multipart.ts';
import { validateCommands, validateMessage, validateModal } from './validate.ts';

export interface StoredMessage {
  id: string;
  channel_id: string;
  content?: string;
  embeds: any[];
  components: any[];
  flags?: number;
  allowed_mentions?: unknown;
  nonce?: string | number;
  storedAt?: number;
  interaction?: string;
  /** Files uploaded with the message (multipart), bytes included. */
  attachments?: Upload[];
}

interface Interaction {
  id: string;
  token: string;
  type: number;
  createdAt: number;
  callback?: { type: number; data?: any };
  original?: StoredMessage;
  followUps: StoredMessage[];
  waiters: ((cb: { type: number; data?: any }) => void)[];
}

export interface Failure {
  status: number;
  code?: number;
  message?: string;
  retryAfter?: number;
  /** Process the request (store the message) and only then answer with the failure: a lost reply. */
  afterStore?: boolean;
}

/** What to do with a channel message POST: 'hang' never answers; 'hang-after-store' stores, then never answers. */
export type PostHook = (channel: string, body: any) => 'hang' | 'hang-after-store' | void;

export interface RequestLog {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
  at: number;
}

let snowflake = 1_100_000_000_000_000_000n;
const nextId = () => String(++snowflake);
/** How long the stand-in honours enforce_nonce; shorter than the bot may assume would fail tests. */
const NONCE_WINDOW_MS = 3 * 60_000;

export const GUILD_ID = '900000000000000001';
export const CHANNEL_ID = '900000000000000002';

export interface DiscordFakeOptions {
  token?: string;
  applicationId?: string;
  /** Discord allows 3 s between an interaction and its callback. */
  interactionTimeoutMs?: number;
  /** HELLO's heartbeat_interval; Discord's is about 41 s, tests shorten it to see heartbeats. */
  heartbeatIntervalMs?: number;
}

export async function startDiscordFake(opts: DiscordFakeOptions = {}) {
  const token = opts.token ?? 'fake-bot-token';
  const applicationId = opts.applicationId ?? '900000000000000100';
  const timeoutMs = opts.interactionTimeoutMs ?? 3000;
  const botUser = { id: applicationId, username: 'blocwatch', discriminator: '0', global_name: 'blocwatch', bot: true, avatar: null };
  const violations: string[] = [];
  const requests: RequestLog[] = [];
  const heartbeats: (number | null)[] = [];
  const commands = new Map<string, any[]>();
  const messages = new Map<string, StoredMessage[]>();
  const interactions = new Map<string, Interaction>();
  const failures: { match: RegExp; failure: Failure }[] = [];
  const channelModes = new Map<string, Failure>();
  let rate: { perSecond: number; windows: Map<string, number[]> } | undefined;
  let globalRate: { perSecond: number; window: number; count: number } | undefined;
  let postHook: PostHook | undefined;
  let failAfter: Failure | undefined;
  const sockets = new Set<WebSocket>();
  let identified: { intents: number } | undefined;
  let identifyWaiters: (() => void)[] = [];
  let seq = 0;

  const server = createServer((req, res) => void route(req, res));
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const reject = (res: ServerResponse, problems: string[]) => {
    violations.push(...problems);
    send(res, 400, { code: 50035, message: 'Invalid Form Body', errors: { _errors: problems.map((message) => ({ code: 'INVALID', message })) } });
  };
  const storeMessage = (channel: string, body: any, extra: Partial<StoredMessage> = {}): StoredMessage => {
    const m: StoredMessage = { id: nextId(), channel_id: channel, content: body.content, embeds: body.embeds ?? [], components: body.components ?? [], flags: body.flags, allowed_mentions: body.allowed_mentions, nonce: body.nonce, storedAt: Date.now(), ...extra };
    messages.set(channel, [...(messages.get(channel) ?? []), m]);
    return m;
  };
  const apiMessage = ({ storedAt: _at, attachments, ...m }: StoredMessage) => ({
    ...m,
    type: 0,
    author: botUser,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: (attachments ?? []).map((a) => ({ id: nextId(), filename: a.filename, description: a.description, content_type: a.contentType, size: a.bytes.length, url: `${base}/attachments/${a.filename}` })),
    pinned: false,
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    let body: any;
    let uploads: Upload[] = [];
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('multipart/form-data')) {
      const parsed = await parseMultipart(contentType, bytes, `${req.method} ${req.url}`);
      if (parsed.problems.length) return reject(res, parsed.problems);
      ({ body, uploads } = parsed);
    } else
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        violations.push(`${req.method} ${req.url}: body is not JSON`);
        return send(res, 400, { code: 50109, message: 'The request body contains invalid JSON.' });
      }
    const path = (req.url ?? '').split('?')[0]!.replace(/^\/api\/v10/, '');
    requests.push({ method: req.method ?? '', path, headers: req.headers, body, at: Date.now() });
    if (!(req.url ?? '').startsWith('/api/v10/')) {
      violations.push(`${req.method} ${req.url}: not an API v10 route`);
      return send(res, 404, { message: '404: Not Found', code: 0 });
    }
    const bot = req.headers.authorization === `Bot ${token}`;
    const needsBot = () => {
      if (bot) return false;
      violations.push(`${req.method} ${path}: missing or wrong bot token`);
      send(res, 401, { message: '401: Unauthorized', code: 0 });
      return true;
    };
    const injected = failures.findIndex((f) => f.match.test(`${req.method} ${path}`));
    if (injected >= 0) {
      const { failure } = failures.splice(injected, 1)[0]!;
      if (!failure.afterStore) return fail(res, failure);
      failAfter = failure;
    }
    let m: RegExpMatchArray | null;
    if (req.method === 'GET' && path === '/gateway/bot') {
      if (needsBot()) return;
      return send(res, 200, { url: `ws://127.0.0.1:${port}`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (req.method === 'GET' && path === '/gateway') return send(res, 200, { url: `ws://127.0.0.1:${port}` });
    if (req.method === 'GET' && path === '/users/@me') return needsBot() ? undefined : send(res, 200, botUser);
    if (req.method === 'GET' && path === '/applications/@me') return needsBot() ? undefined : send(res, 200, { id: applicationId, name: 'blocwatch', flags: 0, bot: botUser });
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (needsBot()) return;
      if (m[1] !== applicationId) return send(res, 403, { code: 50001, message: 'Missing Access' });
      const key = m[2] ?? 'global';
      if (req.method === 'GET') return send(res, 200, commands.get(key) ?? []);
      if (req.method === 'PUT') {
        const problems = validateCommands(body);
        if (problems.length) return reject(res, problems);
        const stored = (body as any[]).map((c) => asDiscordStores(c, { id: nextId(), application_id: applicationId, version: nextId(), ...(m![2] ? { guild_id: m![2] } : {}) }));
        commands.set(key, stored);
        return send(res, 200, stored);
      }
    }
    if (req.method === 'POST' && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const i = interactions.get(m[1]!);
      if (!i || i.token !== m[2]) return send(res, 404, { code: 10062, message: 'Unknown interaction' });
      if (Date.now() - i.createdAt > timeoutMs) {
        violations.push(`callback for interaction ${i.id} after ${Date.now() - i.createdAt} ms`);
        return send(res, 404, { code: 10062, message: 'Unknown interaction' });
      }
      if (i.callback) {
        violations.push(`second callback for interaction ${i.id}`);
        return send(res, 400, { code: 40060, message: 'Interaction has already been acknowledged.' });
      }
      const problems = validateCallback(i, body);
      if (problems.length) return reject(res, problems);
      acknowledge(i, body);
      return send(res, 204);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) {
      const i = [...interactions.values()].find((x) => x.token === m![2]);
      if (m[1] !== applicationId || !i || !i.callback) return send(res, 404, { code: 10015, message: 'Unknown Webhook' });
      if (Date.now() - i.createdAt > 15 * 60_000) return send(res, 401, { code: 50027, message: 'Invalid Webhook Token' });
      if (m[3] === '@original') {
        if (req.method === 'GET') return i.original ? send(res, 200, apiMessage(i.original)) : send(res, 404, { code: 10008, message: 'Unknown Message' });
        if (req.method === 'DELETE') {
          i.original = undefined;
          return send(res, 204);
        }
        if (req.method === 'PATCH') {
          const problems = validateMessage(body, 'edit');
          if (problems.length) return reject(res, problems);
          // Visibility is fixed when the message is created (or deferred): an edit cannot change it.
          const base = i.original ?? { id: nextId(), channel_id: CHANNEL_ID, embeds: [], components: [] };
          if ((body.flags ?? 0) & 64 && !((base.flags ?? 0) & 64)) violations.push(`interaction ${i.id}: an edit cannot make a public message ephemeral`);
          i.original = { ...base, ...body, flags: base.flags, interaction: i.id, ...(uploads.length ? { attachments: uploads } : {}) };
          return send(res, 200, apiMessage(i.original!));
        }
      }
      if (!m[3] && req.method === 'POST') {
        const problems = validateMessage(body, 'followup');
        if (problems.length) return reject(res, problems);
        const msg = storeMessage(CHANNEL_ID, body, { interaction: i.id, ...(uploads.length ? { attachments: uploads } : {}) });
        i.followUps.push(msg);
        return send(res, 200, apiMessage(msg));
      }
    }
    if ((m = path.match(/^\/channels\/(\d+)(\/messages)?$/))) {
      if (needsBot()) return;
      const channel = m[1]!;
      const mode = channelModes.get(channel);
      if (mode) return fail(res, mode);
      if (!m[2] && req.method === 'GET') return send(res, 200, { id: channel, type: 0, guild_id: GUILD_ID, name: `channel-${channel}` });
      // A fetched message carries no nonce: only the create response does.
      if (m[2] && req.method === 'GET') return send(res, 200, [...(messages.get(channel) ?? [])].reverse().map(({ nonce: _nonce, ...rest }) => apiMessage(rest)));
      if (m[2] && req.method === 'POST') {
        if (globalRate) {
          const now = Date.now();
          const win = Math.floor(now / 1000);
          if (globalRate.window !== win) Object.assign(globalRate, { window: win, count: 0 });
          if (++globalRate.count > globalRate.perSecond) {
            const retry = ((win + 1) * 1000 - now) / 1000;
            return send(res, 429, { message: 'You are being rate limited.', retry_after: retry, global: true }, { 'retry-after': String(Math.ceil(retry)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
          }
        }
        const hook = postHook?.(channel, body);
        if (hook === 'hang') return;
        if (rate) {
          const now = Date.now();
          const win = (rate.windows.get(channel) ?? []).filter((t) => now - t < 1000);
          if (win.length >= rate.perSecond) {
            const retry = (1000 - (now - win[0]!)) / 1000;
            return send(res, 429, { message: 'You are being rate limited.', retry_after: retry, global: false }, { 'retry-after': String(Math.ceil(retry)), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(retry), 'x-ratelimit-scope': 'user' });
          }
          win.push(now);
          rate.windows.set(channel, win);
        }
        const problems = validateMessage(body, 'message');
        if (problems.length) return reject(res, problems);
        if (body.nonce !== undefined && (typeof body.nonce === 'string' ? body.nonce.length > 25 : !Number.isSafeInteger(body.nonce))) return reject(res, ['nonce: at most 25 characters']);
        let stored: StoredMessage | undefined;
        // Discord matches a nonce against messages of "the past few minutes" only.
        if (body.enforce_nonce && body.nonce !== undefined) stored = (messages.get(channel) ?? []).find((x) => x.nonce === body.nonce && Date.now() - (x.storedAt ?? 0) < NONCE_WINDOW_MS);
        stored ??= storeMessage(channel, body);
        if (hook === 'hang-after-store') return;
        if (failAfter) {
          const f = failAfter;
          failAfter = undefined;
          return fail(res, f);
        }
        return send(res, 200, apiMessage(stored));
      }
    }
    violations.push(`${req.method} ${path}: no such route`);
    send(res, 404, { message: '404: Not Found', code: 0 });
  }

  function fail(res: ServerResponse, f: Failure) {
    if (f.status === 429) {
      const retry = f.retryAfter ?? 0.05;
      return send(res, 429, { message: 'You are being rate limited.', retry_after: retry, global: false }, { 'retry-after': String(retry), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(retry) });
    }
    send(res, f.status, { code: f.code ?? 0, message: f.message ?? `${f.status}` }, f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {});
  }

  function validateCallback(i: Interaction, body: any): string[] {
    const allowed: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };
    if (!body || typeof body.type !== 'number') return ['callback: type required'];
    if (!(allowed[i.type] ?? []).includes(body.type)) return [`callback type ${body.type} is not valid for interaction type ${i.type}`];
    if (body.type === 4 || body.type === 7) return validateMessage(body.data ?? {}, 'callback.data');
    if (body.type === 9) return validateModal(body.data ?? {});
    if (body.type === 8) {
      const choices = body.data?.choices;
      if (!Array.isArray(choices) || choices.length > 25) return ['autocomplete: at most 25 choices'];
      return choices.flatMap((c: any, n: number) => (typeof c.name !== 'string' || c.name.length < 1 || c.name.length > 100 || String(c.value).length > 100 ? [`autocomplete.choices[${n}]: name 1-100, value at most 100`] : []));
    }
    return [];
  }

  function acknowledge(i: Interaction, body: { type: number; data?: any }) {
    i.callback = body;
    if (body.type === 4 || body.type === 7) i.original = { id: nextId(), channel_id: CHANNEL_ID, embeds: [], components: [], ...body.data, interaction: i.id };
    // A deferral shows "thinking…" at once, public or ephemeral as its flags say.
    if (body.type === 5) i.original = { id: nextId(), channel_id: CHANNEL_ID, embeds: [], components: [], flags: body.data?.flags, interaction: i.id };
    for (const w of i.waiters.splice(0)) w(body);
  }

  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: opts.heartbeatIntervalMs ?? 41250 }, s: null, t: null }));
    ws.on('message', (data) => {
      const p = JSON.parse(data.toString());
      if (p.op === 1) {
        heartbeats.push(p.d);
        return ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      }
      if (p.op === 2) {
        if (p.d?.token !== token && p.d?.token !== `Bot ${token}`) return ws.close(4004, 'Authentication failed.');
        identified = { intents: p.d.intents };
        ws.send(JSON.stringify({ op: 0, s: ++seq, t: 'READY', d: { v: 10, user: botUser, guilds: [], session_id: 'fake-session', resume_gateway_url: `ws://127.0.0.1:${port}`, shard: [0, 1], application: { id: applicationId, flags: 0 } } }));
        for (const w of identifyWaiters.splice(0)) w();
        return;
      }
      if (p.op === 6) return ws.send(JSON.stringify({ op: 0, s: ++seq, t: 'RESUMED', d: {} }));
    });
    ws.on('close', () => sockets.delete(ws));
  });

  const register = (payload: any) => {
    const i: Interaction = { id: payload.id, token: payload.token, type: payload.type, createdAt: Date.now(), followUps: [], waiters: [] };
    interactions.set(i.id, i);
    return i;
  };

  return {
    apiUrl: `${base}/api`,
    port,
    token,
    applicationId,
    botUser,
    violations,
    requests,
    /** The sequence number each heartbeat (op 1) carried; every one was acknowledged (op 11). */
    heartbeats,
    commands,
    messages,
    interactions,
    get gatewayConnections() {
      return sockets.size;
    },
    get identified() {
      return identified;
    },
    whenIdentified(): Promise<void> {
      return identified ? Promise.resolve() : new Promise((r) => identifyWaiters.push(r));
    },
    /** Sends INTERACTION_CREATE over the gateway and resolves with the bot's callback. */
    dispatchInteraction(payload: any, waitMs = 5000): Promise<{ type: number; data?: any }> {
      const i = register(payload);
      const done = this.callbackOf(payload.id, waitMs);
      for (const ws of sockets) ws.send(JSON.stringify({ op: 0, s: ++seq, t: 'INTERACTION_CREATE', d: payload }));
      i.createdAt = Date.now();
      return done;
    },
    /** Registers an interaction delivered some other way (HTTP mode) so that its webhooks work. */
    expectInteraction(payload: any) {
      return register(payload);
    },
    /** Records an HTTP-mode callback (the HTTP response) as if it had come over REST. */
    acknowledgeHttp(payload: any, body: { type: number; data?: any }) {
      const i = interactions.get(payload.id) ?? register(payload);
      const problems = validateCallback(i, body);
      violations.push(...problems);
      if (!problems.length) acknowledge(i, body);
      return problems;
    },
    callbackOf(id: string, waitMs = 5000): Promise<{ type: number; data?: any }> {
      const i = interactions.get(id);
      if (i?.callback) return Promise.resolve(i.callback);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no callback for interaction ${id} within ${waitMs} ms`)), waitMs);
        interactions.get(id)!.waiters.push((cb) => {
          clearTimeout(t);
          resolve(cb);
        });
      });
    },
    failNext(match: RegExp, failure: Failure) {
      failures.push({ match, failure });
    },
    setChannelMode(channel: string, failure: Failure | undefined) {
      if (failure) channelModes.set(channel, failure);
      else channelModes.delete(channel);
    },
    setRateLimit(perSecond: number | undefined) {
      rate = perSecond ? { perSecond, windows: new Map() } : undefined;
    },
    /** Discord's global limit: message POSTs across all channels per second; over it, 429 with global: true. */
    setGlobalRateLimit(perSecond: number | undefined) {
      globalRate = perSecond ? { perSecond, window: 0, count: 0 } : undefined;
    },
    onMessagePost(hook: PostHook | undefined) {
      postHook = hook;
    },
    messagesIn(channel: string): StoredMessage[] {
      return messages.get(channel) ?? [];
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type DiscordFake = Awaited<ReturnType<typeof startDiscordFake>>;

// ---- Interaction payloads, shaped like Discord's ----------------------------------------------

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

export interface MemberOptions {
  userId?: string;
  permissions?: string;
  roles?: string[];
}

const ADMIN_PERMS = String((1n << 5n) | (1n << 10n) | (1n << 11n));
const MEMBER_PERMS = String((1n << 10n) | (1n << 11n));
export const adminMember: MemberOptions = { userId: '800000000000000001', permissions: ADMIN_PERMS };
export const plainMember: MemberOptions = { userId: '800000000000000002', permissions: MEMBER_PERMS };

function base(type: number, member: MemberOptions = plainMember, applicationId = '900000000000000100') {
  const id = nextId();
  const userId = member.userId ?? plainMember.userId!;
  return {
    id,
    application_id: applicationId,
    type,
    token: `tok-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: 'en-US', features: [] },
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'news' },
    member: {
      user: { id: userId, username: `user${userId.slice(-2)}`, discriminator: '0', global_name: null, avatar: null },
      roles: member.roles ?? [],
      permissions: member.permissions ?? MEMBER_PERMS,
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
    },
    app_permissions: String((1n << 10n) | (1n << 11n) | (1n << 14n)),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

function commandOptions(subcommand: string | undefined, options: Record<string, string | number> = {}, focused?: string) {
  const opts = Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : 3, value, ...(name === focused ? { focused: true } : {}) }));
  return subcommand ? [{ name: subcommand, type: 1, options: opts }] : opts;
}

export function chatInput(o: { name: string; subcommand?: string; options?: Record<string, string | number>; member?: MemberOptions }) {
  return { ...base(2, o.member), data: { id: nextId(), name: o.name, type: 1, guild_id: GUILD_ID, options: commandOptions(o.subcommand, o.options) } };
}

export function autocomplete(o: { name: string; subcommand?: string; focused: string; value: string; options?: Record<string, string>; member?: MemberOptions }) {
  return { ...base(4, o.member), data: { id: nextId(), name: o.name, type: 1, options: commandOptions(o.subcommand, { ...o.options, [o.focused]: o.value }, o.focused) } };
}

export function button(o: { customId: string; member?: MemberOptions; message?: any }) {
  return {
    ...base(3, o.member),
    message: o.message ?? { id: nextId(), channel_id: CHANNEL_ID, type: 20, content: '', embeds: [], components: [], author: { id: '900000000000000100', username: 'blocwatch', bot: true }, timestamp: new Date().toISOString(), flags: 0 },
    data: { custom_id: o.customId, component_type: 2 },
  };
}

export function modalSubmit(o: { customId: string; fields: Record<string, string>; member?: MemberOptions }) {
  return {
    ...base(5, o.member),
    data: {
      custom_id: o.customId,
      components: Object.entries(o.fields).map(([id, value]) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: id, value } })),
    },
  };
}

// ---- Ed25519, as Discord signs HTTP interactions ----------------------------------------------

export function generateInteractionKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32);
  return {
    publicKeyHex: raw.toString('hex'),
    privateKey: privateKey as KeyObject,
    sign: (timestamp: string, body: string) => sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}

export async function postSignedInteraction(
  url: string,
  payload: unknown,
  keys: ReturnType<typeof generateInteractionKeys>,
  o: { timestamp?: string; tamperBody?: boolean; badSignature?: boolean; omitHeaders?: boolean } = {},
): Promise<{ status: number; json: any }> {
  const body = JSON.stringify(payload);
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  let signature = keys.sign(timestamp, body);
  if (o.badSignature) signature = signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
  const sent = o.tamperBody ? body.replace(/"type":\d/, '"type":1') + ' ' : body;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(o.omitHeaders ? {} : { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }) },
    body: sent,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

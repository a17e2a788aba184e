// A local stand-in for Slack: the Web API methods the bot calls (auth.test, chat.postMessage,
// chat.postEphemeral, views.open, conversations.history, apps.connections.open, files.*), checked as Slack
// checks them and answered in Slack's shapes ({ok: false, error}); a response_url catcher; and a Socket
// Mode WebSocket (hello, envelopes acknowledged by envelope_id). Every rejected request is also recorded
// in `violations`, so a test can assert that the bot never sent one.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeFiles, type SlackFile } from './files.ts';
import { validateMessage, validateModal, validateViewAck } from './validate.ts';

export type { SlackFile };

import { BOT_USER_ID, TEAM_ID } from './ids.ts';

export * from './ids.ts';
export * from './types.ts';
import {
  type ApiCall,
  type ChannelState,
  type Failure,
  RESPONSE_URL_TTL_MS,
  RESPONSE_URL_USES,
  type SlackFake,
  type SlackFakeOptions,
  type SlackMessage,
} from './types.ts';
export { blockAction, signSlack, slashCommand, viewSubmission } from './payloads.ts';

let tsCounter = 1_700_000_000_000_000;
const nextTs = () => {
  tsCounter += 1;
  return `${String(tsCounter).slice(0, 10)}.${String(tsCounter).slice(10).padStart(6, '0')}`;
};

export async function startSlackFake(opts: SlackFakeOptions = {}): Promise<SlackFake> {
  const now = opts.now ?? Date.now;
  const botToken = `xoxb-test-${randomBytes(6).toString('hex')}`;
  const appToken = `xapp-1-test-${randomBytes(6).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const calls: ApiCall[] = [];
  const violations: string[] = [];
  const messages = new Map<string, SlackMessage[]>();
  const ephemerals: SlackMessage[] = [];
  const views: any[] = [];
  const responses = new Map<string, any[]>();
  const responseIssued = new Map<string, number>();
  const triggers = new Map<string, { issued: number; used: boolean }>();
  const channels = new Map<string, ChannelState>();
  const failures = new Map<string, Failure[]>();
  let postHook: ((channel: string, args: any) => 'hang' | 'hang-after-store' | void) | undefined;
  let rate: { perSecond: number; window: number; count: number } | undefined;
  let socket: WebSocket | undefined;
  let onSocket: (() => void)[] = [];
  const pendingAcks = new Map<string, (ack: any) => void>();
  const files = new FakeFiles(() => `http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  const reject = (res: ServerResponse, where: string, error: string, problems: string[] = [], status = 200) => {
    violations.push(...(problems.length ? problems : [`${where}: ${error}`]));
    send(res, status, { ok: false, error, ...(problems.length ? { response_metadata: { messages: problems } } : {}) });
  };

  const api = async (method: string, req: IncomingMessage, res: ServerResponse, raw: string) => {
    const type = req.headers['content-type'] ?? '';
    const json = /^application\/json\s*(;|$)/i.test(type);
    if (raw && !json && !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
      return reject(res, method, 'invalid_form_data', [
        `${method}: unsupported content type "${type || 'none'}" (form-urlencoded or JSON)`,
      ]);
    }
    const args = parseArgs(json, raw);
    if (!args) return reject(res, method, 'invalid_json');
    calls.push({ method, args, at: Date.now() });
    // Slack reads a token from a form body, but from a JSON body never: JSON needs the Authorization header.
    if (json && args.token !== undefined)
      violations.push(`${method}: a token in a JSON body (Slack ignores it; send Authorization: Bearer)`);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || (json ? undefined : args.token);
    const wantApp = method === 'apps.connections.open';
    if (token !== (wantApp ? appToken : botToken)) return reject(res, method, token ? 'invalid_auth' : 'not_authed');

    const queued = failures.get(method);
    let failAfter: Exclude<Failure, string> | undefined;
    const failWith = (f: Exclude<Failure, string>) =>
      send(
        res,
        f.status,
        { ok: false, error: f.status === 429 ? 'ratelimited' : 'internal_error' },
        f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {},
      );
    if (queued?.length) {
      const f = queued.shift()!;
      if (typeof f === 'string') return send(res, 200, { ok: false, error: f });
      if (!f.afterStore) return failWith(f);
      failAfter = f;
    }

    switch (method) {
      case 'auth.test':
        return send(res, 200, {
          ok: true,
          url: 'https://blocwatch-test.slack.com/',
          team: 'blocwatch test',
          user: 'blocwatch',
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: 'B0BOT00001',
          is_enterprise_install: false,
        });
      case 'apps.connections.open': {
        const { port } = server.address() as AddressInfo;
        return send(res, 200, { ok: true, url: `ws://127.0.0.1:${port}/socket?ticket=${randomBytes(4).toString('hex')}` });
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        if (typeof args.channel !== 'string' || !args.channel)
          return reject(res, method, 'channel_not_found', [`${method}: channel is required`]);
        if (method === 'chat.postEphemeral' && (typeof args.user !== 'string' || !args.user))
          return reject(res, method, 'user_not_found', [`${method}: user is required`]);
        const state = channels.get(args.channel) ?? 'ok';
        if (state !== 'ok') return send(res, 200, { ok: false, error: state });
        if (method === 'chat.postMessage' && rate) {
          const now = Math.floor(Date.now() / 1000);
          if (rate.window !== now) Object.assign(rate, { window: now, count: 0 });
          if (++rate.count > rate.perSecond) return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        }
        const hook = method === 'chat.postMessage' ? postHook?.(args.channel, args) : undefined;
        if (hook === 'hang') return;
        const problems = validateMessage(args, method);
        if (
          args.metadata !== undefined &&
          (typeof args.metadata?.event_type !== 'string' || typeof args.metadata?.event_payload !== 'object')
        )
          problems.push(`${method}: metadata needs event_type and event_payload`);
        if (problems.length) return reject(res, method, 'invalid_blocks', problems);
        const m: SlackMessage = {
          ts: nextTs(),
          channel: args.channel,
          text: args.text,
          blocks: args.blocks,
          metadata: args.metadata,
          user: args.user,
        };
        if (method === 'chat.postEphemeral') {
          ephemerals.push({ ...m, ephemeral: true });
          return send(res, 200, { ok: true, message_ts: m.ts });
        }
        const list = messages.get(args.channel) ?? [];
        list.push(m);
        messages.set(args.channel, list);
        if (hook === 'hang-after-store') return;
        if (failAfter) return failWith(failAfter);
        return send(res, 200, {
          ok: true,
          channel: args.channel,
          ts: m.ts,
          message: { type: 'message', text: m.text, ts: m.ts, bot_id: 'B0BOT00001' },
        });
      }
      case 'views.open': {
        const t = triggers.get(args.trigger_id);
        if (!t) return reject(res, method, 'invalid_trigger_id');
        if (t.used || Date.now() - t.issued > 3000) return reject(res, method, 'expired_trigger_id');
        t.used = true;
        const problems = validateModal(args.view, 'views.open view');
        if (problems.length) return reject(res, method, 'invalid_arguments', problems);
        views.push(args.view);
        return send(res, 200, { ok: true, view: { id: `V${views.length}`, ...args.view } });
      }
      case 'conversations.history': {
        const state = channels.get(args.channel) ?? 'ok';
        if (state !== 'ok') return send(res, 200, { ok: false, error: state });
        const oldest = Number(args.oldest ?? 0);
        const limit = Math.min(Number(args.limit ?? 100), 999);
        const all = [...(messages.get(args.channel) ?? [])].reverse().filter((m) => Number(m.ts) > oldest);
        const includeMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
        // Pages as Slack does: an opaque cursor in response_metadata.next_cursor, at most `limit` a page.
        const from = args.cursor
          ? Number(
              Buffer.from(String(args.cursor), 'base64')
                .toString()
                .replace(/^next:/, ''),
            )
          : 0;
        if (!Number.isInteger(from) || from < 0) return send(res, 200, { ok: false, error: 'invalid_cursor' });
        const page = all.slice(from, from + limit);
        const more = from + limit < all.length;
        return send(res, 200, {
          ok: true,
          has_more: more,
          messages: page.map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            bot_id: 'B0BOT00001',
            ...(includeMeta && m.metadata ? { metadata: m.metadata } : {}),
          })),
          response_metadata: { next_cursor: more ? Buffer.from(`next:${from + limit}`).toString('base64') : '' },
        });
      }
      default: {
        const a = files.call(method, args, (c) => channels.get(c) ?? 'ok');
        if (!a) return reject(res, method, 'unknown_method');
        if (!a.ok)
          return a.problems
            ? reject(res, method, a.error, a.problems)
            : send(res, 200, { ok: false, error: a.error, ...(a.needed ? { needed: a.needed } : {}) });
        if (a.shared && a.channel)
          messages.set(a.channel, [
            ...(messages.get(a.channel) ?? []),
            { ts: nextTs(), channel: a.channel, text: args.initial_comment, files: a.shared },
          ]);
        return send(res, 200, { ok: true, ...a.body });
      }
    }
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && (await files.upload(url.pathname, req.headers['content-type'] ?? '', bytes, res, violations))) return;
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) return api(url.pathname.slice(5), req, res, raw);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      const id = url.pathname.slice('/response/'.length);
      const list = responses.get(id);
      if (!list) return reject(res, 'response_url', 'invalid_response_url', [`response_url ${id}: never issued`], 404);
      if (list.length >= RESPONSE_URL_USES)
        return reject(res, 'response_url', 'used_too_many_times', [`response_url ${id}: used more than ${RESPONSE_URL_USES} times`], 404);
      const age = now() - (responseIssued.get(id) ?? 0);
      if (age > RESPONSE_URL_TTL_MS)
        return reject(
          res,
          'response_url',
          'expired_url',
          [`response_url ${id}: used ${Math.round(age / 60_000)} minutes after the interaction (at most 30)`],
          404,
        );
      if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
        return reject(
          res,
          'response_url',
          'invalid_payload',
          [`response_url: sent as "${req.headers['content-type'] ?? 'none'}", not application/json`],
          400,
        );
      }
      let body: any;
      try {
        body = JSON.parse(raw);
      } catch {
        return reject(res, 'response_url', 'invalid_payload', ['response_url: body is not JSON'], 400);
      }
      const problems = validateMessage(body, 'response_url');
      if (body.response_type !== undefined && !['in_channel', 'ephemeral'].includes(body.response_type))
        problems.push(`response_url: bad response_type ${body.response_type}`);
      if (problems.length) return reject(res, 'response_url', 'invalid_blocks', problems, 400);
      list.push(body);
      return void send(res, 200, { ok: true });
    }
    reject(res, `${req.method} ${url.pathname}`, 'not_found', [`${req.method} ${url.pathname}: no such route on Slack`], 404);
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, sock, head) => {
    if (!req.url?.startsWith('/socket')) return sock.destroy();
    wss.handleUpgrade(req, sock, head, (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        let msg: any;
        try {
          msg = JSON.parse(String(data));
        } catch {
          return void violations.push('socket: a frame that is not JSON');
        }
        const resolve = pendingAcks.get(msg.envelope_id);
        if (!resolve) return void violations.push(`socket: acknowledgement for unknown envelope ${msg.envelope_id}`);
        pendingAcks.delete(msg.envelope_id);
        resolve(msg);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake', approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0BLOCWATCH' },
        }),
      );
      onSocket.forEach((f) => {
        f();
      });
      onSocket = [];
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    botToken,
    appToken,
    signingSecret,
    calls,
    violations,
    messages,
    ephemerals,
    views,
    responses,
    responseUrl() {
      const id = randomBytes(6).toString('hex');
      responses.set(id, []);
      responseIssued.set(id, now());
      return `${base}/response/${id}`;
    },
    triggerId() {
      const id = `${Date.now()}.${randomBytes(4).toString('hex')}`;
      triggers.set(id, { issued: Date.now(), used: false });
      return id;
    },
    setChannel(channel, state) {
      channels.set(channel, state);
    },
    setScope: (scope, granted) => files.setScope(scope, granted),
    failNext(method, failure, times = 1) {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    onPost(hook) {
      postHook = hook;
    },
    setRateLimit(perSecond) {
      rate = perSecond ? { perSecond, window: 0, count: 0 } : undefined;
    },
    sendEnvelope(type, payload) {
      if (!socket) throw new Error('no Socket Mode connection');
      const envelope_id = randomBytes(8).toString('hex');
      const acked = new Promise<any>((resolve, rejectAck) => {
        const timer = setTimeout(() => rejectAck(new Error(`envelope ${envelope_id} not acknowledged within 3 s`)), 3000);
        pendingAcks.set(envelope_id, (ack) => {
          clearTimeout(timer);
          if ((payload as any)?.type === 'view_submission')
            violations.push(...validateViewAck((payload as any).view, ack?.payload, 'Socket Mode view_submission ack'));
          resolve(ack);
        });
      });
      socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: true, retry_attempt: 0, retry_reason: '' }));
      return acked;
    },
    takeViolations() {
      return violations.splice(0);
    },
    socketConnected() {
      return socket ? Promise.resolve() : new Promise<void>((r) => onSocket.push(r));
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Web API arguments: form-encoded (objects as JSON strings, as @slack/web-api sends them) or JSON. */
function parseArgs(json: boolean, raw: string): Record<string, any> | undefined {
  if (json) {
    try {
      return JSON.parse(raw || '{}');
    } catch {
      return undefined;
    }
  }
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

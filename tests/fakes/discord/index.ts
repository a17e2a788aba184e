// A local stand-in for Discord (API v10): REST routes that check payloads as Discord does and answer
// with Discord's error shapes (routes.ts, validate.ts), and a gateway WebSocket (gateway.ts). Anything
// Discord would reject is answered with an error AND recorded in `violations`, so a test can assert that
// the bot never sent a bad request. Message ids are snowflakes from the stand-in's clock (snowflake.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from './gateway.ts';
import { createRoutes } from './routes.ts';
import { SnowflakeMint } from './snowflake.ts';
import type { DiscordFakeOptions, DiscordState, Failure, Interaction, PostHook, StoredMessage } from './state.ts';

export type { DiscordFakeOptions, Failure, Interaction, PostHook, RequestLog, StoredMessage } from './state.ts';
export { snowflakeAt, timeOfSnowflake } from './snowflake.ts';
export { PERMISSION } from './permissions.ts';
export * from './payloads.ts';

export async function startDiscordFake(opts: DiscordFakeOptions = {}) {
  const applicationId = opts.applicationId ?? '900000000000000100';
  const now = opts.now ?? Date.now;
  const s: DiscordState = {
    token: opts.token ?? 'fake-bot-token',
    applicationId,
    botUser: { id: applicationId, username: 'blocwatch', discriminator: '0', global_name: 'blocwatch', bot: true, avatar: null },
    timeoutMs: opts.interactionTimeoutMs ?? 3000,
    now,
    mint: new SnowflakeMint(now),
    violations: [],
    requests: [],
    heartbeats: [],
    commands: new Map(),
    messages: new Map(),
    interactions: new Map(),
    failures: [],
    channelModes: new Map(),
    botDenied: new Map(),
    port: 0,
  };
  const routes = createRoutes(s);
  const server = createServer((req, res) => void routes.route(req, res));
  const gateway = startGateway(server, s, opts.heartbeatIntervalMs ?? 41250);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  s.port = (server.address() as AddressInfo).port;

  const register = (payload: any): Interaction => {
    const i = { id: payload.id, token: payload.token, type: payload.type, createdAt: Date.now(), followUps: [], waiters: [] };
    s.interactions.set(i.id, i);
    return i;
  };

  return {
    apiUrl: `http://127.0.0.1:${s.port}/api`,
    port: s.port,
    token: s.token,
    applicationId,
    botUser: s.botUser,
    violations: s.violations,
    requests: s.requests,
    /** The sequence number each heartbeat (op 1) carried; every one was acknowledged (op 11). */
    heartbeats: s.heartbeats,
    commands: s.commands,
    messages: s.messages,
    interactions: s.interactions,
    get gatewayConnections() {
      return gateway.connections;
    },
    get identified() {
      return gateway.identified;
    },
    get identifies() {
      return gateway.identifies;
    },
    whenIdentified(): Promise<void> {
      return gateway.whenIdentified();
    },
    /** Sends INTERACTION_CREATE over the gateway and resolves with the bot's callback. */
    dispatchInteraction(payload: any, waitMs = 5000): Promise<{ type: number; data?: any }> {
      const i = register(payload);
      const done = this.callbackOf(payload.id, waitMs);
      gateway.dispatch('INTERACTION_CREATE', payload);
      i.createdAt = Date.now();
      return done;
    },
    /** Registers an interaction delivered some other way (HTTP mode) so that its webhooks work. */
    expectInteraction(payload: any) {
      return register(payload);
    },
    /** Records an HTTP-mode callback (the HTTP response) as if it had come over REST. */
    acknowledgeHttp(payload: any, body: { type: number; data?: any }) {
      const i = s.interactions.get(payload.id) ?? register(payload);
      const problems = routes.validateCallback(i, body);
      s.violations.push(...problems);
      if (!problems.length) routes.acknowledge(i, body);
      return problems;
    },
    callbackOf(id: string, waitMs = 5000): Promise<{ type: number; data?: any }> {
      const i = s.interactions.get(id);
      if (i?.callback) return Promise.resolve(i.callback);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no callback for interaction ${id} within ${waitMs} ms`)), waitMs);
        s.interactions.get(id)!.waiters.push((cb) => {
          clearTimeout(t);
          resolve(cb);
        });
      });
    },
    failNext(match: RegExp, failure: Failure) {
      s.failures.push({ match, failure });
    },
    setChannelMode(channel: string, failure: Failure | undefined) {
      if (failure) s.channelModes.set(channel, failure);
      else s.channelModes.delete(channel);
    },
    /** Denies the bot these permissions in one channel (PERMISSION bits); 0n gives them back. */
    setBotDenied(channel: string, bits: bigint) {
      if (bits) s.botDenied.set(channel, bits);
      else s.botDenied.delete(channel);
    },
    setRateLimit(perSecond: number | undefined) {
      s.rate = perSecond ? { perSecond, windows: new Map() } : undefined;
    },
    /** Discord's global limit: message POSTs across all channels per second; over it, 429 with global: true. */
    setGlobalRateLimit(perSecond: number | undefined) {
      s.globalRate = perSecond ? { perSecond, window: 0, count: 0 } : undefined;
    },
    onMessagePost(hook: PostHook | undefined) {
      s.postHook = hook;
    },
    messagesIn(channel: string): StoredMessage[] {
      return s.messages.get(channel) ?? [];
    },
    /** Takes the violations recorded so far, leaving none: for a test's afterEach. */
    takeViolations(): string[] {
      return s.violations.splice(0);
    },
    async close() {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type DiscordFake = Awaited<ReturnType<typeof startDiscordFake>>;

// Fuzzing both interaction routes with correctly signed requests of random shapes: random JSON, and
// real interactions, commands, button presses and form submissions with parts deleted or replaced.
// Every answer must be below 500, the process must stay up, and no row may change: the callers are
// neither editors nor admins, so nothing they send may store anything. The PRNG is seeded, so a
// failure is reproducible: FUZZ_SEED=<seed> npx vitest run tests/fuzz.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failOnViolations } from './fakes/violations.ts';
import { pino } from 'pino';
import { startApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Core } from '../src/core.ts';
import { memoryCore } from './helpers.ts';
import {
  button,
  chatInput,
  generateInteractionKeys,
  modalSubmit,
  plainMember,
  startDiscordFake,
  type DiscordFake,
} from './fakes/discord/index.ts';
import { blockAction, MEMBER_ID, signSlack, slashCommand, startSlackFake, viewSubmission, type SlackFake } from './fakes/slack/index.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const CASES = 300;

/** mulberry32: small, fast and good enough to pick shapes; the same seed gives the same run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

// No '/' in random text: a random string must never become a URL that Bolt would post to.
const CHARS = [
  'a',
  'Z',
  '0',
  '9',
  ':',
  ' ',
  '#',
  '"',
  '\\',
  '<',
  '@',
  '&',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u202e',
  'é',
  'Ж',
  '🙂',
  '\n',
  '%',
];
const KEYS = [
  'type',
  'data',
  'id',
  'name',
  'options',
  'value',
  'custom_id',
  'components',
  'component',
  'member',
  'user',
  'roles',
  'permissions',
  'guild_id',
  'token',
  'application_id',
  'view',
  'state',
  'values',
  'actions',
  'action_id',
  'callback_id',
  'private_metadata',
  'payload',
  'command',
  'text',
  'user_id',
  'team',
  'channel',
  'focused',
  '__proto__',
  'constructor',
];
const COMMAND_NAMES = ['csto', 'timeline', 'search', 'event', 'digest', 'nosuch', ''];
const SUBCOMMANDS = ['status', 'add', 'edit', 'delete', 'show', 'history', 'restore', 'subscribe', 'unsubscribe', 'list', 'preview', 'zzz'];
const STATE_IDS = [
  'event:add:other',
  'event:edit:3:1:other',
  'event:delete:3:1',
  'event:cancel',
  'event:history:3:2',
  'timeline:page:armenia::::o:20240101.5:2',
  'search:page:5:armenia',
  'discord-draft:1',
  'digest:x',
  'event:delete:99999999999999999999:1',
];

function text(r: Rng, max = 40): string {
  let s = '';
  const n = r.int(max);
  for (let i = 0; i < n; i++) s += r.pick(CHARS);
  return r.next() < 0.05 ? s.repeat(200) : s;
}

function randomJson(r: Rng, depth = 0): unknown {
  const k = r.int(depth > 2 ? 5 : 7);
  switch (k) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53 + 1, 1e308, 3, 5, 9]);
    case 3:
    case 4:
      return r.next() < 0.3 ? r.pick([...STATE_IDS, ...COMMAND_NAMES, ...SUBCOMMANDS]) : text(r);
    case 5:
      return Array.from({ length: r.int(4) }, () => randomJson(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.pick(KEYS), randomJson(r, depth + 1)]));
  }
}

/** Deletes or replaces a few random parts of a real payload (never the prototype chain). */
function mutate(r: Rng, value: any, times = 1 + r.int(3)): any {
  const copy = structuredClone(value);
  for (let n = 0; n < times; n++) {
    let node = copy;
    for (let d = 0; d < 4 && node && typeof node === 'object'; d++) {
      const keys = Object.keys(node);
      if (!keys.length) break;
      const key = r.pick(keys);
      const child = node[key];
      if (child && typeof child === 'object' && r.next() < 0.5) {
        node = child;
        continue;
      }
      if (r.next() < 0.4) delete node[key];
      else node[key] = randomJson(r);
      break;
    }
  }
  return copy;
}

const member = { ...plainMember, roles: ['700000000000000099'] };
function discordBody(r: Rng): string {
  const choice = r.int(6);
  if (choice === 0) return r.next() < 0.5 ? JSON.stringify(randomJson(r)) : text(r, 200);
  const real = [
    () =>
      chatInput({
        name: r.pick(COMMAND_NAMES) || 'csto',
        subcommand: r.pick(SUBCOMMANDS),
        options: { country: text(r), id: r.pick([3, 0, -1, 99999]), query: text(r) },
        member,
      }),
    () => button({ customId: r.pick(STATE_IDS), member }),
    () =>
      modalSubmit({
        customId: r.pick(STATE_IDS),
        fields: {
          title: text(r),
          date: r.pick(['2024-02-22', text(r)]),
          countries: r.pick(['Armenia', text(r)]),
          summary: text(r),
          sources: r.pick(['https://example.org/f', text(r)]),
        },
        member,
      }),
  ][r.int(3)]!();
  return JSON.stringify(choice === 1 ? real : mutate(r, real));
}

function slackBody(r: Rng, slack: SlackFake): { body: string; contentType: string } {
  const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const choice = r.int(7);
  if (choice === 0)
    return {
      body: JSON.stringify(randomJson(r)),
      contentType: r.pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']),
    };
  if (choice === 1) return { body: form({ payload: JSON.stringify(randomJson(r)) }), contentType: 'application/x-www-form-urlencoded' };
  if (choice === 2) {
    const command = slashCommand({
      command: `/${r.pick(COMMAND_NAMES)}`,
      text: `${r.pick(SUBCOMMANDS)} ${text(r)}`,
      user: MEMBER_ID,
      responseUrl: slack.responseUrl(),
      triggerId: slack.triggerId(),
    });
    const broken = r.next() < 0.5 ? command : mutate(r, command);
    return {
      body: form(Object.fromEntries(Object.entries(broken).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  const view = {
    callback_id: r.pick(STATE_IDS),
    private_metadata: r.pick(['', '{"channel":"C0NEWS0001"}', text(r)]),
    blocks: ['title', 'date', 'countries', 'summary', 'sources'].map((b) => ({
      type: 'input',
      block_id: b,
      element: { action_id: 'value' },
    })),
  };
  const real =
    choice < 5
      ? blockAction({
          actionId: r.pick(STATE_IDS),
          value: r.pick(STATE_IDS),
          user: MEMBER_ID,
          responseUrl: slack.responseUrl(),
          triggerId: slack.triggerId(),
        })
      : viewSubmission({
          view,
          values: { title: text(r), date: '2024-02-22', countries: 'Armenia', sources: 'https://example.org/f' },
          user: MEMBER_ID,
        });
  return {
    body: form({ payload: JSON.stringify(r.next() < 0.3 ? real : mutate(r, real)) }),
    contentType: 'application/x-www-form-urlencoded',
  };
}

let discord: DiscordFake;
let slack: SlackFake;
let app: App;
let core: Core;
failOnViolations(
  () => discord,
  () => slack,
);
const keys = generateInteractionKeys();

beforeAll(async () => {
  discord = await startDiscordFake();
  slack = await startSlackFake();
  core = await memoryCore();
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    // Editors and admins exist, and the fuzzer is never one of them.
    DISCORD_EDITOR_USER_IDS: '800000000000000999',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ADMIN_USER_IDS: 'U0NOBODY01',
    SLACK_EDITOR_USER_IDS: 'U0NOBODY02',
    HTTP_PORT: '0',
  });
  app = await startApp(config, pino({ level: 'silent' }), { core });
});
afterAll(async () => {
  await app?.stop();
  await discord?.close();
  await slack?.close();
});

const snapshot = async () =>
  JSON.stringify(
    await Promise.all(
      ['events', 'event_sources', 'audit_log', 'digest_subscriptions'].map((t) => core.sql.all(`SELECT * FROM ${t} ORDER BY 1, 2`)),
    ),
  );

describe(`fuzz, seed ${SEED}`, () => {
  it(`${CASES} random signed requests: no 5xx, still up, no row changed`, async () => {
    const r = prng(SEED);
    const before = await snapshot();
    const statuses = new Map<number, number>();
    for (let n = 0; n < CASES; n++) {
      const toDiscord = r.next() < 0.5;
      let res: Response;
      let sent: string;
      if (toDiscord) {
        sent = discordBody(r);
        const ts = String(Math.floor(Date.now() / 1000));
        res = await fetch(`${app.url}/discord/interactions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signature-ed25519': keys.sign(ts, sent), 'x-signature-timestamp': ts },
          body: sent,
          signal: AbortSignal.timeout(10_000),
        });
      } else {
        const { body, contentType } = slackBody(r, slack);
        sent = body;
        res = await fetch(`${app.url}/slack/events`, {
          method: 'POST',
          headers: { 'content-type': contentType, ...signSlack(slack.signingSecret, body) },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      }
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `case ${n} (seed ${SEED}) to ${toDiscord ? 'Discord' : 'Slack'}: ${sent.slice(0, 300)}`).toBeLessThan(500);
    }
    // Answers through response_url arrive after the acknowledgement: let them land before looking.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await snapshot()).toBe(before);
    // Both kinds of answer happened: the fuzz reached the handlers, not only the shape checks.
    expect(statuses.get(200)).toBeGreaterThan(CASES / 5);
    expect(statuses.get(400)).toBeGreaterThan(CASES / 10);
  }, 120_000);
});

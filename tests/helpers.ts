import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, expect, onTestFinished } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import type { Caller } from '../commands/types.ts';
import type { Core, CoreSettings } from '../src/core.ts';
import { Dispatcher } from '../src/dispatch.ts';
import type { Outcome, Reply, SubmitOutcome } from '../src/reply.ts';
import { plainText } from '../src/reply.ts';
import { renderReply } from '../src/console/render.ts';
import { DEFAULT_ENGINE, engineCore } from './engines.ts';

/** A logger that says nothing: tests assert on behaviour, not on log lines. */
export const silent = pino({ level: 'silent' });

/** Waits until a condition holds (answers through response_url arrive after the ack, digests after a tick). */
export async function until<T>(fn: () => T | undefined | false, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The date the suite pretends it is, so that "today" in answers is stable. */
export const TEST_NOW = new Date('2026-11-22T10:00:00Z');

/**
 * A core on a fresh seeded database, on the suite's clock: in-memory SQLite, or a new PostgreSQL
 * database in the `postgres` test project (tests/engines.ts).
 */
export function memoryCore(now: () => Date = () => TEST_NOW, settings?: Partial<CoreSettings>): Promise<Core> {
  return engineCore(DEFAULT_ENGINE, now, settings);
}

/**
 * A fresh temporary directory, removed by itself: when the test that made it ends, or, made outside a
 * test (at the top of a file or in a describe), when the file's tests are done. `cleanup` removes it
 * sooner; calling it twice is harmless.
 */
export function tempDir(prefix = 'blocwatch-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  whenDone(cleanup);
  return { dir, cleanup };
}

function whenDone(fn: () => void): void {
  try {
    onTestFinished(fn);
  } catch {
    // Not inside a test: the file's end is the nearest moment the directory is surely no longer used.
    afterAll(fn);
  }
}

export const admin: Caller = {
  platform: 'console',
  userId: 'tester',
  isEditor: true,
  isSpaceAdmin: true,
  spaceId: 'local',
  channelId: 'c1',
};
export const member: Caller = {
  platform: 'console',
  userId: 'someone',
  isEditor: false,
  isSpaceAdmin: false,
  spaceId: 'local',
  channelId: 'c1',
};

export async function dispatcher(core?: Core | Promise<Core>): Promise<Dispatcher> {
  return new Dispatcher(await (core ?? memoryCore()), COMMANDS);
}

export function asReply(o: Outcome | SubmitOutcome): Reply {
  if (o.kind !== 'reply') throw new Error(`expected a reply, got ${o.kind}: ${JSON.stringify(o).slice(0, 300)}`);
  return o;
}

/** The reply as plain terminal text, for readable assertions. */
export function textOf(o: Outcome | SubmitOutcome): string {
  return renderReply(asReply(o), { width: 200, color: false });
}

export { plainText };

/** The event ids a reply lists, in order. */
export function eventIdsOf(r: Reply): number[] {
  return r.blocks.flatMap((b) => (b.type === 'events' ? b.events.map((e) => e.id) : []));
}

/** Every event id a /timeline answer lists, following "Older ▶" to its last page. */
export async function timelineIds(d: Dispatcher, text: string, caller: Caller = member): Promise<number[]> {
  let r = asReply(await d.runText('timeline', text, caller));
  const ids: number[] = [];
  for (let page = 0; page < 100; page++) {
    ids.push(...eventIdsOf(r));
    const older = r.actions?.find((a) => /Older/.test(a.label));
    if (!older || older.disabled) return ids;
    r = asReply(await d.runAction(older.id, caller));
  }
  throw new Error(`/timeline ${text}: more than 100 pages`);
}

/**
 * What a bloc filter on a timeline must give, worked out without it: the subject's events (newest first,
 * from a day on) that involve the bloc, and those that do not.
 */
export async function blocSplit(
  core: Core,
  subject: string,
  bloc: string,
  from?: string,
): Promise<{ within: number[]; outside: number[] }> {
  const all = (await core.events.timeline({ entityId: subject, from, limit: 100_000 })).events;
  const involves = (e: (typeof all)[number]) => e.blocs.some((b) => b.id === bloc);
  return { within: all.filter(involves).map((e) => e.id), outside: all.filter((e) => !involves(e)).map((e) => e.id) };
}

/** Asserts a rendered page lists the first events of a bloc filter and no event outside it (by "#id"). */
export function expectBlocPage(text: string, split: { within: number[]; outside: number[] }, pageSize = 5): void {
  const listed = (id: number) => new RegExp(`#${id}(?!\\d)`).test(text);
  expect(split.within.slice(0, pageSize).filter((id) => !listed(id))).toEqual([]);
  expect(split.outside.filter(listed)).toEqual([]);
}

/** The environment of a spawned `blocwatch` talking to the Discord and Slack stand-ins, on one database file. */
export function standInEnv(
  dbPath: string,
  discord: { token: string; applicationId: string; apiUrl: string },
  slack: { botToken: string; signingSecret: string; apiUrl: string },
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATABASE_PATH: dbPath,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'silent',
  };
}

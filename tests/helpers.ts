import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../commands/index.ts';
import type { Caller } from '../commands/types.ts';
import { createCore, type Core } from '../src/core.ts';
import { Dispatcher } from '../src/dispatch.ts';
import type { Outcome, Reply, SubmitOutcome } from '../src/reply.ts';
import { plainText } from '../src/reply.ts';
import { renderReply } from '../src/console/render.ts';
import { openDatabase } from '../src/store/db.ts';

/** The date the suite pretends it is, so that "today" in answers is stable. */
export const TEST_NOW = new Date('2026-11-22T10:00:00Z');

export function memoryCore(now: () => Date = () => TEST_NOW): Core {
  return createCore(openDatabase(':memory:'), { now });
}

export function tempDir(prefix = 'blocwatch-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const admin: Caller = { platform: 'console', userId: 'tester', isEditor: true, isSpaceAdmin: true, spaceId: 'local', channelId: 'c1' };
export const member: Caller = { platform: 'console', userId: 'someone', isEditor: false, isSpaceAdmin: false, spaceId: 'local', channelId: 'c1' };

export function dispatcher(core = memoryCore()): Dispatcher {
  return new Dispatcher(core, COMMANDS);
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

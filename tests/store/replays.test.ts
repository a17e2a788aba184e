// Slack's replay marks on both engines: the first (signature, timestamp) wins, a copy loses however the
// two arrive, expired marks are pruned, and recording them leaves the answer caches' change token alone.
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.ts';
import { ENGINES, engineCore } from '../engines.ts';
import { TEST_NOW } from '../helpers.ts';

const opened: Core[] = [];
afterAll(async () => {
  for (const c of opened) await c.close();
});

describe.each(ENGINES)('replay marks on %s', (engine) => {
  it('answer a signature once, prune it after its window, and do not move the change token', async () => {
    const core = await engineCore(engine, () => TEST_NOW);
    opened.push(core);
    const t = Math.floor(TEST_NOW.getTime() / 1000);
    const expires = TEST_NOW.getTime() + 360_000;
    const token = await core.sql.changes();
    // Two at once, as two processes given the same request would ask: exactly one wins.
    const race = await Promise.all([core.replays.firstTime('v0=a', t, expires), core.replays.firstTime('v0=a', t, expires)]);
    expect(race.sort()).toEqual([false, true]);
    expect(await core.replays.firstTime('v0=a', t, expires)).toBe(false);
    expect(await core.replays.firstTime('v0=a', t + 1, expires + 1000)).toBe(true);
    expect(await core.replays.firstTime('v0=b', t, expires)).toBe(true);
    expect(await core.sql.changes()).toBe(token);
    expect(await core.replays.prune(expires + 500)).toBe(2);
    expect(await core.replays.count()).toBe(1);
    expect(await core.sql.changes()).toBe(token);
  });
});

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.ts';
import { openCore, type Core } from '../src/core.ts';
import { Dispatcher } from '../src/dispatch.ts';
import { validateEvent } from '../src/domain/event-input.ts';
import { admin, member, tempDir, TEST_NOW, textOf } from './helpers.ts';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

async function open(path: string, now = () => TEST_NOW): Promise<Core> {
  const core = await openCore(path, { now });
  cores.push(core);
  return core;
}

const belarusEvent = (core: Core, title: string) => {
  const v = validateEvent(
    { title, date: '2026-11-20', countries: 'belarus', summary: 'A test event.', sources: 'https://example.org/a', kind: 'other' },
    core.entities,
    core.now(),
  );
  if (!v.ok) throw new Error(JSON.stringify(v));
  return v.value;
};

describe('answer cache', () => {
  it('serves a repeated question from the cache, and drops it when this process writes', async () => {
    const core = await open(':memory:');
    const d = new Dispatcher(core, COMMANDS);
    const first = await d.runCommand('timeline', undefined, { country: 'belarus' }, member);
    expect(await d.runCommand('timeline', undefined, { country: 'belarus' }, member)).toBe(first);
    await core.events.add(belarusEvent(core, 'Minsk hosts a cache test'), 'test', core.now());
    const after = await d.runCommand('timeline', undefined, { country: 'belarus' }, member);
    expect(after).not.toBe(first);
    expect(textOf(after)).toContain('Minsk hosts a cache test');
  });

  it('drops answers when another process commits to the same database file', async () => {
    const file = join(tempDir('blocwatch-cache-').dir, 'db.sqlite');
    const a = await open(file);
    const b = await open(file);
    const d = new Dispatcher(a, COMMANDS);
    const first = await d.runCommand('search', undefined, { query: 'cachetestword' }, member);
    expect(textOf(first)).not.toContain('Cachetestword summit');
    await b.events.add(belarusEvent(b, 'Cachetestword summit'), 'test', b.now());
    expect(textOf(await d.runCommand('search', undefined, { query: 'cachetestword' }, member))).toContain('Cachetestword summit');
  });

  it('keys answers by day and by each role flag, and never caches writes or errors', async () => {
    let now = TEST_NOW;
    const core = await open(':memory:', () => now);
    const d = new Dispatcher(core, COMMANDS);
    const today = await d.runCommand('csto', 'status', { country: 'armenia' }, member);
    expect(await d.runCommand('csto', 'status', { country: 'armenia' }, admin)).not.toBe(today);
    // Each role flag on its own keys its own answers: an editor's view never reaches an admin, or back.
    const editorOnly = await d.runCommand('csto', 'status', { country: 'armenia' }, { ...member, isEditor: true });
    const adminOnly = await d.runCommand('csto', 'status', { country: 'armenia' }, { ...member, isSpaceAdmin: true });
    expect(editorOnly).not.toBe(today);
    expect(adminOnly).not.toBe(today);
    expect(adminOnly).not.toBe(editorOnly);
    now = new Date(TEST_NOW.getTime() + 86_400_000);
    expect(await d.runCommand('csto', 'status', { country: 'armenia' }, member)).not.toBe(today);
    const missing = await d.runCommand('event', 'show', { id: 99999 }, member);
    expect(await d.runCommand('event', 'show', { id: 99999 }, member)).not.toBe(missing);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../src/core.ts';
import { parsePartialDate, formatPartialDate } from '../src/domain/dates.ts';
import { validateEvent } from '../src/domain/event-input.ts';
import { toFtsQuery } from '../src/store/events.ts';
import { memoryCore, TEST_NOW } from './helpers.ts';

const valid = {
  title: 'Test summit held',
  date: '2025-06-01',
  countries: 'Armenia, CSTO',
  summary: 'A test event.',
  sources: 'https://example.org/a',
};

describe('dates with precision', () => {
  it('parses the three precisions and rejects impossible dates', async () => {
    expect(parsePartialDate('2024')).toMatchObject({ precision: 'year', start: '2024-01-01', end: '2024-12-31' });
    expect(parsePartialDate('2024-02')).toMatchObject({ precision: 'month', start: '2024-02-01', end: '2024-02-29' });
    expect(parsePartialDate('2023-02')).toMatchObject({ end: '2023-02-28' });
    expect(parsePartialDate('2024-02-22')).toMatchObject({ precision: 'day', start: '2024-02-22', end: '2024-02-22' });
    for (const bad of ['2023-02-29', '2024-13', '2024-00-10', '24-02-22', '2024/02/22', '', 'yesterday', '2024-2-2']) {
      expect(parsePartialDate(bad)).toBeUndefined();
    }
    expect(formatPartialDate(parsePartialDate('2024-02-22')!)).toBe('22 Feb 2024');
    expect(formatPartialDate(parsePartialDate('2023-09')!)).toBe('Sep 2023');
    expect(formatPartialDate(parsePartialDate('1993')!)).toBe('1993');
  });
});

describe('entity resolution', () => {
  let core: Core;
  beforeAll(async () => {
    core = await memoryCore();
  });
  it('matches names, codes, demonyms and capitals case-insensitively', async () => {
    for (const input of ['Armenia', 'armenia', 'AM', 'arm', 'Armenian', 'YEREVAN', '  armenia ']) {
      const r = core.entities.resolve(input);
      expect(r.ok && r.entity.id, input).toBe('armenia');
    }
    const csto = core.entities.resolve('Collective Security Treaty Organization');
    expect(csto.ok && csto.entity.id).toBe('csto');
  });
  it('suggests the nearest entity on a near miss', async () => {
    const r = core.entities.resolve('Armnia');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.suggestion?.name).toBe('Armenia');
    expect(core.entities.resolve('Belarusia').ok).toBe(false);
    const far = core.entities.resolve('Atlantis');
    expect(!far.ok && far.suggestion).toBeUndefined();
  });
  it('tells a bloc from a country', async () => {
    const r = core.entities.resolve('sco', 'country');
    expect(!r.ok && r.wrongKind?.id).toBe('sco');
  });
  it('completes prefixes from the alias index, at most 25', async () => {
    expect(core.entities.complete('bel', 'country')[0]).toMatchObject({ value: 'belarus' });
    expect(core.entities.complete('', 'country').length).toBeLessThanOrEqual(25);
    expect(core.entities.complete('s', 'bloc').map((c) => c.value)).toContain('sco');
    expect(core.entities.complete('yere').map((c) => c.value)).toEqual(['armenia']);
  });
});

describe('membership status as of a date', () => {
  let core: Core;
  beforeAll(async () => {
    core = await memoryCore();
  });
  it('Armenia: member in mid-2023, participation frozen since 22 Feb 2024', async () => {
    const before = (await core.memberships.statusAsOf('armenia', 'csto', '2023-06-01'))!;
    expect(['member', 'founding_member']).toContain(before.current.status);
    const now = (await core.memberships.statusAsOf('armenia', 'csto', '2026-11-22'))!;
    expect(now.current.status).toBe('frozen');
    expect(now.current.since.text).toBe('2024-02-22');
    expect(now.memberSince?.text).toBe('1992-05-15');
    expect(now.current.basisEventId).toBeTypeOf('number');
  });
  it('Uzbekistan: withdrew, rejoined, suspended', async () => {
    expect((await core.memberships.statusAsOf('uzbekistan', 'csto', '2000-01-01'))!.current.status).toBe('withdrawn');
    expect((await core.memberships.statusAsOf('uzbekistan', 'csto', '2010-01-01'))!.current.status).toBe('member');
    expect((await core.memberships.statusAsOf('uzbekistan', 'csto', '2020-01-01'))!.current.status).toBe('suspended');
  });
  it('Belarus: an SCO observer from 10 Jul 2015, a member from 4 Jul 2024', async () => {
    expect(await core.memberships.statusAsOf('belarus', 'sco', '2015-07-09')).toBeUndefined();
    expect((await core.memberships.statusAsOf('belarus', 'sco', '2024-07-03'))!.current.status).toBe('observer');
    expect((await core.memberships.statusAsOf('belarus', 'sco', '2024-07-04'))!.current.status).toBe('member');
  });
  it('the CSTO roster lists members and former members', async () => {
    const roster = await core.memberships.roster('csto', '2026-11-22');
    const by = Object.fromEntries(roster.map((r) => [r.countryId, r.status]));
    expect(by).toMatchObject({
      armenia: 'frozen',
      azerbaijan: 'withdrawn',
      georgia: 'withdrawn',
      uzbekistan: 'suspended',
      belarus: 'founding_member',
      russia: 'founding_member',
    });
  });
});

describe('timeline', () => {
  let core: Core;
  beforeAll(async () => {
    core = await memoryCore();
  });
  it('is newest first and filters by bloc and dates', async () => {
    const page = await core.events.timeline({ entityId: 'belarus', limit: 50 });
    const starts = page.events.map((e) => e.date.start);
    expect([...starts].sort().reverse()).toEqual(starts);
    const sco = await core.events.timeline({ entityId: 'belarus', blocId: 'sco', from: '2024-01-01', limit: 10 });
    expect(sco.events.map((e) => e.date.text)).toContain('2024-07-04');
    expect(sco.events.every((e) => e.blocs.some((b) => b.id === 'sco') && e.date.start >= '2024-01-01')).toBe(true);
  });
  it('pages by keyset both ways without gaps or repeats', async () => {
    const all = (await core.events.timeline({ entityId: 'armenia', limit: 500 })).events.map((e) => e.id);
    const seen: number[] = [];
    let page = await core.events.timeline({ entityId: 'armenia', limit: 4 });
    const pages = [page];
    seen.push(...page.events.map((e) => e.id));
    while (page.hasOlder) {
      const last = page.events.at(-1)!;
      page = await core.events.timeline({
        entityId: 'armenia',
        limit: 4,
        cursor: { start: last.date.start, id: last.id },
        direction: 'older',
      });
      pages.push(page);
      seen.push(...page.events.map((e) => e.id));
    }
    expect(seen).toEqual(all);
    // Back from the last page lands on the one before it.
    const lastPage = pages.at(-1)!;
    const first = lastPage.events[0]!;
    const back = await core.events.timeline({
      entityId: 'armenia',
      limit: 4,
      cursor: { start: first.date.start, id: first.id },
      direction: 'newer',
    });
    expect(back.events.map((e) => e.id)).toEqual(pages.at(-2)!.events.map((e) => e.id));
    expect(back.hasOlder).toBe(true);
  });
});

describe('search', () => {
  let core: Core;
  beforeAll(async () => {
    core = await memoryCore();
  });
  it('finds by words, ranked, with excerpts', async () => {
    const { hits } = await core.events.search('ambassador', 10);
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.every((h) => /ambassador/i.test(h.event.title + h.event.summary))).toBe(true);
    expect(hits[0]!.snippet).toContain('\u0002');
  });
  it('treats operators and quotes as text', async () => {
    expect(toFtsQuery('a" OR b*')).toBe('"a" "OR" "b"');
    await expect(core.events.search('NEAR( "x', 5)).resolves.toBeDefined();
    expect((await core.events.search('   ', 5)).hits).toEqual([]);
  });
});

describe('writes', () => {
  it('adds, edits and deletes events, each with an audit entry and a revision', async () => {
    const core = await memoryCore();
    const v = validateEvent(valid, core.entities, TEST_NOW);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const e = await core.events.add(v.value, 'discord:1', TEST_NOW);
    expect(e).toMatchObject({ revision: 1, countries: [{ id: 'armenia' }], blocs: [{ id: 'csto' }] });
    expect((await core.events.search('test summit', 5)).hits.map((h) => h.event.id)).toContain(e.id);

    const v2 = validateEvent({ ...valid, title: 'Test summit postponed' }, core.entities, TEST_NOW);
    const edited = await core.events.edit(e.id, (v2 as any).value, 'discord:2', TEST_NOW, 1);
    expect(edited.revision).toBe(2);
    expect((await core.events.search('postponed', 5)).hits.map((h) => h.event.id)).toEqual([e.id]);
    await expect(core.events.edit(e.id, (v2 as any).value, 'discord:3', TEST_NOW, 1)).rejects.toThrow(/changed by someone else/);

    await core.events.delete(e.id, 'discord:2', TEST_NOW);
    expect(await core.events.get(e.id)).toBeUndefined();
    expect((await core.events.search('postponed', 5)).hits).toEqual([]);
    expect((await core.events.timeline({ entityId: 'armenia', limit: 500 })).events.map((x) => x.id)).not.toContain(e.id);
    const audit = await core.sql.all('SELECT action, actor, revision FROM audit_log WHERE event_id = ? ORDER BY id', [e.id]);
    expect(audit).toEqual([
      { action: 'add', actor: 'discord:1', revision: 1 },
      { action: 'edit', actor: 'discord:2', revision: 2 },
      { action: 'delete', actor: 'discord:2', revision: 3 },
    ]);
  });

  it('validates every field and reports each one', async () => {
    const core = await memoryCore();
    const r = validateEvent(
      { title: 'x', date: '2030-01-01', countries: 'Armnia, Narnia', summary: 'y'.repeat(1501), sources: 'ftp://example.org' },
      core.entities,
      TEST_NOW,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.title).toMatch(/at least 3/);
    expect(r.errors.date).toMatch(/future/);
    expect(r.errors.countries).toMatch(/Did you mean Armenia\?/);
    expect(r.errors.countries).toMatch(/Narnia/);
    expect(r.errors.summary).toMatch(/1500/);
    expect(r.errors.sources).toMatch(/http/);
    expect(validateEvent({ ...valid, date: '2026-11-23' }, core.entities, TEST_NOW).ok).toBe(true);
    expect(validateEvent({ ...valid, date: '2026-11-24' }, core.entities, TEST_NOW).ok).toBe(false);
    expect(validateEvent({ ...valid, date: '2023-02-30' }, core.entities, TEST_NOW).ok).toBe(false);
  });

  it('leaves nothing half-stored when a write fails midway', async () => {
    const core = await memoryCore();
    const count = async () =>
      await core.sql.get(
        'SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM event_sources) + (SELECT count(*) FROM audit_log) AS n',
      );
    const before = await count();
    const v = validateEvent(valid, core.entities, TEST_NOW);
    if (!v.ok) throw new Error('fixture invalid');
    // An entity id that does not exist violates a foreign key after the event row is written.
    await expect(core.events.add({ ...v.value, blocIds: ['no-such-bloc'] }, 'x', TEST_NOW)).rejects.toThrow();
    expect(await count()).toEqual(before);
  });
});

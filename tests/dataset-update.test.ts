// A database seeded from the first release of the dataset (tests/fixtures/dataset-v1.json, as shipped)
// is brought up to date in place at start: corrections become new revisions with audit rows (so the
// next digest lists them as corrected), new events are added, memberships follow the curated set,
// what editors changed by hand is left alone, and a second run changes nothing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../src/core.ts';
import { CURATED, type CuratedDataset } from '../src/dataset/curated.ts';
import { DigestComposer } from '../src/digest/compose.ts';
import { parsePartialDate } from '../src/domain/dates.ts';
import { EntityDirectory } from '../src/store/entities.ts';
import { EventStore } from '../src/store/events.ts';
import { DATASET_ACTOR, updateDataset, type DatasetUpdateResult } from '../src/store/dataset-update.ts';
import { datasetVersion } from '../src/store/dataset-version.ts';
import { openSqlite } from '../src/store/sqlite.ts';
import type { Sql } from '../src/store/sql.ts';
import { migrate } from '../src/store/migrate.ts';
import { seed } from '../src/store/seed.ts';
import { tempDir, textOf } from './helpers.ts';
import v1 from './fixtures/dataset-v1.json' with { type: 'json' };

const V1 = v1 as CuratedDataset;
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const SEEDED = new Date('2025-02-01T09:00:00Z');
const EDITED = new Date('2025-06-01T09:00:00Z');
const UPDATED = new Date('2026-11-30T09:00:00Z');

const n = async (db: Sql, sql: string, ...args: unknown[]) => (await db.get<{ n: number }>(sql, args))!.n;
const idOf = (db: Sql, key: string) => n(db, 'SELECT id AS n FROM events WHERE seed_key = ?', key);

/** A database as an operator of the first release has it, with one event edited and one deleted by editors. */
async function oldDatabase(): Promise<Sql> {
  const db = openSqlite(':memory:');
  await migrate(db);
  await seed(db, SEEDED, V1);
  const events = new EventStore(db, await EntityDirectory.load(db));
  const luka = (await events.get(await idOf(db, 'lukashenko-karabakh-2024')))!;
  await events.edit(
    luka.id,
    {
      title: luka.title,
      summary: 'Edited by hand: Lukashenko toured Karabakh.',
      kind: luka.kind,
      date: luka.date,
      countryIds: luka.countries.map((c) => c.id),
      blocIds: luka.blocs.map((b) => b.id),
      sources: luka.sources,
    },
    'discord:4242',
    EDITED,
  );
  await events.delete(await idOf(db, 'am-officials-bucha-2024'), 'slack:U42', EDITED);
  return db;
}

async function updatedCore(db: Sql): Promise<{ core: Core; result?: DatasetUpdateResult }> {
  let result: DatasetUpdateResult | undefined;
  const core = await createCore(db, { now: () => UPDATED, onDatasetUpdate: (r) => (result = r) });
  return { core, result };
}

describe('dataset update in place', () => {
  it('the fixture is the first release, and the current dataset is newer', async () => {
    expect(V1.version).toBe(1);
    expect(CURATED.version).toBeGreaterThan(V1.version);
    expect(V1.events.find((e) => e.key === 'pankin-not-expelled-2025')!.summary).toContain('Mikhail Pankin');
  });

  it('applies corrections as new revisions with audit rows, adds new events, and records the version', async () => {
    const db = await oldDatabase();
    expect(await datasetVersion(db)).toBe(1);
    const { core, result } = await updatedCore(db);
    expect(result).toBeDefined();
    expect(await datasetVersion(db)).toBe(CURATED.version);

    const pankin = (await core.events.get(await idOf(db, 'pankin-not-expelled-2025')))!;
    expect(pankin.summary).toContain('Alexander Pankin');
    expect(pankin.revision).toBe(2);
    expect(pankin.updatedAt).toBe(UPDATED.toISOString());
    const audit = await db.all<any>("SELECT actor, action, before, after, revision FROM audit_log WHERE event_id = ? AND action = 'edit'", [
      pankin.id,
    ]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: DATASET_ACTOR, action: 'edit', revision: 2 });
    expect(audit[0]!.before).toContain('Mikhail Pankin');
    expect(audit[0]!.after).toContain('Alexander Pankin');

    const bishkek = (await core.events.get(await idOf(db, 'csto-bishkek-summit-2025')))!;
    expect(bishkek.summary).toContain('Masadykov');
    expect(bishkek.sources.map((s) => s.publisher)).not.toContain('AzerNews');

    for (const key of ['zapad-2025', 'union-state-security-treaty-2024', 'ge-leaves-cis-2009', 'kg-joins-eaeu-2015']) {
      expect(result!.added, key).toContain(key);
      expect(
        await n(
          db,
          "SELECT count(*) AS n FROM audit_log WHERE event_id = ? AND action = 'seed' AND actor = ?",
          await idOf(db, key),
          DATASET_ACTOR,
        ),
      ).toBe(1);
    }
    expect(result!.added).toHaveLength(CURATED.events.length - V1.events.length);
    expect(result!.edited).toEqual(expect.arrayContaining(['pankin-not-expelled-2025', 'csto-bishkek-summit-2025', 'ru-by-nuclear-2023']));

    // Aliases of the new release resolve in the old database too.
    expect(core.entities.resolve('RA')).toMatchObject({ ok: true, entity: { id: 'armenia' } });
    expect(core.entities.resolve('Kirgizia')).toMatchObject({ ok: true, entity: { id: 'kyrgyzstan' } });
  });

  it('leaves events editors changed or deleted by hand as they are, and reports them', async () => {
    const db = await oldDatabase();
    const { core, result } = await updatedCore(db);
    const luka = (await core.events.get(await idOf(db, 'lukashenko-karabakh-2024')))!;
    expect(luka.summary).toBe('Edited by hand: Lukashenko toured Karabakh.');
    expect(luka.date.text).toBe('2024-05-16');
    expect(luka.revision).toBe(2);
    expect(await core.events.get(await idOf(db, 'am-officials-bucha-2024'))).toBeUndefined();
    expect(result!.keptByEditors).toEqual(
      expect.arrayContaining([
        { key: 'lukashenko-karabakh-2024', eventId: luka.id, by: 'discord:4242', deleted: false },
        { key: 'am-officials-bucha-2024', eventId: await idOf(db, 'am-officials-bucha-2024'), by: 'slack:U42', deleted: true },
      ]),
    );
    expect(result!.edited).not.toContain('lukashenko-karabakh-2024');
  });

  it('makes the memberships those of the current release, every row backed by its event', async () => {
    const db = await oldDatabase();
    await updatedCore(db);
    const rows = await db.all<any>(
      'SELECT m.seed_key, e.seed_key AS basis, m.source_url, m.note, m.since FROM memberships m LEFT JOIN events e ON e.id = m.basis_event_id ORDER BY m.seed_key',
    );
    const expected = CURATED.memberships
      .map((m) => ({ seed_key: m.key, basis: m.basisEvent ?? null, source_url: m.source.url, note: m.note ?? null, since: m.since }))
      .sort((a, b) => (a.seed_key < b.seed_key ? -1 : 1));
    expect(rows).toEqual(expected);
    expect(rows.some((r) => r.seed_key === 'cis-azerbaijan-founding_member-1991-12-21')).toBe(false);
  });

  it('answers like a freshly seeded database, except where editors took over', async () => {
    const old = (await updatedCore(await oldDatabase())).core;
    const fresh = await createCore(openSqlite(':memory:'), { now: () => UPDATED });
    const content = async (core: Core, key: string) => {
      const e = await core.events.get(await idOf(core.sql, key));
      return (
        e && {
          title: e.title,
          summary: e.summary,
          date: e.date.text,
          sources: e.sources,
          countries: e.countries.map((c) => c.id),
          blocs: e.blocs.map((b) => b.id),
        }
      );
    };
    for (const e of CURATED.events) {
      if (e.key === 'lukashenko-karabakh-2024' || e.key === 'am-officials-bucha-2024') continue;
      expect(await content(old, e.key), e.key).toEqual(await content(fresh, e.key));
    }
  });

  it('runs once: a second run, even forced, changes nothing', async () => {
    const db = await oldDatabase();
    await updatedCore(db);
    const audits = await n(db, 'SELECT count(*) AS n FROM audit_log');
    const revisions = await n(db, 'SELECT sum(revision) AS n FROM events');
    expect((await updatedCore(db)).result).toBeUndefined();
    const forced = await updateDataset(db, new Date('2026-12-01T00:00:00Z'), { force: true });
    expect(forced).toMatchObject({ edited: [], added: [], memberships: { upserted: 0, removed: 0 }, entities: 0, aliases: 0 });
    expect(await n(db, 'SELECT count(*) AS n FROM audit_log')).toBe(audits);
    expect(await n(db, 'SELECT sum(revision) AS n FROM events')).toBe(revisions);
  });

  it('a fresh database is seeded at the current version and the update leaves it alone', async () => {
    const core = await createCore(openSqlite(':memory:'), { now: () => UPDATED, onDatasetUpdate: () => expect.fail('no update expected') });
    expect(await datasetVersion(core.sql)).toBe(CURATED.version);
    expect(await n(core.sql, "SELECT count(*) AS n FROM audit_log WHERE action = 'edit'")).toBe(0);
  });

  it("subscribers' next digest lists the corrections as corrected and the additions as new", async () => {
    const db = await oldDatabase();
    const lastBeforeUpdate = await n(db, 'SELECT max(id) AS n FROM audit_log');
    const { core } = await updatedCore(db);
    const latest = await n(db, 'SELECT max(id) AS n FROM audit_log');
    const composer = new DigestComposer(core, {
      latestChange: async () => latest,
      changesIn: (a, b) => core.digests.changesIn(a, b),
      changeBefore: (at) => core.digests.changeBefore(at),
    });
    const digest = await composer.compose({ countries: ['russia'], blocs: [] }, lastBeforeUpdate, { title: 'Daily digest' });
    const marks = new Map(digest.changes.map((c) => [c.event.title, c.mark]));
    expect(marks.get('Russian deputy FM: Armenia will not be expelled over unpaid dues')).toBe('corrected');
    expect(marks.get('Russia–Belarus exercise Zapad-2025')).toBe('new');
    const text = textOf(digest.reply!);
    expect(text).toMatch(/\d+ new, \d+ corrected/);
    expect(text).toContain('Alexander Pankin');
    expect(text).toContain('Built-in data to 30 May 2026; add news sources to keep it current');
    // The event an editor deleted stays out; nothing the update did not touch is listed.
    expect(digest.changes.every((c) => c.mark !== 'deleted')).toBe(true);
    expect(digest.changes.map((c) => c.event.id)).not.toContain(await idOf(db, 'lukashenko-karabakh-2024'));
  });

  it('does not add an event an editor already recorded from the same report', async () => {
    const db = await oldDatabase();
    const events = new EventStore(db, await EntityDirectory.load(db));
    const zapad = CURATED.events.find((e) => e.key === 'zapad-2025')!;
    const mine = await events.add(
      {
        title: 'Zapad 2025 drills begin',
        summary: 'Recorded by an editor.',
        kind: 'military',
        date: parsePartialDate('2025-09-12')!,
        countryIds: ['russia', 'belarus'],
        blocIds: [],
        sources: [{ url: zapad.sources[0]!.url, publisher: 'TASS' }],
      },
      'discord:4242',
      EDITED,
    );
    const { core, result } = await updatedCore(db);
    expect(result!.alreadyRecorded).toEqual([{ key: 'zapad-2025', eventId: mine.id }]);
    expect(result!.added).not.toContain('zapad-2025');
    expect((await core.events.search('Zapad', 10)).hits.map((h) => h.event.id)).toEqual([mine.id]);
    // Nor does a later `seed`.
    expect((await seed(db, UPDATED)).events).toBe(0);
    expect((await core.events.search('Zapad', 10)).hits.map((h) => h.event.id)).toEqual([mine.id]);
  });

  it('`blocwatch seed` on a database of the first release applies the update too', async () => {
    const file = join(tmp.dir, 'v1.db');
    const db = openSqlite(file);
    await migrate(db);
    await seed(db, SEEDED, V1);
    await db.close();
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'blocwatch.js'), 'seed'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: file, LOG_LEVEL: 'warn', NO_COLOR: '1' },
      cwd: tmp.dir,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`Dataset updated from version 1 to ${CURATED.version}: [1-9]\\d* events corrected`));
    const after = openSqlite(file);
    expect(await datasetVersion(after)).toBe(CURATED.version);
    expect(await n(after, "SELECT count(*) AS n FROM events WHERE summary LIKE '%Alexander Pankin%'")).toBe(1);
    await after.close();
  });

  it('checks every curated date before writing anything', async () => {
    const db = await oldDatabase();
    const broken: CuratedDataset = {
      ...CURATED,
      events: [...CURATED.events, { ...CURATED.events[0]!, key: 'broken', date: '2024-13-40' }],
    };
    const audits = await n(db, 'SELECT count(*) AS n FROM audit_log');
    await expect(updateDataset(db, UPDATED, { dataset: broken })).rejects.toThrow(/broken: bad date/);
    expect(await n(db, 'SELECT count(*) AS n FROM audit_log')).toBe(audits);
    expect(await datasetVersion(db)).toBe(1);
    expect(parsePartialDate('2024-13-40')).toBeUndefined();
  });
});

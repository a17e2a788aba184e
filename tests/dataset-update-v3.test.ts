// A database seeded from release 3 of the dataset (tests/fixtures/dataset-v3.json, as shipped, the one a
// new install got until December 2026) receives the 2026 events at start, as an operator's database would:
// what editors changed, deleted or already recorded from the same report stays theirs, the new events
// answer /timeline, subscribers see them as new, and a second start changes nothing.
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../src/core.ts';
import { CURATED, type CuratedDataset } from '../src/dataset/curated.ts';
import { DigestComposer } from '../src/digest/compose.ts';
import { parsePartialDate } from '../src/domain/dates.ts';
import { Dispatcher } from '../src/dispatch.ts';
import { COMMANDS } from '../commands/index.ts';
import { EntityDirectory } from '../src/store/entities.ts';
import { EventStore } from '../src/store/events.ts';
import { DATASET_ACTOR, type DatasetUpdateResult } from '../src/store/dataset-update.ts';
import { datasetVersion } from '../src/store/dataset-version.ts';
import { openSqlite } from '../src/store/sqlite.ts';
import type { Sql } from '../src/store/sql.ts';
import { migrate } from '../src/store/migrate.ts';
import { seed } from '../src/store/seed.ts';
import { member, textOf } from './helpers.ts';
import v3 from './fixtures/dataset-v3.json' with { type: 'json' };

const V3 = v3 as CuratedDataset;
const SEEDED = new Date('2026-01-05T09:00:00Z');
const EDITED = new Date('2026-03-01T09:00:00Z');
const UPDATED = new Date('2026-12-07T09:00:00Z');
const NEW_KEYS = CURATED.events.map((e) => e.key).filter((k) => !V3.events.some((e) => e.key === k));
const VANCE = CURATED.events.find((e) => e.key === 'vance-visits-armenia-2026')!;

const n = async (db: Sql, sql: string, ...args: unknown[]) => (await db.get<{ n: number }>(sql, args))!.n;
const idOf = (db: Sql, key: string) => n(db, 'SELECT id AS n FROM events WHERE seed_key = ?', key);

/** Release 3 as an operator runs it: one curated event edited, one deleted, one 2026 event recorded by hand. */
async function releaseThreeDatabase(): Promise<{ db: Sql; handRecorded: number }> {
  const db = openSqlite(':memory:');
  await migrate(db);
  await seed(db, SEEDED, V3);
  const events = new EventStore(db, await EntityDirectory.load(db));
  const zapad = (await events.get(await idOf(db, 'zapad-2025')))!;
  await events.edit(
    zapad.id,
    {
      title: zapad.title,
      summary: 'Edited by hand: Zapad-2025 ran from 12 to 16 September.',
      kind: zapad.kind,
      date: zapad.date,
      countryIds: zapad.countries.map((c) => c.id),
      blocIds: zapad.blocs.map((b) => b.id),
      sources: zapad.sources,
    },
    'discord:4242',
    EDITED,
  );
  await events.delete(await idOf(db, 'oreshnik-belarus-2025'), 'slack:U42', EDITED);
  const mine = await events.add(
    {
      title: 'Vance in Yerevan',
      summary: 'Recorded by an editor from the AP report.',
      kind: 'diplomatic',
      date: parsePartialDate('2026-02-09')!,
      countryIds: ['united-states', 'armenia'],
      blocIds: [],
      sources: [{ url: VANCE.sources[0]!.url, publisher: 'AP' }],
    },
    'discord:4242',
    EDITED,
  );
  return { db, handRecorded: mine.id };
}

async function start(db: Sql): Promise<{ core: Core; result?: DatasetUpdateResult }> {
  let result: DatasetUpdateResult | undefined;
  const core = await createCore(db, { now: () => UPDATED, onDatasetUpdate: (r) => (result = r) });
  return { core, result };
}

describe('dataset update from release 3', () => {
  it('the fixture is release 3, and the current release adds 2026', async () => {
    expect(V3.version).toBe(3);
    expect(CURATED.version).toBeGreaterThan(V3.version);
    expect(NEW_KEYS).toContain('ru-recalls-ambassador-am-2026');
    expect(V3.events.some((e) => e.date.startsWith('2026'))).toBe(false);
  });

  it('adds every new event, each with a seed audit row, and records the version', async () => {
    const { db } = await releaseThreeDatabase();
    const { result } = await start(db);
    // Release 4 changed no event of release 3: nothing is corrected, only added.
    expect(result).toMatchObject({ from: 3, to: CURATED.version, edited: [] });
    expect(await datasetVersion(db)).toBe(CURATED.version);
    expect([...result!.added].sort()).toEqual(NEW_KEYS.filter((k) => k !== VANCE.key).sort());
    for (const key of result!.added) {
      expect(
        await n(
          db,
          "SELECT count(*) AS n FROM audit_log WHERE event_id = ? AND action = 'seed' AND actor = ?",
          await idOf(db, key),
          DATASET_ACTOR,
        ),
      ).toBe(1);
    }
  });

  it('leaves what editors edited, deleted or recorded themselves as they made it', async () => {
    const { db, handRecorded } = await releaseThreeDatabase();
    const revisions = await n(db, "SELECT sum(revision) AS n FROM events WHERE seed_key IN ('zapad-2025', 'oreshnik-belarus-2025')");
    const { core, result } = await start(db);
    const zapad = (await core.events.get(await idOf(db, 'zapad-2025')))!;
    expect(zapad.summary).toBe('Edited by hand: Zapad-2025 ran from 12 to 16 September.');
    expect(result!.keptByEditors).toContainEqual({ key: 'zapad-2025', eventId: zapad.id, by: 'discord:4242', deleted: false });
    expect(await core.events.get(await idOf(db, 'oreshnik-belarus-2025'))).toBeUndefined();
    expect(await n(db, "SELECT sum(revision) AS n FROM events WHERE seed_key IN ('zapad-2025', 'oreshnik-belarus-2025')")).toBe(revisions);
    // The editor's record of the Vance visit is the one event for that report.
    expect(result!.alreadyRecorded).toEqual([{ key: VANCE.key, eventId: handRecorded }]);
    expect(await n(db, 'SELECT count(*) AS n FROM events WHERE seed_key = ?', VANCE.key)).toBe(0);
  });

  it("answers this year's timelines of Armenia and Belarus", async () => {
    const { core } = await start((await releaseThreeDatabase()).db);
    const d = new Dispatcher(core, COMMANDS);
    const armenia = textOf(await d.runText('timeline', 'armenia from:2026-01', member));
    expect(armenia).toContain("Russia recalls its ambassador to Armenia over Yerevan's EU course");
    expect(armenia).toContain('Built-in data to 30 May 2026; add news sources to keep it current');
    const belarus = textOf(await d.runText('timeline', 'belarus from:2026-01', member));
    expect(belarus).toContain('Supreme State Council of the Union State meets in Moscow');
    const status = textOf(await d.runText('csto', 'status armenia', member));
    expect(status).toContain('Since: 22 Feb 2024');
    expect(status).toContain('Pashinyan in Warsaw');
  });

  it("lists the 2026 events as new in subscribers' next digest", async () => {
    const { db } = await releaseThreeDatabase();
    const before = await n(db, 'SELECT max(id) AS n FROM audit_log');
    const { core } = await start(db);
    const latest = await n(db, 'SELECT max(id) AS n FROM audit_log');
    const composer = new DigestComposer(core, {
      latestChange: async () => latest,
      changesIn: (a, b) => core.digests.changesIn(a, b),
      changeBefore: (at) => core.digests.changeBefore(at),
    });
    const digest = await composer.compose({ countries: ['belarus'], blocs: [] }, before, { title: 'Daily digest' });
    const marks = new Map(digest.changes.map((c) => [c.event.title, c.mark]));
    expect(marks.get('Supreme State Council of the Union State meets in Moscow')).toBe('new');
    expect(digest.changes.every((c) => c.mark === 'new')).toBe(true);
  });

  it('runs once: a second start changes nothing', async () => {
    const { db } = await releaseThreeDatabase();
    await start(db);
    const audits = await n(db, 'SELECT count(*) AS n FROM audit_log');
    expect((await start(db)).result).toBeUndefined();
    expect(await n(db, 'SELECT count(*) AS n FROM audit_log')).toBe(audits);
  });
});

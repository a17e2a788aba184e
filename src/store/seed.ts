// Loads the curated dataset. Every row carries a stable seed key, so seeding twice changes nothing,
// and an event an admin deleted (soft-deleted, key kept) is not brought back.
import { CURATED, type CuratedDataset } from '../dataset/curated.ts';
import { parsePartialDate } from '../domain/dates.ts';
import { normalizeAlias } from '../domain/entities.ts';
import type { ValidEvent } from '../domain/event-input.ts';
import type { SeedEvent, SeedMembership } from '../domain/types.ts';
import { EntityDirectory } from './entities.ts';
import { EventStore } from './events.ts';
import { inTransaction, type Db } from './db.ts';
import { recordDatasetVersion } from './dataset-version.ts';

export const SEED_ACTOR = 'blocwatch:seed';

/**
 * The live event an editor recorded by hand from one of these reports, if any: a curated event added
 * to a database in use must not duplicate what an editor already recorded from the same source.
 */
export function recordedByEditor(db: Db): (urls: readonly string[]) => number | undefined {
  const sameReport = db.prepare<[string], { id: number }>(
    `SELECT e.id FROM event_sources s JOIN events e ON e.id = s.event_id
     WHERE s.url = ? AND e.seed_key IS NULL AND e.deleted_at IS NULL LIMIT 1`,
  );
  return (urls) => urls.map((u) => sameReport.get(u)?.id).find((id) => id !== undefined);
}

export interface SeedResult {
  entities: number;
  aliases: number;
  events: number;
  memberships: number;
}

/** `dataset` is the curated one; tests pass an older release to build the databases operators have. */
export function seed(db: Db, now: Date, dataset: CuratedDataset = CURATED): SeedResult {
  const { entities: ENTITIES, events: EVENTS, memberships: MEMBERSHIPS } = dataset;
  return inTransaction(db, () => {
    // Only a database seeded from nothing is known to hold exactly this version; rows added to an
    // older one are completed (corrections included) by the dataset update at start.
    const fresh = !db.prepare('SELECT 1 FROM entities LIMIT 1').get();
    const result: SeedResult = { entities: 0, aliases: 0, events: 0, memberships: 0 };
    const insertEntity = db.prepare(
      'INSERT INTO entities (id, kind, name, full_name, iso2, iso3) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
    );
    const insertAlias = db.prepare('INSERT INTO entity_aliases (alias, entity_id, display) VALUES (?, ?, ?) ON CONFLICT(alias) DO NOTHING');
    for (const e of ENTITIES) {
      result.entities += insertEntity.run(e.id, e.kind, e.name, e.fullName ?? null, e.iso2 ?? null, e.iso3 ?? null).changes;
      const names = [e.id, e.name, e.fullName, e.iso2, e.iso3, ...e.aliases].filter((x): x is string => Boolean(x));
      for (const name of names) result.aliases += insertAlias.run(normalizeAlias(name), e.id, name).changes;
    }

    const entities = new EntityDirectory(db);
    const events = new EventStore(db, entities);
    const hasKey = db.prepare<[string], { id: number }>('SELECT id FROM events WHERE seed_key = ?');
    const editorsRecord = recordedByEditor(db);
    for (const e of EVENTS) {
      if (hasKey.get(e.key)) continue;
      if (!fresh && editorsRecord(e.sources.map((s) => s.url)) !== undefined) continue;
      events.addInTransaction(curatedEventInput(e), SEED_ACTOR, now, { seedKey: e.key, action: 'seed' });
      result.events++;
    }

    const insertMembership = db.prepare(
      `INSERT INTO memberships (seed_key, country_id, bloc_id, status, since, precision, since_start, basis_event_id,
                                source_url, source_publisher, note)
       VALUES (@key, @country, @bloc, @status, @since, @precision, @start,
               (SELECT id FROM events WHERE seed_key = @basis), @url, @publisher, @note)
       ON CONFLICT(seed_key) DO NOTHING`,
    );
    for (const m of MEMBERSHIPS) {
      result.memberships += insertMembership.run(membershipRow(m)).changes;
    }
    if (fresh) recordDatasetVersion(db, dataset.version, now);
    return result;
  });
}

/** First start: an empty database gets the dataset; anything else is left as the admins made it. */
export function seedIfEmpty(db: Db, now: Date): SeedResult | undefined {
  const any = db.prepare('SELECT 1 FROM entities LIMIT 1').get();
  return any ? undefined : seed(db, now);
}

/** A curated date, parsed and checked against the precision the dataset states for it. */
function curatedDate(text: string, precision: string, what: string) {
  const date = parsePartialDate(text);
  if (!date || date.precision !== precision) throw new Error(`${what}: bad date ${text}`);
  return date;
}

/** A curated event as the store's validated input (dates checked against their stated precision). */
export function curatedEventInput(e: SeedEvent): ValidEvent {
  const date = curatedDate(e.date, e.precision, `curated event ${e.key}`);
  return {
    title: e.title,
    summary: e.summary,
    kind: e.kind,
    date,
    countryIds: e.countries,
    blocIds: e.blocs,
    sources: e.sources.map(({ url, publisher }) => ({ url, publisher })),
  };
}

/** A curated membership as the parameters of a memberships row (its basis event named by seed key). */
export function membershipRow(m: SeedMembership) {
  const date = curatedDate(m.since, m.precision, `curated membership ${m.key}`);
  return {
    key: m.key,
    country: m.country,
    bloc: m.bloc,
    status: m.status,
    since: date.text,
    precision: date.precision,
    start: date.start,
    basis: m.basisEvent ?? null,
    url: m.source.url,
    publisher: m.source.publisher,
    note: m.note ?? null,
  };
}

// Loads the curated dataset. Every row carries a stable seed key, so seeding twice changes nothing,
// and an event an admin deleted (soft-deleted, key kept) is not brought back.
import { ENTITIES } from '../dataset/entities.ts';
import { EVENTS } from '../dataset/events.ts';
import { MEMBERSHIPS } from '../dataset/memberships.ts';
import { parsePartialDate } from '../domain/dates.ts';
import { normalizeAlias } from '../domain/entities.ts';
import { EntityDirectory } from './entities.ts';
import { EventStore } from './events.ts';
import { inTransaction, type Db } from './db.ts';

export const SEED_ACTOR = 'blocwatch:seed';

export interface SeedResult {
  entities: number;
  aliases: number;
  events: number;
  memberships: number;
}

export function seed(db: Db, now: Date): SeedResult {
  return inTransaction(db, () => {
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
    for (const e of EVENTS) {
      if (hasKey.get(e.key)) continue;
      const date = parsePartialDate(e.date);
      if (!date || date.precision !== e.precision) throw new Error(`seed event ${e.key}: bad date ${e.date}`);
      events.addInTransaction(
        { title: e.title, summary: e.summary, kind: e.kind, date, countryIds: e.countries, blocIds: e.blocs, sources: e.sources },
        SEED_ACTOR,
        now,
        { seedKey: e.key, action: 'seed' },
      );
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
      const date = parsePartialDate(m.since);
      if (!date || date.precision !== m.precision) throw new Error(`seed membership ${m.key}: bad date ${m.since}`);
      result.memberships += insertMembership.run({
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
      }).changes;
    }
    return result;
  });
}

/** First start: an empty database gets the dataset; anything else is left as the admins made it. */
export function seedIfEmpty(db: Db, now: Date): SeedResult | undefined {
  const any = db.prepare('SELECT 1 FROM entities LIMIT 1').get();
  return any ? undefined : seed(db, now);
}

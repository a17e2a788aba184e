// Entity resolution: what the user typed ('Yerevan', 'ARM', 'armenian') → the entity ('armenia').
// Exact lookups and prefix completion are primary-key range scans on entity_aliases; the fuzzy
// "did you mean" only runs after an exact miss, over a small cached alias list.
import { levenshtein, normalizeAlias, type Choice, type Entity, type EntityResolver, type Resolution } from '../domain/entities.ts';
import type { EntityKind } from '../domain/types.ts';
import type { Db } from './db.ts';

interface EntityRow {
  id: string;
  kind: EntityKind;
  name: string;
  full_name: string | null;
  iso2: string | null;
  iso3: string | null;
}

const toEntity = (r: EntityRow): Entity => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  fullName: r.full_name,
  iso2: r.iso2,
  iso3: r.iso3,
});

export class EntityDirectory implements EntityResolver {
  private readonly byAlias;
  private readonly byId;
  private readonly prefix;
  private readonly all;
  private fuzzyCache: { alias: string; entityId: string }[] | undefined;
  // Entities are few and change only when the dataset is seeded, which createCore does before building
  // this directory: every event names several, so a map
  // in memory saves a query per name on every answer.
  private byIdCache: Map<string, Entity> | undefined;

  constructor(private readonly db: Db) {
    this.byAlias = db.prepare<[string], EntityRow>(
      'SELECT e.* FROM entity_aliases a JOIN entities e ON e.id = a.entity_id WHERE a.alias = ?',
    );
    this.byId = db.prepare<[string], EntityRow>('SELECT * FROM entities WHERE id = ?');
    // Range scan on the alias primary key: 'arm' matches 'armenia', 'armenian', 'arm'.
    this.prefix = db.prepare<[string, string, number], EntityRow & { alias: string }>(
      `SELECT e.*, a.alias FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
       WHERE a.alias >= ? AND a.alias < ? ORDER BY a.alias LIMIT ?`,
    );
    this.all = db.prepare<[], EntityRow>('SELECT * FROM entities ORDER BY kind DESC, name');
  }

  get(id: string): Entity | undefined {
    this.byIdCache ??= new Map(this.all.all().map((r) => [r.id, toEntity(r)]));
    const hit = this.byIdCache.get(id);
    if (hit) return hit;
    const row = this.byId.get(id);
    return row ? toEntity(row) : undefined;
  }

  list(kind?: EntityKind): Entity[] {
    return this.all
      .all()
      .map(toEntity)
      .filter((e) => !kind || e.kind === kind);
  }

  resolve(input: string, kind?: EntityKind): Resolution {
    const alias = normalizeAlias(input);
    if (!alias) return { ok: false, input };
    const row = this.byAlias.get(alias);
    if (row) {
      const entity = toEntity(row);
      if (kind && entity.kind !== kind) return { ok: false, input, wrongKind: entity };
      return { ok: true, entity };
    }
    return { ok: false, input, suggestion: this.nearest(alias, kind) };
  }

  /** Autocomplete: entities whose name or alias starts with what was typed, best first. */
  complete(typed: string, kind?: EntityKind, limit = 25): Choice[] {
    const q = normalizeAlias(typed);
    const seen = new Map<string, Choice>();
    if (!q) {
      for (const e of this.list(kind)) if (seen.size < limit) seen.set(e.id, { name: e.name, value: e.id });
      return [...seen.values()];
    }
    // Over-fetch: several aliases may point at one entity.
    for (const r of this.prefix.all(q, `${q}\uffff`, limit * 8)) {
      if (kind && r.kind !== kind) continue;
      if (!seen.has(r.id)) seen.set(r.id, { name: choiceLabel(toEntity(r), r.alias), value: r.id });
      if (seen.size >= limit) break;
    }
    if (seen.size === 0) {
      const near = this.nearest(q, kind);
      if (near) seen.set(near.id, { name: near.name, value: near.id });
    }
    return [...seen.values()];
  }

  /**
   * "Did you mean": the one entity an input is a typo away from, or none. Inputs of three letters or
   * fewer are codes and abbreviations ("RA", "xyz"): they match exactly or not at all, because one
   * edit turns any code into another country's. Longer inputs may be off by one letter in five (at
   * most three), and only names (never codes) are candidates. A tie between two entities suggests
   * neither: a guess between unrelated countries is worse than none.
   */
  private nearest(alias: string, kind?: EntityKind): Entity | undefined {
    if (alias.length <= 3) return undefined;
    this.fuzzyCache ??= this.db
      .prepare<[], { alias: string; entity_id: string }>('SELECT alias, entity_id FROM entity_aliases WHERE length(alias) > 3')
      .all()
      .map((r) => ({ alias: r.alias, entityId: r.entity_id }));
    const cap = Math.min(3, Math.max(1, Math.floor(alias.length / 5)));
    let best: { d: number; ids: Set<string> } | undefined;
    for (const a of this.fuzzyCache) {
      const d = levenshtein(alias, a.alias, cap);
      if (d > cap || (best && d > best.d)) continue;
      const e = this.get(a.entityId);
      if (!e || (kind && e.kind !== kind)) continue;
      if (!best || d < best.d) best = { d, ids: new Set([e.id]) };
      else best.ids.add(e.id);
    }
    return best && best.ids.size === 1 ? this.get([...best.ids][0]!) : undefined;
  }
}

function choiceLabel(e: Entity, matchedAlias: string): string {
  const name = normalizeAlias(e.name);
  if (matchedAlias === name || name.startsWith(matchedAlias)) return e.name;
  return `${e.name} (${matchedAlias})`.slice(0, 100);
}

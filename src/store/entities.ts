// Entity resolution: what the user typed ('Yerevan', 'ARM', 'armenian') → the entity ('armenia').
// Entities and their aliases are few (a few hundred rows) and change only when the dataset is seeded or
// updated, which happens before the directory is loaded: it is read once into memory, so resolving a
// name, completing one and naming an event's countries cost no query (and stay synchronous, as the
// domain's validation that calls them is). The fuzzy "did you mean" runs only after an exact miss.
import { levenshtein, normalizeAlias, type Choice, type Entity, type EntityResolver, type Resolution } from '../domain/entities.ts';
import type { EntityKind } from '../domain/types.ts';
import type { Sql } from './sql.ts';

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
  private readonly byId: Map<string, Entity>;
  private readonly byAlias = new Map<string, Entity>();
  /** Every alias in byte order, for prefix completion by binary search. */
  private readonly aliases: { alias: string; entity: Entity }[];
  private fuzzyCache: { alias: string; entityId: string }[] | undefined;

  /** Entities in the order lists show them (countries, then blocs, by name), with their aliases in byte order. */
  private constructor(
    private readonly ordered: Entity[],
    aliasRows: readonly { alias: string; entity_id: string }[],
  ) {
    this.byId = new Map(ordered.map((e) => [e.id, e]));
    this.aliases = [];
    for (const r of aliasRows) {
      const entity = this.byId.get(r.entity_id);
      if (!entity) continue;
      this.byAlias.set(r.alias, entity);
      this.aliases.push({ alias: r.alias, entity });
    }
  }

  /** Reads every entity and alias (an empty directory before the dataset is seeded). */
  static async load(sql: Sql): Promise<EntityDirectory> {
    const [entities, aliases] = await Promise.all([
      sql.all<EntityRow>('SELECT * FROM entities ORDER BY kind DESC, name'),
      sql.all<{ alias: string; entity_id: string }>('SELECT alias, entity_id FROM entity_aliases ORDER BY alias'),
    ]);
    return new EntityDirectory(entities.map(toEntity), aliases);
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  list(kind?: EntityKind): Entity[] {
    return this.ordered.filter((e) => !kind || e.kind === kind);
  }

  resolve(input: string, kind?: EntityKind): Resolution {
    const alias = normalizeAlias(input);
    if (!alias) return { ok: false, input };
    const entity = this.byAlias.get(alias);
    if (entity) {
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
    // Several aliases may point at one entity: walk on until `limit` entities are found.
    for (let i = this.firstAliasFrom(q); i < this.aliases.length && this.aliases[i]!.alias.startsWith(q); i++) {
      const { alias, entity } = this.aliases[i]!;
      if (kind && entity.kind !== kind) continue;
      if (!seen.has(entity.id)) seen.set(entity.id, { name: choiceLabel(entity, alias), value: entity.id });
      if (seen.size >= limit) break;
    }
    if (seen.size === 0) {
      const near = this.nearest(q, kind);
      if (near) seen.set(near.id, { name: near.name, value: near.id });
    }
    return [...seen.values()];
  }

  /** The index of the first alias not before `q`, in the byte order SQLite sorted them in. */
  private firstAliasFrom(q: string): number {
    let lo = 0;
    let hi = this.aliases.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byteOrder(this.aliases[mid]!.alias, q) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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
    this.fuzzyCache ??= this.aliases.filter((a) => [...a.alias].length > 3).map((a) => ({ alias: a.alias, entityId: a.entity.id }));
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

/** Compares as the stores sort text (SQLite's BINARY, PostgreSQL's "C"): by UTF-8 bytes, i.e. by code point. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// The curated dataset: every event sourced and dated with a valid precision, every status backed by
// an event that says so.
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/dataset/entities.ts';
import { EVENTS } from '../src/dataset/events.ts';
import { MEMBERSHIPS } from '../src/dataset/memberships.ts';
import { parsePartialDate } from '../src/domain/dates.ts';
import { normalizeAlias } from '../src/domain/entities.ts';
import { memoryCore } from './helpers.ts';

const byId = new Map(ENTITIES.map((e) => [e.id, e]));

describe('curated dataset', () => {
  it('has unique keys, in chronological order', () => {
    expect(new Set(EVENTS.map((e) => e.key)).size).toBe(EVENTS.length);
    expect(new Set(MEMBERSHIPS.map((m) => m.key)).size).toBe(MEMBERSHIPS.length);
    const dates = EVENTS.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('sources and dates every event, with a valid precision', () => {
    for (const e of EVENTS) {
      const d = parsePartialDate(e.date);
      expect(d?.precision, e.key).toBe(e.precision);
      expect(e.sources.length, e.key).toBeGreaterThan(0);
      for (const s of e.sources) {
        expect(s.url, e.key).toMatch(/^https?:\/\/[^\s]+$/);
        expect(s.publisher.trim(), e.key).not.toBe('');
      }
      expect(e.title.length).toBeGreaterThanOrEqual(3);
      expect(e.title.length).toBeLessThanOrEqual(200);
      expect(e.summary.length).toBeLessThanOrEqual(1500);
      expect(e.summary, e.key).not.toMatch(/@|[*_`~]/);
      for (const c of e.countries) expect(byId.get(c)?.kind, `${e.key}: ${c}`).toBe('country');
      for (const b of e.blocs) expect(byId.get(b)?.kind, `${e.key}: ${b}`).toBe('bloc');
    }
  });

  it('gives every alias to one entity only', () => {
    const seen = new Map<string, string>();
    for (const e of ENTITIES) {
      for (const a of [e.id, e.name, e.fullName, e.iso2, e.iso3, ...e.aliases].filter((x): x is string => Boolean(x))) {
        const n = normalizeAlias(a);
        const owner = seen.get(n);
        expect(owner === undefined || owner === e.id, `alias "${a}" is claimed by ${owner} and ${e.id}`).toBe(true);
        seen.set(n, e.id);
      }
    }
  });

  it('backs every membership status with an event that involves that country and bloc', () => {
    const events = new Map(EVENTS.map((e) => [e.key, e]));
    for (const m of MEMBERSHIPS) {
      expect(byId.get(m.country)?.kind, m.key).toBe('country');
      expect(byId.get(m.bloc)?.kind, m.key).toBe('bloc');
      expect(parsePartialDate(m.since)?.precision, m.key).toBe(m.precision);
      if (!m.basisEvent) {
        expect(m.source.url, m.key).toMatch(/^https?:\/\//);
        continue;
      }
      const e = events.get(m.basisEvent);
      expect(e, m.key).toBeDefined();
      expect(e!.blocs, m.key).toContain(m.bloc);
      expect(e!.countries, m.key).toContain(m.country);
      expect(e!.kind, m.key).toBe('status_change');
      // The status starts on the event's day, or (treaty dates) within a year of it.
      const gap = Math.abs(Date.parse(e!.date) - Date.parse(m.since)) / 86_400_000;
      expect(gap, m.key).toBeLessThanOrEqual(366);
      expect(m.source.url).toBe(e!.sources[0]!.url);
    }
  });

  it('keeps each history in date order, with no status repeated back to back', () => {
    const groups = new Map<string, typeof MEMBERSHIPS>();
    for (const m of MEMBERSHIPS) groups.set(`${m.country}/${m.bloc}`, [...(groups.get(`${m.country}/${m.bloc}`) ?? []), m]);
    for (const [key, rows] of groups) {
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]!.since > rows[i - 1]!.since, key).toBe(true);
        expect(rows[i]!.status !== rows[i - 1]!.status, key).toBe(true);
      }
    }
  });

  it('loads into the database with every link and source', () => {
    const core = memoryCore();
    const n = (sql: string) => (core.db.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT count(*) AS n FROM events')).toBe(EVENTS.length);
    expect(n('SELECT count(*) AS n FROM event_sources')).toBe(EVENTS.reduce((a, e) => a + e.sources.length, 0));
    expect(n('SELECT count(*) AS n FROM event_entities')).toBe(EVENTS.reduce((a, e) => a + e.countries.length + e.blocs.length, 0));
    expect(n('SELECT count(*) AS n FROM memberships')).toBe(MEMBERSHIPS.length);
    expect(n('SELECT count(*) AS n FROM memberships WHERE basis_event_id IS NULL')).toBe(MEMBERSHIPS.filter((m) => !m.basisEvent).length);
    expect(n("SELECT count(*) AS n FROM audit_log WHERE action = 'seed'")).toBe(EVENTS.length);
  });
});

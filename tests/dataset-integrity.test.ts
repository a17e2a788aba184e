// The curated dataset: every event sourced and dated with a valid precision and never after what reports
// it, every status started and ended by an event that says so, every alias one entity's.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURATED } from '../src/dataset/curated.ts';
import { ENTITIES } from '../src/dataset/entities.ts';
import { EVENTS } from '../src/dataset/events.ts';
import { MEMBERSHIPS } from '../src/dataset/memberships.ts';
import { parsePartialDate } from '../src/domain/dates.ts';
import { normalizeAlias } from '../src/domain/entities.ts';
import v1 from './fixtures/dataset-v1.json' with { type: 'json' };
import v3 from './fixtures/dataset-v3.json' with { type: 'json' };
import { member, memoryCore, dispatcher, textOf } from './helpers.ts';

const byId = new Map(ENTITIES.map((e) => [e.id, e]));

/** The digest of each released dataset version: a change without a new version would never reach old databases. */
const RELEASED: Record<number, string> = {
  2: '8d713e91785c5500276ceea03fdbf8f8a375f6b17a9481aae29767479119c5b9',
  3: 'b7ca517310f7a69f462502de869c50fd515c963680b275a62c4d4e6e5124ed83',
  4: '7f8699186446c8aee5b8cbf9d868cd96b034dab5d9476b00ef38a3ee29284b69',
  5: '97fe474bd1619cf9ab9df87926b6f2bd6b9b08042928fd4fd36367f886192393',
};
const digestOf = ({ version: _, ...content }: { version: number }) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

/** Events added since release 3 (tests/fixtures/dataset-v3.json, as shipped): the 2026 update. */
const SINCE_V3 = EVENTS.filter((e) => !new Set((v3 as { events: { key: string }[] }).events.map((x) => x.key)).has(e.key));

describe('curated dataset', () => {
  it('changes only together with DATASET_VERSION, so that older databases receive the change', async () => {
    const digest = digestOf(CURATED);
    expect(digest, `the curated dataset changed: raise DATASET_VERSION in src/dataset/curated.ts and record ${digest} here`).toBe(
      RELEASED[CURATED.version],
    );
    // The fixture the update tests start from is release 3 as shipped.
    expect(digestOf(v3)).toBe(RELEASED[3]);
  });

  it('gives every event added since release 3 two sources from two different outlets', async () => {
    expect(SINCE_V3.length).toBeGreaterThan(0);
    const host = (url: string) => new URL(url).hostname.replace(/^(www|amp|m|en|ru)\./, '');
    const outlet = (publisher: string) => publisher.toLowerCase().replace(/\s*\(.*\)$/, '');
    for (const e of SINCE_V3) {
      expect(e.sources.length, `${e.key}: fewer than two sources`).toBeGreaterThanOrEqual(2);
      // A re-post is not a second source: no two of an event's sources share an address, a site or a publisher.
      expect(new Set(e.sources.map((s) => s.url)).size, `${e.key}: a source twice`).toBe(e.sources.length);
      expect(new Set(e.sources.map((s) => host(s.url))).size, `${e.key}: two sources from one site`).toBe(e.sources.length);
      expect(new Set(e.sources.map((s) => outlet(s.publisher))).size, `${e.key}: two sources from one outlet`).toBe(e.sources.length);
    }
  });

  it('lists every event added since release 3, with its sources, in docs/facts-2026.md for review', async () => {
    const facts = readFileSync(join(import.meta.dirname, '..', 'docs', 'facts-2026.md'), 'utf8');
    const rows = facts.split('\n').filter((l) => l.startsWith('| 20'));
    for (const e of SINCE_V3) {
      const row = rows.find((r) => r.startsWith(`| ${e.date} | ${e.precision} |`) && e.sources.every((s) => r.includes(s.url)));
      expect(row, `${e.key}: no row of docs/facts-2026.md has its date, precision and every source`).toBeDefined();
    }
  });

  it('has unique keys, in chronological order', async () => {
    expect(new Set(EVENTS.map((e) => e.key)).size).toBe(EVENTS.length);
    expect(new Set(MEMBERSHIPS.map((m) => m.key)).size).toBe(MEMBERSHIPS.length);
    const dates = EVENTS.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('sources and dates every event, with a valid precision', async () => {
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

  it('gives every alias to one entity only', async () => {
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

  it('backs every membership status with an event that involves that country and bloc', async () => {
    const events = new Map(EVENTS.map((e) => [e.key, e]));
    for (const m of MEMBERSHIPS) {
      expect(byId.get(m.country)?.kind, m.key).toBe('country');
      expect(byId.get(m.bloc)?.kind, m.key).toBe('bloc');
      expect(parsePartialDate(m.since)?.precision, m.key).toBe(m.precision);
      // Every row starts with an event: no status is asserted on a bare link.
      expect(m.basisEvent, `${m.key} has no start event`).toBeDefined();
      const e = events.get(m.basisEvent!);
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

  it('keeps each history in date order, with no status repeated back to back', async () => {
    for (const [key, rows] of histories()) {
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]!.since > rows[i - 1]!.since, key).toBe(true);
        expect(rows[i]!.status !== rows[i - 1]!.status, key).toBe(true);
      }
    }
  });

  it('ends every status with the event that starts the next one, for that country and bloc', async () => {
    const events = new Map(EVENTS.map((e) => [e.key, e]));
    for (const [key, rows] of histories()) {
      for (let i = 0; i + 1 < rows.length; i++) {
        const end = events.get(rows[i + 1]!.basisEvent ?? '');
        expect(end, `${key}: ${rows[i]!.status} from ${rows[i]!.since} has no event ending it`).toBeDefined();
        expect(end!.countries, key).toContain(rows[i]!.country);
        expect(end!.blocs, key).toContain(rows[i]!.bloc);
        expect(parsePartialDate(end!.date)!.start > parsePartialDate(rows[i]!.since)!.start, key).toBe(true);
      }
    }
  });

  it('covers every bloc history of the issue: joins, observers, partners and exits', async () => {
    const status = (country: string, bloc: string) =>
      MEMBERSHIPS.filter((m) => m.country === country && m.bloc === bloc).map((m) => `${m.status}@${m.since}`);
    expect(status('kyrgyzstan', 'eaeu')).toEqual(['member@2015-08-06']);
    expect(status('uzbekistan', 'eaeu')).toEqual(['observer@2020-12-11']);
    expect(status('georgia', 'cis')).toEqual(['member@1993-12', 'withdrawn@2009-08-18']);
    expect(status('ukraine', 'cis')).toEqual(['founding_member@1991-12-21', 'withdrawn@2018-05-19']);
    expect(status('azerbaijan', 'cis')).toEqual(['member@1993-09-24']);
    expect(status('armenia', 'sco')).toEqual(['dialogue_partner@2015-07-10']);
    expect(status('belarus', 'sco')).toEqual(['observer@2015-07-10', 'member@2024-07-04']);
    expect(status('russia', 'union-state')).toEqual(['founding_member@2000-01-26']);
    for (const bloc of ['csto', 'sco', 'cis', 'eaeu', 'union-state'])
      expect(
        MEMBERSHIPS.some((m) => m.bloc === bloc),
        bloc,
      ).toBe(true);
  });

  it('dates no event after what reports it', async () => {
    // Where a source's publication day is known (stored as `published`, or written in its URL), the
    // event must have begun by then: a report cannot describe what had not happened.
    for (const e of EVENTS) {
      const start = parsePartialDate(e.date)!.start;
      for (const s of e.sources) {
        if (s.published) expect(parsePartialDate(s.published), `${s.url}: published ${s.published}`).toBeDefined();
        const published = s.published ? parsePartialDate(s.published)?.end : urlDate(s.url);
        if (published) expect(start <= published, `${e.key}: ${e.date} is after ${s.url} (published ${published})`).toBe(true);
      }
    }
    // Events added after the first release must each have a source whose publication day is known.
    const firstRelease = new Set((v1 as { events: { key: string }[] }).events.map((e) => e.key));
    for (const e of EVENTS.filter((x) => !firstRelease.has(x.key))) {
      expect(
        e.sources.some((s) => s.published ?? urlDate(s.url)),
        `${e.key}: no source with a known publication date`,
      ).toBe(true);
    }
  });

  it('resolves every alias, in the database, to its own entity', async () => {
    const core = await memoryCore();
    for (const e of ENTITIES) {
      for (const a of [e.id, e.name, e.fullName, e.iso2, e.iso3, ...e.aliases].filter((x): x is string => Boolean(x))) {
        const r = core.entities.resolve(a);
        expect(r.ok && r.entity.id, `alias "${a}"`).toBe(e.id);
      }
    }
    const perAlias = await core.sql.all('SELECT count(*) AS n FROM entity_aliases GROUP BY alias HAVING n > 1');
    expect(perAlias).toEqual([]);
  });

  it('loads into the database with every link and source', async () => {
    const core = await memoryCore();
    const n = async (sql: string) => ((await core.sql.get(sql)) as { n: number }).n;
    expect(await n('SELECT count(*) AS n FROM events')).toBe(EVENTS.length);
    expect(await n('SELECT count(*) AS n FROM event_sources')).toBe(EVENTS.reduce((a, e) => a + e.sources.length, 0));
    expect(await n('SELECT count(*) AS n FROM event_entities')).toBe(EVENTS.reduce((a, e) => a + e.countries.length + e.blocs.length, 0));
    expect(await n('SELECT count(*) AS n FROM memberships')).toBe(MEMBERSHIPS.length);
    expect(await n('SELECT count(*) AS n FROM memberships WHERE basis_event_id IS NULL')).toBe(
      MEMBERSHIPS.filter((m) => !m.basisEvent).length,
    );
    expect(await n("SELECT count(*) AS n FROM audit_log WHERE action = 'seed'")).toBe(EVENTS.length);
  });
});

/** Membership rows grouped per (country, bloc), in dataset order. */
function histories(): Map<string, typeof MEMBERSHIPS> {
  const groups = new Map<string, typeof MEMBERSHIPS>();
  for (const m of MEMBERSHIPS) groups.set(`${m.country}/${m.bloc}`, [...(groups.get(`${m.country}/${m.bloc}`) ?? []), m]);
  return groups;
}

/** The last day a date in a URL path can mean: /2024/06/11/, /2009-08/19/, /20241207/, /29-05-2014-, /2015/07/. */
function urlDate(url: string): string | undefined {
  const valid = (m: string, d: string) => Number(m) >= 1 && Number(m) <= 12 && Number(d) >= 1 && Number(d) <= 31;
  for (const re of [/\/((?:19|20)\d{2})[/-](\d{2})\/(\d{2})\//, /\/((?:19|20)\d{2})(\d{2})(\d{2})\//]) {
    const m = re.exec(url);
    if (m && valid(m[2]!, m[3]!)) return `${m[1]}-${m[2]}-${m[3]}`;
  }
  const dmy = /\/(\d{2})-(\d{2})-((?:19|20)\d{2})-/.exec(url);
  if (dmy && valid(dmy[2]!, dmy[1]!)) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  const ym = /\/((?:19|20)\d{2})\/(\d{2})\//.exec(url);
  if (ym && valid(ym[2]!, '01')) return parsePartialDate(`${ym[1]}-${ym[2]}`)!.end;
  return undefined;
}

const d = await dispatcher();

describe('answers from the dataset', () => {
  it('timelines of every bloc history are not empty', async () => {
    for (const [query, expected] of [
      ['kyrgyzstan bloc:eaeu', 'Kyrgyzstan joins the Eurasian Economic Union'],
      ['georgia bloc:cis', "Georgia's withdrawal from the CIS takes effect"],
      ['armenia bloc:sco', 'Armenia and Azerbaijan dialogue partners'],
      ['ukraine bloc:cis', 'Ukraine ends its participation in all CIS bodies'],
      ['uzbekistan bloc:eaeu', 'Uzbekistan becomes an observer state of the EAEU'],
      ['belarus bloc:union-state', 'Zapad-2025'],
    ] as const) {
      const t = textOf(await d.runText('timeline', query, member));
      expect(t, query).not.toContain('No events recorded');
      expect(t, query).toContain(expected);
    }
  });

  it('shows treaty membership since 1992 beside the 2002 founding of the organisation', async () => {
    const t = textOf(await d.runText('csto', 'status', member));
    expect(t).toContain('Russia: Member since 15 May 1992 (treaty); founding member of the organisation, 7 Oct 2002');
    expect(t).toContain('Belarus: Member since 31 Dec 1993 (treaty); founding member of the organisation, 7 Oct 2002');
    expect(t).toContain('Armenia: Member, participation frozen since 22 Feb 2024; member since 15 May 1992 (treaty)');
    expect(textOf(await d.runText('csto', 'status armenia', member))).toContain('Member since: 15 May 1992 (treaty)');
  });

  it("answers this year's questions: Armenia's and Belarus's 2026, Armenia still frozen since 2024", async () => {
    const armenia = textOf(await d.runText('timeline', 'armenia from:2026-01', member));
    expect(armenia).toContain("Russia recalls its ambassador to Armenia over Yerevan's EU course");
    expect(armenia).toContain('Page 1 · 26 Feb 2026 – 30 May 2026');
    const belarus = textOf(await d.runText('timeline', 'belarus from:2026-01', member));
    expect(belarus).toContain('Supreme State Council of the Union State meets in Moscow');
    expect(belarus).toContain('CSTO sets its 2026 exercises');
    // No status changed in 2026: still frozen since February 2024, with this year's statements as the latest.
    const status = textOf(await d.runText('csto', 'status armenia', member));
    expect(status).toContain('Status: Member, participation frozen\nSince: 22 Feb 2024');
    const latest = status.slice(status.indexOf('Latest status events'));
    expect(latest.indexOf('26 Feb 2026')).toBeGreaterThan(0);
    expect(latest.indexOf('26 Feb 2026')).toBeLessThan(latest.indexOf('20 Jan 2026'));
  });

  it('says how current the data is wherever an answer implies completeness', async () => {
    const newest = [...EVENTS].sort((a, b) => (a.date < b.date ? 1 : -1))[0]!;
    expect(newest.key).toBe('ru-recalls-ambassador-am-2026');
    for (const [command, text] of [
      ['csto', 'status'],
      ['csto', 'status armenia'],
      ['csto', 'status china'],
      ['timeline', 'armenia'],
      ['timeline', 'georgia bloc:eaeu'],
    ] as const) {
      expect(textOf(await d.runText(command, text, member)), `${command} ${text}`).toContain(
        'Built-in data to 30 May 2026; add news sources to keep it current',
      );
    }
    // It follows the data: with the newest event deleted, the next newest is the edge.
    const core = await memoryCore();
    const id = ((await core.sql.get('SELECT id FROM events WHERE seed_key = ?', ['ru-recalls-ambassador-am-2026'])) as { id: number }).id;
    await core.events.delete(id, 'test', core.now());
    expect((await core.currency.read()).newest?.text).toBe('2026-05-29');
  });
});

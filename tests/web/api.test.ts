// The JSON API: filters, cursor paging that walks every event once and stays stable while events are
// added, the status of a bloc's members as of a day, and a 400 naming any bad parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePartialDate } from '../../src/domain/dates.ts';
import { startWeb, type WebHarness } from './setup.ts';

let web: WebHarness;
beforeAll(async () => {
  web = await startWeb();
});
afterAll(async () => {
  await web?.close();
});

interface ApiEvent {
  id: number;
  date: string;
  precision: string;
  kind: string;
  countries: string[];
  blocs: string[];
  sources: { url: string; publisher: string }[];
}
interface EventsBody {
  events: ApiEvent[];
  next_cursor: string | null;
}

async function json<T>(path: string): Promise<{ status: number; body: T }> {
  const r = await web.get(path);
  expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return { status: r.status, body: (await r.json()) as T };
}

/** Every page of a query, following next_cursor. */
async function walk(query: string, onPage?: (n: number) => Promise<void>): Promise<ApiEvent[]> {
  const all: ApiEvent[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 200; n++) {
    const { status, body }: { status: number; body: EventsBody } = await json<EventsBody>(
      `/api/v1/events?${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(status).toBe(200);
    all.push(...body.events);
    await onPage?.(n);
    cursor = body.next_cursor;
    if (!cursor) return all;
  }
  throw new Error('more than 200 pages');
}

const live = async (web: WebHarness) =>
  (await web.core.sql.get<{ n: number }>('SELECT count(*) AS n FROM events WHERE deleted_at IS NULL'))!.n;

describe('GET /api/v1/events', () => {
  it('answers events as the export shapes them, newest first, and walks every event once by cursor', async () => {
    const first = await json<EventsBody>('/api/v1/events?limit=3');
    expect(first.body.events).toHaveLength(3);
    expect(Object.keys(first.body.events[0]!).sort()).toEqual(
      [
        'blocs',
        'countries',
        'created_at',
        'date',
        'id',
        'kind',
        'precision',
        'revision',
        'sources',
        'summary',
        'title',
        'updated_at',
      ].sort(),
    );
    const all = await walk('limit=17');
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.length).toBe(await live(web));
    const starts = all.map((e) => parsePartialDate(e.date)!.start);
    expect([...starts].sort().reverse()).toEqual(starts);
  });

  it('filters by country, bloc, kind and dates', async () => {
    const all = await walk('country=armenia&bloc=csto&kind=status_change&from=1992&to=2024-12&limit=5');
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) {
      expect(e.countries).toContain('armenia');
      expect(e.blocs).toContain('csto');
      expect(e.kind).toBe('status_change');
      expect(e.date >= '1992' && e.date <= '2024-12-31').toBe(true);
    }
    // Names work as the chat commands take them.
    expect((await json<EventsBody>('/api/v1/events?country=Yerevan&limit=1')).body.events[0]!.countries).toContain('armenia');
    const bloc = await walk('bloc=sco&limit=50');
    for (const e of bloc) expect(e.blocs).toContain('sco');
  });

  it('keeps a cursor walk stable while events are added', async () => {
    const before = await walk('country=armenia&limit=4');
    const seen: ApiEvent[] = [];
    let added = 0;
    const during = await walk('country=armenia&limit=4', async (n) => {
      if (n !== 1) return;
      // New events, newer and older than the page already read, and one on the cursor's very day.
      for (const date of ['2026-11-01', '1995-06', before[5]!.date]) {
        const d = parsePartialDate(date)!;
        await web.core.events.add(
          {
            title: `Added while paging ${date}`,
            summary: '',
            kind: 'other',
            date: d,
            countryIds: ['armenia'],
            blocIds: [],
            sources: [{ url: 'https://example.org/a', publisher: 'Example' }],
          },
          'console:test',
          new Date('2026-11-22T10:30:00Z'),
        );
        added++;
      }
    });
    seen.push(...during);
    expect(added).toBe(3);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    // Every event there before was read exactly once; the additions show up only where the walk had not been yet.
    for (const e of before) expect(seen.filter((s) => s.id === e.id)).toHaveLength(1);
  });

  it('names a bad parameter in a 400', async () => {
    const cases: [string, RegExp][] = [
      ['limit=0', /^limit: /],
      ['limit=101', /^limit: /],
      ['limit=abc', /^limit: /],
      ['kind=war', /^kind: must be one of/],
      ['from=2024-02-30', /^from: "2024-02-30" is not a date/],
      ['to=yesterday', /^to: /],
      ['from=2025&to=2024', /^from: /],
      ['country=atlantis', /^country: no country "atlantis"/],
      ['country=armenai', /^country: .*did you mean armenia\?/],
      ['country=csto', /^country: .*that is a bloc/],
      ['bloc=armenia', /^bloc: /],
      ['cursor=hello', /^cursor: not a cursor/],
      ['limt=5', /^unknown parameter "limt"/],
      ['limit=5&limit=6', /^limit: given more than once/],
    ];
    for (const [q, error] of cases) {
      const { status, body } = await json<{ error: string }>(`/api/v1/events?${q}`);
      expect(status, q).toBe(400);
      expect(body.error, q).toMatch(error);
    }
  });
});

describe('GET /api/v1/status', () => {
  it("answers a bloc's members with status, since when and the basis event, today or as of a day", async () => {
    const now = await json<{
      bloc: string;
      as_of: string;
      members: { country: string; status: string; since: string; basis_event_id: number | null }[];
    }>('/api/v1/status');
    expect(now.status).toBe(200);
    expect(now.body.bloc).toBe('csto');
    expect(now.body.as_of).toBe('2026-11-22');
    expect(now.body.members.find((m) => m.country === 'armenia')).toMatchObject({ status: 'frozen', since: '2024-02-22' });
    const then = await json<typeof now.body>('/api/v1/status?bloc=csto&as_of=2023-06-01');
    expect(then.body.as_of).toBe('2023-06-01');
    expect(then.body.members.find((m) => m.country === 'armenia')?.status).not.toBe('frozen');
    expect((await json<typeof now.body>('/api/v1/status?bloc=sco')).body.members.some((m) => m.country === 'belarus')).toBe(true);
    expect((await json<{ error: string }>('/api/v1/status?bloc=natto')).body.error).toMatch(/^bloc: /);
    expect((await json<{ error: string }>('/api/v1/status?as_of=soon')).body.error).toMatch(/^as_of: /);
  });
});

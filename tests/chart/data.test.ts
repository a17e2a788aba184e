// Chart input from the real seeded stores: rows, segments, markers and the end of the data; and the
// chart cache, which must draw again exactly when the data changes.
import { describe, expect, it } from 'vitest';
import { blocChart, CHART_START, countryChart, dataEnd } from '../../src/chart/data.ts';
import { dataTo } from '../../src/presentation/currency.ts';
import { ChartService } from '../../src/chart/index.ts';
import { memoryCore, TEST_NOW } from '../helpers.ts';

const core = await memoryCore();
const rowOf = (data: Awaited<ReturnType<typeof blocChart>>, label: string) => data!.input.rows.find((r) => r.label === label)!;

describe('chart data', () => {
  it('gives the CSTO one row per country that ever had a status, each status lasting until the next', async () => {
    const data = (await blocChart(core, 'csto'))!;
    const end = (await dataEnd(core)).day;
    expect(data.input.range).toEqual({ from: CHART_START, to: end });
    expect(data.input.rows.map((r) => r.label).sort()).toEqual([
      'Armenia',
      'Azerbaijan',
      'Belarus',
      'Georgia',
      'Kazakhstan',
      'Kyrgyzstan',
      'Russia',
      'Tajikistan',
      'Uzbekistan',
    ]);
    expect(rowOf(data, 'Armenia').segments).toEqual([
      { from: '1992-05-15', to: '2002-10-07', status: 'member' },
      { from: '2002-10-07', to: '2024-02-22', status: 'founding_member' },
      { from: '2024-02-22', to: end, status: 'frozen' },
    ]);
    const uz = rowOf(data, 'Uzbekistan').segments;
    expect(uz.map((s) => s.status)).toEqual(['member', 'withdrawn', 'member', 'suspended']);
    expect(uz[1]).toEqual({ from: '1999-04-02', to: '2006-08-16', status: 'withdrawn' });
    // Every segment inside the axis, in order, touching the next.
    for (const row of data.input.rows) {
      row.segments.forEach((s, i) => {
        expect(s.from < s.to).toBe(true);
        expect(s.to <= end).toBe(true);
        if (i > 0) expect(s.from).toBe(row.segments[i - 1]!.to);
      });
    }
    expect(data.input.title).toBe('CSTO membership');
    expect(data.roster.find((l) => l.label === 'Armenia')!.steps.at(-1)).toEqual({ status: 'frozen', since: '22 Feb 2024' });
  });

  it('marks the status-change events of the bloc only', async () => {
    const markers = (await blocChart(core, 'csto'))!.input.markers;
    expect(markers.some((m) => m.date === '2024-02-22' && m.label.includes('frozen'))).toBe(true);
    expect(markers.some((m) => m.label.includes('Tashkent'))).toBe(true);
    // A statement about the CSTO and an SCO status change are not key events of the CSTO chart.
    expect(markers.some((m) => m.label.includes('still is our ally'))).toBe(false);
    expect(markers.some((m) => m.label.includes('SCO'))).toBe(false);
    expect(markers.map((m) => m.date)).toEqual([...markers.map((m) => m.date)].sort());
  });

  it("gives a country one row per bloc, with that country's status changes", async () => {
    const data = (await countryChart(core, 'armenia'))!;
    expect(data.input.rows.map((r) => r.label).sort()).toEqual(['CIS', 'CSTO', 'EAEU', 'SCO']);
    expect(data.input.rows.find((r) => r.label === 'SCO')!.segments.map((s) => s.status)).toContain('dialogue_partner');
    expect(data.input.rows.find((r) => r.label === 'CSTO')!.segments.at(-1)!.status).toBe('frozen');
    expect(data.input.markers.some((m) => m.label.includes('Eurasian Economic Union'))).toBe(true);
    // Uzbekistan's own events, not Armenia's.
    expect((await countryChart(core, 'uzbekistan'))!.input.markers.some((m) => m.label.includes('Armenia'))).toBe(false);
  });

  it('has nothing to draw for an entity without membership history, or of the wrong kind', async () => {
    expect(await blocChart(core, 'icc')).toBeUndefined();
    expect(await blocChart(core, 'armenia')).toBeUndefined();
    expect(await countryChart(core, 'france')).toBeUndefined();
    expect(await countryChart(core, 'csto')).toBeUndefined();
  });

  it('ends where every other answer says the data ends, never after today', async () => {
    const { day, label } = await dataEnd(core);
    expect(dataTo(await core.currency.read())).toBe(`Built-in data to ${label}; add news sources to keep it current`);
    expect((await blocChart(core, 'csto'))!.input.dataTo).toBe(label);
    expect((await blocChart(core, 'csto'))!.currency).toBe(dataTo(await core.currency.read()));
    expect(day).toBe((await core.currency.read()).newest!.end);
    const early = await memoryCore(() => new Date('2024-03-01T00:00:00Z'));
    expect((await dataEnd(early)).day).toBe('2024-03-01');
    await early.close();
  });
});

describe('chart cache', () => {
  it('draws once per revision, and again when memberships, events or names change', async () => {
    const k = await memoryCore();
    const charts = new ChartService(k, 4);
    const first = (await charts.bloc('csto'))!;
    expect((await charts.bloc('csto'))!.png).toBe(first.png);
    expect(charts.renders).toBe(1);

    // A corrected membership row (same count, same ids): the picture must change.
    await k.sql.run("UPDATE memberships SET status = 'withdrawn' WHERE country_id = 'armenia' AND bloc_id = 'csto' AND status = 'frozen'");
    const corrected = (await charts.bloc('csto'))!;
    expect(charts.renders).toBe(2);
    expect(corrected.png.equals(first.png)).toBe(false);

    // An edited event title (a marker label).
    await k.sql.run(
      "UPDATE events SET title = 'Armenia freezes', updated_at = '2030-01-01T00:00:00Z', revision = revision + 1 WHERE seed_key = 'am-csto-participation-frozen-2024'",
    );
    await charts.bloc('csto');
    expect(charts.renders).toBe(3);

    // A renamed country.
    await k.sql.run("UPDATE entities SET name = 'Republic of Armenia' WHERE id = 'armenia'");
    await charts.bloc('csto');
    expect(charts.renders).toBe(4);
    await charts.bloc('csto');
    expect(charts.renders).toBe(4);
    await k.close();
  });

  it('runs the bars to the last successful poll of a news source when later, drawing again once a day', async () => {
    const k = await memoryCore();
    const charts = new ChartService(k, 4);
    expect((await charts.bloc('csto'))!.data.currency).toBe('Built-in data to 30 May 2026; add news sources to keep it current');
    const sources = k.sources;
    const feed = await sources.add(
      {
        url: 'https://example.org/feed',
        urlKey: 'example.org/feed',
        name: 'Example',
        countries: [],
        blocs: [],
        backfill: 0,
        addedBy: 'console',
      },
      TEST_NOW,
    );
    await sources.recordOk(feed.id, TEST_NOW, 15 * 60_000, {});
    const polled = (await charts.bloc('csto'))!;
    expect(charts.renders).toBe(2);
    expect(polled.data.input.range.to).toBe('2026-11-22');
    expect(polled.data.input.dataTo).toBe('22 Nov 2026');
    expect(polled.data.currency).toBe('Data to 22 Nov 2026');
    // The next poll the same day changes nothing drawn.
    await sources.recordOk(feed.id, new Date(TEST_NOW.getTime() + 15 * 60_000), 15 * 60_000, {});
    await charts.bloc('csto');
    expect(charts.renders).toBe(2);
    await k.close();
  });

  it('sees a change made by another connection to the same database', async () => {
    const { tempDir } = await import('../helpers.ts');
    const { openCore } = await import('../../src/core.ts');
    const { openDatabase } = await import('../../src/store/sqlite.ts');
    const { join } = await import('node:path');
    const t = tempDir();
    const path = join(t.dir, 'chart.db');
    const a = await openCore(path);
    const charts = new ChartService(a);
    await charts.bloc('csto');
    const other = openDatabase(path);
    other
      .prepare(
        "UPDATE memberships SET since = '2024-03', precision = 'month', since_start = '2024-03-01' WHERE country_id = 'armenia' AND status = 'frozen'",
      )
      .run();
    other.close();
    await charts.bloc('csto');
    expect(charts.renders).toBe(2);
    await a.close();
    t.cleanup();
  });

  it('keeps at most its bound of pictures', async () => {
    const k = await memoryCore();
    const charts = new ChartService(k, 2);
    for (const b of ['csto', 'sco', 'cis']) await charts.bloc(b);
    await charts.bloc('sco');
    await charts.bloc('cis');
    expect(charts.renders).toBe(3);
    await charts.bloc('csto'); // evicted: drawn again
    expect(charts.renders).toBe(4);
    await k.close();
  });
});

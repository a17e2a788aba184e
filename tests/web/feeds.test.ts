// The Atom feeds, read back with feedsmith (the parser intake reads news feeds with): Atom 1.0 with its
// required elements, newest first, stable entry ids, a correction that updates <updated> and comes back
// to the top, a deleted event gone, text that stays text, and absolute links under PUBLIC_URL.
import { parseAtomFeed, parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.ts';
import type { EventRecord } from '../../src/domain/event-record.ts';
import { startWeb, type WebHarness } from './setup.ts';

let web: WebHarness;
beforeAll(async () => {
  web = await startWeb({ PUBLIC_URL: 'https://blocwatch.example/' });
});
afterAll(async () => {
  await web?.close();
});

type Text = string | { value?: string };
const text = (t: Text | undefined) => (typeof t === 'string' ? t : (t?.value ?? ''));

async function feed(path: string) {
  const r = await web.get(path);
  expect(r.status, path).toBe(200);
  expect(r.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const body = await r.text();
  expect(parseFeed(body).format, path).toBe('atom');
  return parseAtomFeed(body);
}

async function correct(core: Core, e: EventRecord, title: string, at: string): Promise<void> {
  await core.events.edit(
    e.id,
    {
      title,
      summary: e.summary,
      kind: e.kind,
      date: e.date,
      countryIds: e.countries.map((c) => c.id),
      blocIds: e.blocs.map((b) => b.id),
      sources: e.sources,
    },
    'console:test',
    new Date(at),
  );
}

describe('Atom feeds', () => {
  it('are Atom 1.0 with the required elements, newest first, with absolute links under PUBLIC_URL', async () => {
    const f = await feed('/feed.atom');
    expect(f.id).toBe('tag:blocwatch,2025:all');
    expect(text(f.title as Text)).toContain('blocwatch');
    expect(Date.parse(f.updated!)).not.toBeNaN();
    expect(f.authors?.[0]?.name).toBe('blocwatch');
    expect(f.links).toContainEqual(expect.objectContaining({ rel: 'self', href: 'https://blocwatch.example/feed.atom' }));
    const entries = f.entries!;
    expect(entries.length).toBe(50);
    for (const e of entries) {
      expect(e.id).toMatch(/^tag:blocwatch,2025:event\/\d+$/);
      expect(text(e.title as Text)).not.toBe('');
      expect(Date.parse(e.updated!)).not.toBeNaN();
      const id = e.id!.split('/').pop();
      expect(e.links).toContainEqual(expect.objectContaining({ rel: 'alternate', href: `https://blocwatch.example/event/${id}` }));
    }
    // Newest first: by when recorded or corrected, then by number.
    const order = entries.map((e) => [e.updated!, Number(e.id!.split('/').pop())] as const);
    expect([...order].sort((a, b) => b[0].localeCompare(a[0]) || b[1] - a[1])).toEqual(order);
  });

  it("keeps a country's and a bloc's feed to their events", async () => {
    for (const [path, name] of [
      ['/country/armenia/feed.atom', 'Armenia'],
      ['/bloc/sco/feed.atom', 'SCO'],
    ] as const) {
      const f = await feed(path);
      expect(text(f.title as Text)).toBe(`blocwatch: ${name}`);
      expect(f.entries!.length).toBeGreaterThan(0);
      for (const e of f.entries!) expect(e.categories?.map((c) => c.label)).toContain(name);
    }
    expect((await web.get('/country/atlantis/feed.atom')).status).toBe(404);
    expect((await web.get('/country/csto/feed.atom')).status).toBe(404);
  });

  it('brings a correction to the top with a new <updated> and the same id, and drops a deleted event', async () => {
    const before = await feed('/country/armenia/feed.atom');
    const oldest = before.entries!.at(-1)!;
    const id = Number(oldest.id!.split('/').pop());
    await correct(web.core, (await web.core.events.get(id))!, 'Corrected title & <kept as text>', '2026-11-22T12:00:00.000Z');
    const after = await feed('/country/armenia/feed.atom');
    const top = after.entries![0]!;
    expect(top.id).toBe(oldest.id);
    expect(top.updated).toBe('2026-11-22T12:00:00.000Z');
    expect(top.updated).not.toBe(oldest.updated);
    expect(top.published).toBe(oldest.published);
    expect(text(top.title as Text)).toBe('Corrected title & <kept as text>');
    // Escaped on the wire, not only read back leniently.
    expect(await (await web.get('/country/armenia/feed.atom')).text()).toContain(
      '<title type="text">Corrected title &amp; &lt;kept as text&gt;</title>',
    );
    expect(after.updated).toBe('2026-11-22T12:00:00.000Z');

    await web.core.events.delete(id, 'console:test', new Date('2026-11-22T12:30:00.000Z'));
    const gone = await feed('/country/armenia/feed.atom');
    expect(gone.entries!.map((e) => e.id)).not.toContain(oldest.id);
    expect((await feed('/feed.atom')).entries!.map((e) => e.id)).not.toContain(oldest.id);
  });

  it('drops characters XML cannot carry and links no source that is not http(s)', async () => {
    const e = (await web.core.events.get((await web.core.events.timeline({ entityId: 'belarus', limit: 1 })).events[0]!.id))!;
    await web.core.sql.run("UPDATE event_sources SET url = 'javascript:alert(1)' WHERE event_id = ?", [e.id]);
    await correct(web.core, (await web.core.events.get(e.id))!, 'Bell \u0007 and ]]> end', '2026-11-22T13:00:00.000Z');
    const f = await feed('/country/belarus/feed.atom');
    const entry = f.entries!.find((x) => x.id === `tag:blocwatch,2025:event/${e.id}`)!;
    expect(text(entry.title as Text)).toBe('Bell  and ]]> end');
    expect(entry.links!.some((l) => /javascript:/.test(l.href ?? ''))).toBe(false);
  });
});

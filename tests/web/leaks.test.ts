// The web shows published data only. With drafts pending (a new story, and a further source for a
// published event), a rejected draft, an event deleted and events written by named editors, every page,
// feed, API answer and chart the site links to is fetched, and none of it may carry a draft's words, a
// pending source, a deleted event or an editor's id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePartialDate } from '../../src/domain/dates.ts';
import { DraftStore, type NewDraft } from '../../src/intake/pipeline/drafts.ts';
import { startWeb, type WebHarness } from './setup.ts';

const SECRETS = [
  'Zubrowka draft headline',
  'pending-story.example',
  'pending-source.example',
  'rejected-draft.example',
  'Quokka rejected words',
  'Deleted okapi event',
  '777000000000000777',
  '888000000000000888',
  'U0EDITORX',
  'editor-actor',
];

let web: WebHarness;
let deletedId: number;
beforeAll(async () => {
  web = await startWeb();
  const { core } = web;
  const now = new Date('2026-11-22T09:00:00Z');
  const drafts = new DraftStore(core);
  const armeniaEvent = (await core.events.timeline({ entityId: 'armenia', limit: 1 })).events[0]!;
  interface Over {
    title?: string;
    eventId?: number | null;
    source?: { url: string; urlKey: string; publisher: string; publishedAt: string | null };
  }
  const draft = (over: Over): NewDraft => {
    const source = over.source ?? {
      url: 'https://pending-story.example/a',
      urlKey: 'pending-story.example/a',
      publisher: 'Pending Story',
      publishedAt: null,
    };
    return {
      sourceId: null,
      createdBy: 'discord:777000000000000777',
      report: {
        ...source,
        lang: 'eng',
        proposal: {
          title: over.title ?? 'Zubrowka draft headline about the CSTO',
          summary: 'A pending story nobody approved.',
          date: '2026-11-20',
          precision: 'day',
          dateReason: 'publication date',
          dateFromText: false,
          kind: 'statement',
          countries: ['armenia'],
          blocs: ['csto'],
          matchedBecause: 'names Armenia',
          relevance: '0.90: bloc in headline',
          tokens: { stems: [], universal: [], headline: [] },
          links: over.eventId ? [{ eventId: over.eventId, score: 1 }] : [],
        },
      },
    };
  };
  await drafts.create(draft({}), now);
  await drafts.create(
    draft({
      title: 'A further report',
      eventId: armeniaEvent.id,
      source: {
        url: 'https://pending-source.example/b',
        urlKey: 'pending-source.example/b',
        publisher: 'Pending Source',
        publishedAt: null,
      },
    }),
    now,
  );
  const rejected = await drafts.create(
    draft({
      title: 'Quokka rejected words',
      source: { url: 'https://rejected-draft.example/c', urlKey: 'rejected-draft.example/c', publisher: 'Rejected', publishedAt: null },
    }),
    now,
  );
  await drafts.reject(rejected.id, 'slack:U0EDITORX', now);
  // Written by named editors: the history says when and what, never who.
  const approved = await drafts.create(
    draft({
      title: 'Approved story about Armenia',
      source: { url: 'https://approved.example/d', urlKey: 'approved.example/d', publisher: 'Approved', publishedAt: null },
    }),
    now,
  );
  await drafts.approve(approved.id, 'discord:888000000000000888', now);
  const e = (await core.events.get(armeniaEvent.id))!;
  await core.events.edit(
    e.id,
    { ...e, title: `${e.title} (edited)`, date: e.date, countryIds: e.countries.map((c) => c.id), blocIds: e.blocs.map((b) => b.id) },
    'slack:U0EDITORX',
    now,
  );
  deletedId = (
    await core.events.add(
      {
        title: 'Deleted okapi event',
        summary: '',
        kind: 'other',
        date: parsePartialDate('2026-11-01')!,
        countryIds: ['armenia'],
        blocIds: ['csto'],
        sources: [{ url: 'https://example.org/deleted', publisher: 'Example' }],
      },
      'editor-actor',
      now,
    )
  ).id;
  await core.events.delete(deletedId, 'editor-actor', now);
});
afterAll(async () => {
  await web?.close();
});

/** Every path the site links to from its pages, breadth first, with the feeds, the API's pages and searches. */
async function crawl(): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  const queue = [
    '/',
    '/feed.atom',
    '/api/v1/status',
    '/api/v1/status?bloc=sco',
    '/search?q=Zubrowka',
    '/search?q=Quokka',
    '/search?q=okapi',
    '/search?q=approved',
    `/event/${deletedId}`,
  ];
  for (const e of web.core.entities.list())
    queue.push(`/${e.kind}/${e.id}`, `/${e.kind}/${e.id}/feed.atom`, `/chart/${e.kind}/${e.id}.png`);
  let cursor: string | null = '';
  while (cursor !== null) {
    const r = await web.get(`/api/v1/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    const body = await r.text();
    bodies.set(`/api/v1/events#${cursor}`, body);
    cursor = (JSON.parse(body) as { next_cursor: string | null }).next_cursor;
  }
  while (queue.length && bodies.size < 2000) {
    const path = queue.shift()!;
    if (bodies.has(path)) continue;
    const r = await web.get(path);
    expect(r.status, path).toBeLessThan(500);
    const type = r.headers.get('content-type') ?? '';
    const body = type.startsWith('image/') ? '' : await r.text();
    if (type.startsWith('image/')) await r.arrayBuffer();
    bodies.set(path, body);
    for (const m of body.matchAll(/href="(\/[^"#]*)/g)) {
      const next = m[1]!.replace(/&amp;/g, '&');
      if (!bodies.has(next)) queue.push(next);
    }
  }
  return bodies;
}

describe('the web shows published data only', () => {
  it('never shows a draft, a pending source, a deleted event or an editor id, on any page it links to', async () => {
    const bodies = await crawl();
    expect(bodies.size).toBeGreaterThan(100);
    const leaks = [...bodies].flatMap(([path, body]) => SECRETS.filter((s) => body.includes(s)).map((s) => `${path}: ${s}`));
    expect(leaks).toEqual([]);
    // The published writes are there, as what changed and when.
    const approved = [...bodies.values()].find((b) => b.includes('Approved story about Armenia'));
    expect(approved).toBeDefined();
    expect((await web.get(`/event/${deletedId}`)).status).toBe(404);
  });
});

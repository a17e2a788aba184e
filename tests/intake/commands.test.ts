// /source and /event import through the dispatcher, against the local news server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, asReply, dispatcher, member, textOf } from '../helpers.ts';
import { articlePage } from './feed-server.ts';
import { intakeWorld, itemFor, SEEDS, type IntakeWorld } from './setup.ts';

let w: IntakeWorld;
beforeEach(async () => {
  w = await intakeWorld();
});
afterEach(async () => w.cleanup());

describe('/source', () => {
  it('add reads the feed once, stores the source with its scope, and polls on request', async () => {
    const feed = w.server.feed('/a/feed.xml', { title: 'Outlet A News', items: [itemFor(SEEDS[0]!, 0), itemFor(SEEDS[1]!, 1)] });
    const d = await dispatcher(w.core);
    const added = asReply(await d.runText('source', `add ${w.server.url('/a/feed.xml')} countries:armenia,belarus blocs:csto`, admin));
    expect(added.tone).toBe('success');
    expect(added.visibility).toBe('private');
    expect(textOf(added)).toContain('Source #1 added: Outlet A News');
    expect(textOf(added)).toContain('Armenia, Belarus · CSTO');
    expect(w.server.hitsOf('/a/feed.xml')).toBe(1);

    const again = asReply(await d.runText('source', `add ${w.server.url('/a/feed.xml/')}?utm_source=x`, admin));
    expect(textOf(again)).toContain('already source #1');

    const first = asReply(await d.runText('source', 'poll 1', admin));
    expect(textOf(first)).toContain('0 new drafts');
    feed.items.unshift(itemFor(SEEDS[3]!, 3));
    const second = asReply(await d.runText('source', 'poll 1', admin));
    expect(textOf(second)).toMatch(/1 new draft\b/);
    expect(textOf(second)).toMatch(/New draft #\d+: Armenia, drifting further from Russia/);

    const list = textOf(await d.runText('source', 'list', member));
    expect(list).toContain('#1 Outlet A News');
    expect(list).toContain('last ok 22 Nov 2026');

    expect(textOf(await d.runText('source', 'remove 1', member))).toContain('Only editors');
    expect(textOf(await d.runText('source', 'remove 1', admin))).toContain('Source #1 removed');
    expect(textOf(await d.runText('source', 'list', member))).toContain('No news sources yet');
  });

  it('refuses a web page that is not a feed and points to /event import', async () => {
    w.server.page('/a/seed-page', articlePage(SEEDS[1]!, 'Outlet A', '2026-11-20T08:00:00Z'));
    const r = asReply(await (await dispatcher(w.core)).runText('source', `add ${w.server.url('/a/seed-page')}`, admin));
    expect(r.tone).toBe('error');
    expect(textOf(r)).toContain('not a feed');
    expect(textOf(r).replace(/\s+/g, ' ')).toContain(`/event import ${w.server.url('/a/seed-page')}`);
    expect(await w.core.sql.get('SELECT count(*) AS n FROM intake_sources')).toEqual({ n: 0 });
    // A home page that advertises its feed says which address to add.
    w.server.page(
      '/home',
      '<!doctype html><html><head><title>Outlet A</title><link rel="alternate" type="application/rss+xml" href="/a/feed.xml"></head><body><p>News.</p></body></html>',
    );
    const home = asReply(await (await dispatcher(w.core)).runText('source', `add ${w.server.url('/home')}`, admin));
    expect(textOf(home).replace(/\s+/g, ' ')).toContain(`names its feed: ${w.server.url('/a/feed.xml')}`);
  });

  it('explains bad input and refuses non-editors', async () => {
    const d = await dispatcher(w.core);
    expect(textOf(await d.runText('source', 'add ftp://example.org/feed', admin))).toContain('only http and https');
    expect(textOf(await d.runText('source', 'add not-a-url', admin))).toContain('is not a web address');
    expect(textOf(await d.runText('source', `add ${w.server.url('/x')} countries:armenai`, admin))).toContain('Did you mean Armenia?');
    expect(textOf(await d.runText('source', `add ${w.server.url('/x')} backfill:500`, admin))).toContain(
      'backfill must be a whole number from 0 to 100',
    );
    expect(textOf(await d.runText('source', `add ${w.server.url('/x')}`, member))).toContain('Only editors');
    expect(textOf(await d.runText('source', `add ${w.server.url('/nothing-here')}`, admin))).toContain('HTTP 404');
  });

  it('list shows a disabled source with its reason to anyone', async () => {
    w.server.feed('/a/feed.xml', { title: 'Outlet A', items: [] });
    const d = await dispatcher(w.core);
    await d.runText('source', `add ${w.server.url('/a/feed.xml')}`, admin);
    w.server.routes.delete('/a/feed.xml');
    expect(textOf(await d.runText('source', 'poll 1', admin))).toContain('It is now disabled');
    const list = textOf(await d.runText('source', 'list', member));
    expect(list).toContain('disabled 22 Nov 2026: the feed answered HTTP 404 (gone)');
  });
});

describe('/event import', () => {
  it('reads one article now and answers with its review card', async () => {
    const d = await dispatcher(w.core);
    const r = asReply(await d.runText('event', `import ${w.server.url('/a/seed-4')}`, admin));
    expect(r.visibility).toBe('private');
    expect(textOf(r)).toContain('Armenia Remains ‘Ally,’ Head of Moscow-Led Military Alliance Asserts');
    expect(textOf(r)).toContain('Draft #1 made');
    expect(r.actions!.map((a) => a.id)).toEqual(['review:approve:1', 'review:edit:1', 'review:reject:1']);
    // Importing the same article again (tracking parameters and all) finds the draft.
    const again = asReply(await d.runText('event', `import ${w.server.url('/a/seed-4?utm_source=tg#top')}`, admin));
    expect(textOf(again)).toContain('already in draft #1');
    expect(w.server.hitsOf('/a/seed-4')).toBe(1);
    expect(textOf(await d.runText('event', `import ${w.server.url('/a/seed-4')}`, member))).toContain('Only editors');
  });

  it('says clearly when the page cannot be read or mentions nothing tracked', async () => {
    w.server.page(
      '/weather',
      articlePage(
        {
          title: 'Sunny weekend ahead for the coast',
          paragraphs: [
            'Forecasters expect warm sunshine along the coast this weekend, with light winds and clear skies.',
            'Temperatures will reach 25 degrees by Sunday afternoon.',
          ],
        },
        'Weather Daily',
        '2026-11-20T08:00:00Z',
      ),
    );
    const d = await dispatcher(w.core);
    expect(textOf(await d.runText('event', `import ${w.server.url('/weather')}`, admin))).toContain(
      'does not mention a tracked country or bloc',
    );
    expect(textOf(await d.runText('event', `import ${w.server.url('/missing')}`, admin))).toMatch(/Could not read .*404/);
  });
});

// The main thread reads feeds, not pages: linkedom (~20 MB of a process's memory) must load there only
// when a feed holds markup to strip, or a page is searched for its feed links.
import { expect, it } from 'vitest';
import { linkedomLoaded } from '../../../src/intake/net/dom.ts';
import { discoverFeedLinks, parseFeed } from '../../../src/intake/net/index.ts';

const rss = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title><link>https://news.example/</link><description>d</description>` +
  `<item><title>${title}</title><link>https://news.example/a/1</link><guid>a-1</guid></item></channel></rss>`;

it('loads linkedom only for the first feed title with markup, and reads that title as text', () => {
  expect(parseFeed(rss('Armenia and the CSTO: plain words')).items[0]?.title).toBe('Armenia and the CSTO: plain words');
  expect(linkedomLoaded()).toBe(false);
  expect(parseFeed(rss('Armenia &lt;b&gt;and&lt;/b&gt; the CSTO &amp;amp; the EAEU')).items[0]?.title).toBe(
    'Armenia and the CSTO & the EAEU',
  );
  expect(linkedomLoaded()).toBe(true);
  expect(
    discoverFeedLinks('<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>', 'https://news.example/'),
  ).toEqual(['https://news.example/rss']);
});

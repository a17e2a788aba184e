import { describe, expect, it } from 'vitest';
import { normalizeUrl } from '../../../src/intake/net/index.ts';

const CANONICAL = 'https://news.example/world/2024/06/14/armenia-recalls-envoy';

describe('normalizeUrl', () => {
  it.each([
    ['the canonical form itself', CANONICAL],
    ['http instead of https', 'http://news.example/world/2024/06/14/armenia-recalls-envoy'],
    ['upper-case scheme and host', 'HTTPS://NEWS.Example/world/2024/06/14/armenia-recalls-envoy'],
    ['a default port', 'https://news.example:443/world/2024/06/14/armenia-recalls-envoy'],
    ['the http default port', 'http://news.example:80/world/2024/06/14/armenia-recalls-envoy'],
    ['a trailing slash', `${CANONICAL}/`],
    ['a fragment', `${CANONICAL}#comments`],
    ['utm_* parameters', `${CANONICAL}?utm_source=rss&utm_medium=feed&UTM_Campaign=x`],
    ['fbclid, gclid, yclid, ysclid', `${CANONICAL}?fbclid=IwAR0&gclid=Cj0&yclid=123&ysclid=lq1`],
    ['mc_cid, mc_eid, ref', `${CANONICAL}?mc_cid=a1&mc_eid=b2&ref=homepage`],
    ['an /amp/ path segment', 'https://news.example/amp/world/2024/06/14/armenia-recalls-envoy'],
    ['an /amp suffix', `${CANONICAL}/amp`],
    ['an /amp/ suffix', `${CANONICAL}/amp/`],
    ['?amp', `${CANONICAL}?amp`],
    ['?amp=1', `${CANONICAL}?amp=1`],
    ['an amp. host', 'https://amp.news.example/world/2024/06/14/armenia-recalls-envoy'],
    ['a trailing dot on the host', 'https://news.example./world/2024/06/14/armenia-recalls-envoy'],
    ['credentials', 'https://user:pw@news.example/world/2024/06/14/armenia-recalls-envoy'],
    ['everything at once', 'HTTP://amp.News.Example:80/amp/world/2024/06/14/armenia-recalls-envoy/?utm_source=tg&fbclid=1#top'],
  ])('%s', (_label, url) => {
    expect(normalizeUrl(url)).toBe(CANONICAL);
  });

  it('turns .amp.html into .html', () => {
    expect(normalizeUrl('https://news.example/story-123.amp.html')).toBe(normalizeUrl('https://news.example/story-123.html'));
  });

  it('keeps and sorts parameters that select content', () => {
    expect(normalizeUrl('https://news.example/article.php?section=world&id=42&utm_source=x')).toBe(
      'https://news.example/article.php?id=42&section=world',
    );
    expect(normalizeUrl('https://news.example/a?id=42')).not.toBe(normalizeUrl('https://news.example/a?id=43'));
  });

  it('keeps what distinguishes articles: path case, non-default ports, other hosts, words containing "amp"', () => {
    expect(normalizeUrl('https://news.example/Story')).not.toBe(normalizeUrl('https://news.example/story'));
    expect(normalizeUrl('https://news.example:8443/a')).toBe('https://news.example:8443/a');
    expect(normalizeUrl('https://www.news.example/a')).not.toBe(normalizeUrl('https://news.example/a'));
    expect(normalizeUrl('https://news.example/camp/ample-news')).toBe('https://news.example/camp/ample-news');
    expect(normalizeUrl('https://example.com/?preference=1')).toBe('https://example.com?preference=1');
  });

  it('gives a root page one form', () => {
    expect(normalizeUrl('http://News.example/')).toBe(normalizeUrl('https://news.example'));
  });

  it('returns non-URLs trimmed and leaves other schemes alone', () => {
    expect(normalizeUrl('  not a url ')).toBe('not a url');
    expect(normalizeUrl('mailto:desk@news.example')).toBe('mailto:desk@news.example');
  });
});

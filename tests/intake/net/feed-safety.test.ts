// XML entity attacks against parseFeed: nothing expands, nothing is read from disk or the network.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailure, fetchFeed, parseFeed } from '../../../src/intake/net/index.ts';
import type { ParsedFeed } from '../../../src/intake/types.ts';
import { type LocalServer, startServer, TEST_LIMITS } from './local-server.ts';

/** Ten levels of ten: 10^10 'lol's (tens of gigabytes) if anything expanded it. */
function billionLaughs(root: string): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 10; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n${levels.join('\n')}\n]>\n`;
}

const RSS_BODY = (title: string) =>
  `<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>` +
  `<item><title>${title}</title><link>https://wire.example/a</link><description>${title}</description></item></channel></rss>`;

function parseOrFailure(body: string): ParsedFeed | FetchFailure {
  try {
    return parseFeed(body, 'application/rss+xml', 'https://wire.example/feed');
  } catch (err) {
    if (err instanceof FetchFailure) return err;
    throw err;
  }
}

/** Everything the parse produced, as one string, to look for expansions or file contents. */
function allText(result: ParsedFeed | FetchFailure): string {
  return result instanceof FetchFailure ? result.message : JSON.stringify(result);
}

let evil: LocalServer;
beforeAll(async () => {
  // Serves a DTD and a text file, to catch any external fetch the parser might make.
  evil = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml-dtd' });
    res.end('<!ENTITY stolen "EXTERNAL-ENTITY-CONTENT">');
  });
});
afterAll(() => evil.close());

describe('entity-expansion bombs', () => {
  it('a billion-laughs RSS document parses in milliseconds without expanding anything', () => {
    const started = performance.now();
    const result = parseOrFailure(billionLaughs('rss') + RSS_BODY('Armenia &lol10; CSTO'));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    const text = allText(result);
    expect(text.length).toBeLessThan(5_000);
    expect(text).not.toContain('lollol');
    if (!(result instanceof FetchFailure)) expect(result.items[0]?.title).toBe('Armenia &lol10; CSTO');
  });

  it('a quadratic blow-up (one huge entity referenced many times) stays small too', () => {
    const big = 'x'.repeat(50_000);
    const refs = '&big;'.repeat(20_000);
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${big}">]>${RSS_BODY(refs)}`;
    const started = performance.now();
    const result = parseOrFailure(body);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(allText(result)).not.toContain('x'.repeat(100));
  });

  it('an Atom billion-laughs document is just as inert', () => {
    const body = `${billionLaughs('feed')}<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol10;</title><id>t</id><updated>2024-07-05T00:00:00Z</updated>
      <entry><id>e</id><title>&lol9;</title><updated>2024-07-05T00:00:00Z</updated><link href="https://wire.example/a"/></entry></feed>`;
    expect(allText(parseOrFailure(body))).not.toContain('lollol');
  });
});

describe('external entities', () => {
  it('SYSTEM "file:///etc/passwd" is neither read nor expanded', () => {
    const body = `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${RSS_BODY('leak: &xxe;')}`;
    const result = parseOrFailure(body);
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:';
    expect(allText(result)).not.toContain(passwd);
    expect(allText(result)).not.toContain('root:');
    // fast-xml-parser refuses external entities outright, so the document is not a feed we read.
    expect(result).toBeInstanceOf(FetchFailure);
    expect((result as FetchFailure).code).toBe('not_a_feed');
  });

  it('SYSTEM and parameter entities pointing at a server are never fetched', () => {
    const dtd = `${evil.origin}/evil.dtd`;
    for (const doctype of [
      `<!DOCTYPE rss [<!ENTITY stolen SYSTEM "${dtd}">]>`,
      `<!DOCTYPE rss [<!ENTITY % remote SYSTEM "${dtd}"> %remote;]>`,
      `<!DOCTYPE rss SYSTEM "${dtd}">`,
      `<!DOCTYPE rss PUBLIC "-//Evil//DTD//EN" "${dtd}">`,
    ]) {
      const result = parseOrFailure(`<?xml version="1.0"?>\n${doctype}\n${RSS_BODY('x &stolen; y')}`);
      expect(allText(result)).not.toContain('EXTERNAL-ENTITY-CONTENT');
    }
    expect(evil.hits).toEqual([]);
  });

  it('the old Netscape RSS 0.91 DOCTYPE (no entities) still parses', () => {
    const body = `<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n${RSS_BODY('Armenia &amp; Belarus')}`;
    const result = parseOrFailure(body);
    expect(result).not.toBeInstanceOf(FetchFailure);
    expect((result as ParsedFeed).items[0]?.title).toBe('Armenia & Belarus');
  });

  it('a bomb served over HTTP fails or parses fast through fetchFeed as well', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`${billionLaughs('rss')}${RSS_BODY('&lol10;')}`);
    });
    try {
      const started = performance.now();
      const result = await fetchFeed(`${server.origin}/feed`, TEST_LIMITS, {});
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(JSON.stringify(result.feed)).not.toContain('lollol');
    } finally {
      await server.close();
    }
  });
});

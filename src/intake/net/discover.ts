// Feed autodiscovery: when someone adds a site's page instead of its feed, the page usually names its
// feeds in <link rel="alternate" type="application/rss+xml" href="…">, and the refusal can say which.
import { parseHTML } from './dom.ts';
import { absoluteHttpUrl } from './normalize-url.ts';

const FEED_TYPES: ReadonlySet<string> = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/x.atom+xml',
  'text/xml',
  'application/xml',
]);

/** Absolute http(s) URLs of the feeds an HTML page advertises, in page order, without duplicates. */
export function discoverFeedLinks(html: string, baseUrl?: string): string[] {
  const { document } = parseHTML(html);
  const base = absoluteHttpUrl(document.querySelector('base[href]')?.getAttribute('href') ?? undefined, baseUrl) ?? baseUrl;
  const found: string[] = [];
  for (const link of document.querySelectorAll('link[rel][href]')) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!rels.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = absoluteHttpUrl(link.getAttribute('href') ?? undefined, base);
    if (url && !found.includes(url)) found.push(url);
  }
  return found;
}

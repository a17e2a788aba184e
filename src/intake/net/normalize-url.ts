// The dedupe key for an article URL: two links that a reader would call "the same article" map to the
// same string. It is a key, not a URL to fetch (the scheme is always https:// in it).

/** Query parameters that only track the click, never select the content. */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'ysclid', // Yandex, common on Russian-language sites
  'igshid',
  'twclid',
  'ttclid',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  '_ga',
  'amp', // ?amp and ?amp=1 select the AMP rendering of the same article
]);

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

function canonicalPath(pathname: string): string {
  // An 'amp' segment anywhere (/amp/story, /story/amp) marks the AMP copy.
  const segments = pathname.split('/').filter((segment) => segment.toLowerCase() !== 'amp');
  let path = segments
    .join('/')
    .replace(/\.amp\.html$/i, '.html')
    .replace(/\/+$/, '');
  if (path !== '' && !path.startsWith('/')) path = `/${path}`;
  return path;
}

/**
 * Dedupe key: lowercase host without `amp.` or a trailing dot, no default port, http and https alike,
 * no credentials, no fragment, no tracking parameters, no AMP forms, no trailing slash, remaining
 * query parameters sorted. Input that is not a URL comes back trimmed.
 */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return parsed.href;
  const host = parsed.hostname.replace(/\.$/, '').replace(/^amp\./, '');
  // URL has already dropped the scheme's own default port; :80 on https or :443 on http stay meaningful.
  const port = parsed.port ? `:${parsed.port}` : '';
  const params = [...parsed.searchParams.entries()].filter(([name]) => !isTracking(name));
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `https://${host}${port}${canonicalPath(parsed.pathname)}${query}`;
}

/** An http(s) URL made absolute against `base`, or undefined (javascript:, mailto:, garbage). */
export function absoluteHttpUrl(raw: string | undefined, base: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

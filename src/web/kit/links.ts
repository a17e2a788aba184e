// Where things live on the web, for pages, feeds and the chat answers that link to them (PUBLIC_URL).
import type { EntityKind } from '../../domain/types.ts';

export const entityPath = (e: { id: string; kind: EntityKind }) => `/${e.kind}/${encodeURIComponent(e.id)}`;
export const eventPath = (id: number) => `/event/${id}`;
export const feedPath = (e?: { id: string; kind: EntityKind }) => (e ? `${entityPath(e)}/feed.atom` : '/feed.atom');
export const chartPath = (e: { id: string; kind: EntityKind }) => `/chart/${e.kind}/${encodeURIComponent(e.id)}.png`;

/** A path with its query, leaving out empty values; keys keep the order given. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The address of a path on the public site: absolute under PUBLIC_URL, root-relative without it. */
export const absolute = (base: string | undefined, path: string) => `${base ?? ''}${path}`;

/** A URL that may become an href: http(s) only, so no javascript: or data: link can be made from stored text. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

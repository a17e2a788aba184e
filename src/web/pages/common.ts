// What every page handler shares: its context, the answer it gives, entity lookups that redirect an
// alias to the canonical address and answer a miss with "did you mean", and the error pages.
import type { Core } from '../../core.ts';
import type { Entity } from '../../domain/entities.ts';
import type { EntityKind } from '../../domain/types.ts';
import { html, type Markup } from '../kit/html.ts';
import { document, entityLink, type PageSpec } from '../kit/layout.ts';
import { entityPath, withQuery } from '../kit/links.ts';

export interface PageContext {
  core: Core;
  /** PUBLIC_URL without its trailing slash, or undefined: feeds then link root-relative. */
  base: string | undefined;
  /** Today, ISO, by the core's clock: "as of today" answers. */
  today: string;
  /** "Data to 18 Dec 2025". */
  dataTo: string;
}

export type PageAnswer = { status: 200 | 400 | 404; html: Markup } | { status: 301; location: string };

export const page = (ctx: PageContext, spec: PageSpec, status: 200 | 400 | 404 = 200): PageAnswer => ({
  status,
  html: document(spec, ctx.dataTo),
});

export type Found = { ok: true; entity: Entity } | { ok: false; answer: PageAnswer };

/**
 * The entity a path names. Its id is the address; any other name of it (an alias, a code, another
 * case) is redirected there, so that every page has one address; a near miss gets "did you mean".
 */
export async function findEntity(ctx: PageContext, raw: string, kind: EntityKind, rest = ''): Promise<Found> {
  const exact = await ctx.core.entities.get(raw);
  if (exact?.kind === kind) return { ok: true, entity: exact };
  const r = await ctx.core.entities.resolve(raw, kind);
  if (r.ok) return { ok: false, answer: { status: 301, location: `${entityPath(r.entity)}${rest}` } };
  return { ok: false, answer: notFound(ctx, kind, raw, r.wrongKind ?? r.suggestion) };
}

const WHAT: Record<EntityKind | 'event' | 'page', string> = { country: 'country', bloc: 'bloc', event: 'event', page: 'page' };

/** The 404 page: what was not found, the nearest name when there is one, and where to go instead. */
export function notFound(ctx: PageContext, what: EntityKind | 'event' | 'page', input: string, suggestion?: Entity): PageAnswer {
  const shown = input.length > 80 ? `${input.slice(0, 80)}…` : input;
  const main = html`<h1>Not found</h1>
<p>There is no ${WHAT[what]} “${shown}” here.</p>
${suggestion ? html`<p class="suggest">Did you mean ${entityLink(suggestion)}?</p>` : ''}
<p>Try <a href="${withQuery('/search', { q: input.slice(0, 100) })}">searching the events for “${shown}”</a>, or start from <a href="/">the overview</a>.</p>`;
  return page(ctx, { title: 'Not found', description: `No ${WHAT[what]} of that name.`, main, feeds: [] }, 404);
}

/** A bad filter or parameter on a page: said on the page, with the form to fix it. */
export function badRequest(ctx: PageContext, title: string, message: string, form: Markup): PageAnswer {
  const main = html`<h1>${title}</h1>
<p class="error" id="problem" role="alert">${message}</p>
${form}`;
  return page(ctx, { title, description: message, main, feeds: [] }, 400);
}

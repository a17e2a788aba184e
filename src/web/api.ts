// The JSON API: GET /api/v1/events (filtered, cursor-paged, stable under inserts) and GET /api/v1/status
// (a bloc's members as of a day). Every parameter is checked with zod; a bad one is a 400 whose
// error names it. An event is shaped as `blocwatch export --format json` writes it.
import * as z from 'zod';
import type { EntityKind } from '../domain/types.ts';
import { exportedEvent } from '../domain/event-record.ts';
import type { PageContext } from './pages/common.ts';
import { cursorParam, dateParam, kindParam, limitParam, nameParam, readQuery, writeCursor } from './kit/query.ts';

export type ApiAnswer = { status: 200 | 400 | 404; body: unknown };

const eventsQuery = z.object({
  country: nameParam,
  bloc: nameParam,
  kind: kindParam,
  from: dateParam,
  to: dateParam,
  limit: limitParam(100, 20),
  cursor: cursorParam,
});

const statusQuery = z.object({ bloc: nameParam, as_of: dateParam });

const refuse = (error: string): ApiAnswer => ({ status: 400, body: { error } });

/** A name or id as the entity's id; the refusal names the parameter and, when near, the meant name. */
async function entityParam(ctx: PageContext, param: string, input: string, kind: EntityKind): Promise<string | ApiAnswer> {
  const r = await ctx.core.entities.resolve(input, kind);
  if (r.ok) return r.entity.id;
  const near = r.wrongKind
    ? ` (that is a ${r.wrongKind.kind}: ${r.wrongKind.id})`
    : r.suggestion
      ? `; did you mean ${r.suggestion.id}?`
      : '';
  return refuse(`${param}: no ${kind} ${JSON.stringify(input.slice(0, 40))}${near}`);
}

export async function eventsApi(ctx: PageContext, search: string): Promise<ApiAnswer> {
  const q = readQuery(search, eventsQuery, { strict: true });
  if (!q.ok) return refuse(q.error);
  const { country, bloc, kind, from, to, limit, cursor } = q.value;
  const countryId = country ? await entityParam(ctx, 'country', country, 'country') : undefined;
  if (typeof countryId === 'object') return countryId;
  const blocId = bloc ? await entityParam(ctx, 'bloc', bloc, 'bloc') : undefined;
  if (typeof blocId === 'object') return blocId;
  if (from && to && from.start > to.end) return refuse(`from: ${from.text} is after to (${to.text})`);
  const page = await ctx.core.published.events({ countryId, blocId, kind, from: from?.start, to: to?.end, cursor, limit });
  return { status: 200, body: { events: page.events.map(exportedEvent), next_cursor: page.next ? writeCursor(page.next) : null } };
}

export async function statusApi(ctx: PageContext, search: string): Promise<ApiAnswer> {
  const q = readQuery(search, statusQuery, { strict: true });
  if (!q.ok) return refuse(q.error);
  const blocId = await entityParam(ctx, 'bloc', q.value.bloc ?? 'csto', 'bloc');
  if (typeof blocId === 'object') return blocId;
  // "As of 2023" means at the end of 2023, and never later than today.
  const asOf = q.value.as_of && q.value.as_of.end < ctx.today ? q.value.as_of.end : ctx.today;
  const rows = await ctx.core.memberships.roster(blocId, asOf);
  const members = rows
    .map((m) => ({ country: m.countryId, status: m.status, since: m.since.text, basis_event_id: m.basisEventId }))
    .sort((a, b) => a.country.localeCompare(b.country));
  return { status: 200, body: { bloc: blocId, as_of: asOf, members } };
}

// Pieces the command files share: option schemas, entity lookups that answer "did you mean", and the
// conversion of stored events into reply items (src/presentation/items.ts, shared with the digest).
import * as z from 'zod';
import type { EntityKind } from '../src/domain/types.ts';
import { DATE_HINT, parsePartialDate, type PartialDate } from '../src/domain/dates.ts';
import { describeMiss, type Entity } from '../src/domain/entities.ts';
import { eventLength, reply, REPLY_TEXT_BUDGET, type EventItem, type LinkAction, type Reply } from '../src/reply.ts';
export { dataTo } from '../src/presentation/currency.ts';
export { KIND_LABELS, toItem } from '../src/presentation/items.ts';
import type { HandlerContext } from './types.ts';

/** A trimmed string option; empty means absent. */
export const optionalText = (max = 100) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined ? undefined : String(v).trim() || undefined))
    .refine((v) => v === undefined || v.length <= max, `must be at most ${max} characters`);

export const requiredText = (what: string, max = 100) =>
  z
    .union([z.string(), z.number()], { error: `${what} is required` })
    .transform((v) => String(v).trim())
    .refine((v) => v.length > 0, `${what} is required`)
    .refine((v) => v.length <= max, `must be at most ${max} characters`);

export const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx): PartialDate | undefined => {
    if (v === undefined || v.trim() === '') return undefined;
    const d = parsePartialDate(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `"${v.slice(0, 40)}" is not a date; ${DATE_HINT}` });
      return z.NEVER;
    }
    return d;
  });

export const eventId = z.union([z.string(), z.number()], { error: 'give the event number, e.g. 12' }).transform((v, ctx) => {
  const s = String(v).trim().replace(/^#/, '');
  if (!/^\d{1,12}$/.test(s)) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 20)}" is not an event number; give the number shown as #12` });
    return z.NEVER;
  }
  return Number(s);
});

export type Lookup = { ok: true; entity: Entity } | { ok: false; reply: Reply };

export function lookup(ctx: HandlerContext, input: string, kind: EntityKind | undefined, what: string): Lookup {
  const r = ctx.core.entities.resolve(input, kind);
  if (r.ok) return r;
  return { ok: false, reply: reply.error(describeMiss(r, what)) };
}

/** The largest prefix of items that fits the reply budget; always at least one. */
export function fitToBudget<T extends EventItem>(items: T[], budget = REPLY_TEXT_BUDGET): T[] {
  let used = 0;
  const out: T[] = [];
  for (const item of items) {
    used += eventLength(item);
    if (out.length > 0 && used > budget) break;
    out.push(item);
  }
  return out;
}

/** Dates in action ids are packed to 8 digits to stay under Discord's 100-character custom_id. */
export const packDay = (iso: string | undefined) => (iso ? iso.replace(/-/g, '') : '');
export const unpackDay = (s: string | undefined) =>
  s && /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : undefined;

/** A button to the matching page of the public web, when PUBLIC_URL is set; none otherwise. */
export function webLink(ctx: HandlerContext, label: string, path: string): LinkAction[] | undefined {
  const base = ctx.core.settings.publicUrl;
  return base ? [{ label, url: `${base}${path}` }] : undefined;
}

export const todayOf = (ctx: HandlerContext) => ctx.core.now().toISOString().slice(0, 10);

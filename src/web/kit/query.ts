// Query parameters, checked with zod before anything reads them. A bad one is named in the answer
// (the API's 400 JSON, a page's form); an empty one, as a GET form sends for a field left blank, is absent.
import * as z from 'zod';
import { DATE_HINT, parsePartialDate, type PartialDate } from '../../domain/dates.ts';
import type { TimelineCursor } from '../../domain/event-record.ts';
import type { EventKind } from '../../domain/types.ts';
import { KIND_LABELS } from '../../presentation/items.ts';

const EVENT_KINDS = Object.keys(KIND_LABELS) as [EventKind, ...EventKind[]];

const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(t: T) => z.preprocess(blankIsAbsent, t.optional());

const quoted = (v: string) => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

export const dateParam = optional(
  z.string().transform((v, ctx): PartialDate => {
    const d = parsePartialDate(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `${quoted(v)} is not a date; ${DATE_HINT}` });
      return z.NEVER;
    }
    return d;
  }),
);

export const nameParam = optional(z.string().trim().max(100, 'at most 100 characters'));

/** A page's position as the pager links write it: '2024-02-22.123' (the edge event's day and id). */
export const positionParam = optional(
  z.string().transform((v, ctx): TimelineCursor => {
    const m = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})$/.exec(v);
    const id = Number(m?.[2]);
    if (!m || !Number.isSafeInteger(id)) {
      ctx.addIssue({ code: 'custom', message: 'not a page position this site made' });
      return z.NEVER;
    }
    return { start: m[1]!, id };
  }),
);

export const writePosition = (c: TimelineCursor) => `${c.start}.${c.id}`;

/** The API's cursor: the same position, opaque, so that clients pass it back rather than build it. */
export const cursorParam = optional(
  z.string().transform((v, ctx): TimelineCursor => {
    const m = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})$/.exec(/^[\w-]{1,40}$/.test(v) ? Buffer.from(v, 'base64url').toString('latin1') : '');
    const id = Number(m?.[2]);
    if (!m || !Number.isSafeInteger(id)) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave (pass next_cursor back as it came)' });
      return z.NEVER;
    }
    return { start: m[1]!, id };
  }),
);

export const writeCursor = (c: TimelineCursor) => Buffer.from(writePosition(c), 'latin1').toString('base64url');

export const kindParam = optional(z.enum(EVENT_KINDS, { error: `must be one of ${EVENT_KINDS.join(', ')}` }));

export const limitParam = (max: number, fallback: number) =>
  z.preprocess(
    blankIsAbsent,
    z.coerce
      .number({ error: `must be a whole number from 1 to ${max}` })
      .int(`must be a whole number from 1 to ${max}`)
      .min(1, `must be a whole number from 1 to ${max}`)
      .max(max, `must be a whole number from 1 to ${max}`)
      .default(fallback),
  );

export type QueryResult<T> = { ok: true; value: T } | { ok: false; param: string; error: string };

/**
 * Checks a query string against a schema. A parameter given twice is refused (which one would count?);
 * with `strict`, so is one the schema does not know, so that a typo is told rather than ignored.
 */
export function readQuery<S extends z.ZodObject>(search: string, schema: S, opts: { strict: boolean }): QueryResult<z.infer<S>> {
  const params = new URLSearchParams(search);
  const values: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in values) return { ok: false, param: key, error: `${key}: given more than once` };
    if (opts.strict && !(key in schema.shape)) return { ok: false, param: key, error: `unknown parameter ${quoted(key)}` };
    values[key] = value;
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const param = String(issue.path[0] ?? 'query');
  return { ok: false, param, error: `${param}: ${issue.message}` };
}

/** The query part of a request target ('' when there is none). */
export const searchOf = (target: string) => {
  const i = target.indexOf('?');
  return i < 0 ? '' : target.slice(i + 1);
};

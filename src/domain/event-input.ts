// Validation of an event as a person types it (the form) or a file supplies it (import). Every
// problem is reported against the field it belongs to, all at once, and nothing is stored unless
// every field is right.
import * as z from 'zod';
import type { EventKind } from './types.ts';
import { DATE_HINT, formatDay, latestAllowedDay, parsePartialDate, type PartialDate } from './dates.ts';
import { describeMiss, type EntityResolver } from './entities.ts';

export const EVENT_KINDS = [
  'status_change',
  'diplomatic',
  'military',
  'statement',
  'economic',
  'legal',
  'other',
] as const satisfies readonly EventKind[];

export const LIMITS = { titleMin: 3, titleMax: 200, summaryMax: 1500, sourcesMax: 5, urlMax: 500 } as const;

/** The fields of the event form, in form order. */
export type EventField = 'title' | 'date' | 'countries' | 'summary' | 'sources';

export interface RawEventInput {
  title?: unknown;
  date?: unknown;
  /** Countries and blocs, as names, codes or aliases: a comma list or an array. */
  countries?: unknown;
  summary?: unknown;
  /** URLs: whitespace/comma separated text, or an array of URLs or {url, publisher}. */
  sources?: unknown;
  kind?: unknown;
}

export interface ValidEvent {
  title: string;
  summary: string;
  kind: EventKind;
  date: PartialDate;
  countryIds: string[];
  blocIds: string[];
  sources: { url: string; publisher: string }[];
}

export type EventValidation = { ok: true; value: ValidEvent } | { ok: false; errors: Partial<Record<EventField | 'kind', string>> };

/**
 * Characters no event text needs and that can drive a terminal (ESC, BEL), break a renderer (NUL) or
 * make text read differently from how it is stored (bidirectional overrides and isolates): the C0
 * controls except tab and line breaks, DEL, the C1 controls, U+202A–U+202E and U+2066–U+2069.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Why a piece of text is refused for its control characters, or undefined when it has none. */
export function controlCharacterProblem(label: string, value: string): string | undefined {
  const m = CONTROL.exec(value);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return `${label} contains a control character (U+${code}, at character ${m.index + 1}); remove it and try again.`;
}

const text = z.string().transform((s) => s.replace(/\r\n?/g, '\n').trim());

const titleSchema = text.pipe(
  z
    .string()
    .min(LIMITS.titleMin, `Title must be at least ${LIMITS.titleMin} characters.`)
    .max(LIMITS.titleMax, `Title must be at most ${LIMITS.titleMax} characters.`)
    .refine((s) => !s.includes('\n'), 'Title must be a single line.'),
);
const summarySchema = text.pipe(z.string().max(LIMITS.summaryMax, `Summary must be at most ${LIMITS.summaryMax} characters.`));

function publisherOf(url: URL): string {
  return url.hostname.replace(/^(www|m|amp|en|eng)\./, '');
}

function parseSources(raw: unknown): { ok: true; value: ValidEvent['sources'] } | { ok: false; error: string } {
  const items: { url: string; publisher?: string }[] = [];
  if (typeof raw === 'string') {
    for (const part of raw.split(/[\s,]+/).filter(Boolean)) items.push({ url: part });
  } else if (Array.isArray(raw)) {
    for (const item of raw) {
      if (typeof item === 'string') items.push({ url: item.trim() });
      else if (item && typeof item === 'object' && typeof (item as { url?: unknown }).url === 'string') {
        const { url, publisher } = item as { url: string; publisher?: unknown };
        items.push({ url: url.trim(), publisher: typeof publisher === 'string' && publisher.trim() ? publisher.trim() : undefined });
      } else return { ok: false, error: 'Each source must be a URL or {url, publisher}.' };
    }
  } else if (raw !== undefined && raw !== null) {
    return { ok: false, error: 'Sources must be a list of URLs.' };
  }
  if (items.length === 0) return { ok: false, error: 'Give at least one source URL (https://…).' };
  if (items.length > LIMITS.sourcesMax) return { ok: false, error: `At most ${LIMITS.sourcesMax} source URLs.` };
  const out: ValidEvent['sources'] = [];
  for (const item of items) {
    let url: URL;
    try {
      url = new URL(item.url);
    } catch {
      return { ok: false, error: `"${clip(item.url)}" is not a URL; sources must start with https:// or http://.` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return { ok: false, error: `"${clip(item.url)}" is not an http(s) URL.` };
    }
    if (item.url.length > LIMITS.urlMax) return { ok: false, error: `Source URLs must be at most ${LIMITS.urlMax} characters.` };
    out.push({ url: item.url, publisher: item.publisher ?? publisherOf(url) });
  }
  return { ok: true, value: out };
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function validateEvent(raw: RawEventInput, entities: EntityResolver, now: Date): EventValidation {
  const errors: Partial<Record<EventField | 'kind', string>> = {};
  const value: Partial<ValidEvent> = {};

  const title = titleSchema.safeParse(typeof raw.title === 'string' ? raw.title : '');
  if (title.success) value.title = title.data;
  else errors.title = title.error.issues[0]!.message;

  const dateText = typeof raw.date === 'string' ? raw.date.trim() : '';
  const date = parsePartialDate(dateText);
  if (!dateText) errors.date = `Date is required: ${DATE_HINT}.`;
  else if (!date) errors.date = `"${clip(dateText)}" is not a date: ${DATE_HINT}.`;
  else if (date.start > latestAllowedDay(now))
    errors.date = `${dateText} is in the future; the latest allowed date is ${formatDay(latestAllowedDay(now))}.`;
  else value.date = date;

  const names =
    typeof raw.countries === 'string'
      ? raw.countries.split(/[,;\n]+/)
      : Array.isArray(raw.countries)
        ? raw.countries.filter((x): x is string => typeof x === 'string')
        : [];
  const cleaned = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  if (cleaned.length === 0) errors.countries = 'Name at least one country, e.g. "Armenia, Russia" (blocs such as CSTO may be added too).';
  else if (cleaned.length > 20) errors.countries = 'At most 20 countries and blocs.';
  else {
    const countryIds: string[] = [];
    const blocIds: string[] = [];
    const misses: string[] = [];
    for (const name of cleaned) {
      const r = entities.resolve(name);
      if (r.ok) (r.entity.kind === 'country' ? countryIds : blocIds).push(r.entity.id);
      else misses.push(describeMiss(r, 'country or bloc'));
    }
    if (misses.length) errors.countries = misses.join(' ');
    else if (countryIds.length === 0) errors.countries = 'Name at least one country; blocs alone are not enough.';
    else {
      value.countryIds = [...new Set(countryIds)];
      value.blocIds = [...new Set(blocIds)];
    }
  }

  const summary = summarySchema.safeParse(typeof raw.summary === 'string' ? raw.summary : '');
  if (summary.success) value.summary = summary.data;
  else errors.summary = summary.error.issues[0]!.message;

  const sources = parseSources(raw.sources);
  if (sources.ok) value.sources = sources.value;
  else errors.sources = sources.error;

  const kind = raw.kind === undefined || raw.kind === null || raw.kind === '' ? 'other' : raw.kind;
  if (typeof kind === 'string' && (EVENT_KINDS as readonly string[]).includes(kind)) value.kind = kind as EventKind;
  else errors.kind = `Kind must be one of ${EVENT_KINDS.join(', ')}.`;

  // Checked last so that it wins: whatever else is wrong with a field, this is what to fix first.
  const labels: Record<EventField, string> = {
    title: 'Title',
    date: 'Date',
    countries: 'Countries',
    summary: 'Summary',
    sources: 'Sources',
  };
  for (const field of Object.keys(labels) as EventField[]) {
    const values = [raw[field]]
      .flat()
      .flatMap((v) =>
        typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).filter((x) => typeof x === 'string') : [],
      );
    const problem = values.map((v) => controlCharacterProblem(labels[field], v)).find(Boolean);
    if (problem) errors[field] = problem;
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: value as ValidEvent };
}

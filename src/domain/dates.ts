// Dates with precision. An event may be known to the day ("2024-02-22"), the month ("2023-09") or
// only the year ("1993"); we never invent the missing parts. Each date covers a range of days, and
// every comparison works on that range.
import type { Precision } from './types.ts';

export interface PartialDate {
  /** As entered and stored: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  text: string;
  precision: Precision;
  /** First and last day covered, ISO 'YYYY-MM-DD'. */
  start: string;
  end: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const DATE_HINT = 'use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-02-22';

/** Parses 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; undefined for anything else, including 2023-02-30. */
export function parsePartialDate(input: string): PartialDate | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(input.trim());
  if (!m) return undefined;
  const y = Number(m[1]);
  if (y < 1800) return undefined;
  if (m[2] === undefined) return { text: `${m[1]}`, precision: 'year', start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return undefined;
  const last = daysInMonth(y, mo);
  if (m[3] === undefined) {
    return { text: `${m[1]}-${m[2]}`, precision: 'month', start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${pad(last)}` };
  }
  const d = Number(m[3]);
  if (d < 1 || d > last) return undefined;
  const text = `${m[1]}-${m[2]}-${m[3]}`;
  return { text, precision: 'day', start: text, end: text };
}

export function fromStored(text: string, precision: Precision): PartialDate {
  const parsed = parsePartialDate(text);
  if (!parsed || parsed.precision !== precision) throw new Error(`stored date ${text} does not match precision ${precision}`);
  return parsed;
}

/** '22 Feb 2024', 'Sep 2023', '1993'. */
export function formatPartialDate(d: Pick<PartialDate, 'text' | 'precision'>): string {
  const [y, mo, day] = d.text.split('-');
  if (d.precision === 'year') return y!;
  const month = MONTHS[Number(mo) - 1]!;
  if (d.precision === 'month') return `${month} ${y}`;
  return `${Number(day)} ${month} ${y}`;
}

export const formatDay = (iso: string) => formatPartialDate({ text: iso, precision: 'day' });

export function isoDay(at: Date): string {
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

/** Tomorrow in UTC: the latest day an event may be dated, which allows for every time zone's "today". */
export function latestAllowedDay(now: Date): string {
  return isoDay(new Date(now.getTime() + 24 * 3600 * 1000));
}

// Times of day and time zones, the one set of rules for config and digests: a time is "HH:MM" on a
// 24-hour clock once normalised ("8:00" → "08:00"), a zone is an IANA name.
//
// When a digest is due: the subscription's local time on a local date, in its IANA time zone, as a UTC
// instant. Luxon does the zone arithmetic, so DST days come out right: a time skipped by a spring-forward
// (02:30 on a day that jumps from 02:00 to 03:00) is due shifted by the jump, at 03:30, and a time
// repeated by a fall-back is due once, at its first occurrence.
import { createRequire } from 'node:module';
import type * as Luxon from 'luxon';

let luxonModule: typeof Luxon | undefined;
/**
 * Luxon, required on first use rather than imported: the console's start-up (which only needs the time
 * rules below when a digest is shown or set) would otherwise spend a twentieth of itself loading it.
 */
function luxon(): typeof Luxon {
  luxonModule ??= createRequire(import.meta.url)('luxon') as typeof Luxon;
  return luxonModule;
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidTime(s: string): boolean {
  return TIME_PATTERN.test(s);
}

export function isValidZone(zone: string): boolean {
  return luxon().IANAZone.isValidZone(zone);
}

/** Normalises "8:00" to "08:00"; undefined when it is not a time of day. Config and commands both use it. */
export function normaliseTime(s: string): string | undefined {
  const m = /^(\d{1,2})[:.h](\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const t = `${m[1]!.padStart(2, '0')}:${m[2]}`;
  return isValidTime(t) ? t : undefined;
}

/** The instant a digest for `localDate` (YYYY-MM-DD) at `time` in `zone` is due. */
export function dueAt(localDate: string, time: string, zone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const dt = luxon().DateTime.fromISO(localDate, { zone }).set({ hour: h, minute: m, second: 0, millisecond: 0 });
  return dt.toJSDate();
}

/** The first digest strictly after `after`: its local date and due instant. */
export function nextDue(time: string, zone: string, after: Date): { date: string; at: Date } {
  let day = luxon().DateTime.fromJSDate(after, { zone }).startOf('day');
  for (let i = 0; i < 3; i++, day = day.plus({ days: 1 })) {
    const date = day.toISODate()!;
    const at = dueAt(date, time, zone);
    if (at.getTime() > after.getTime()) return { date, at };
  }
  throw new Error(`no due time found for ${time} ${zone}`);
}

/** The local date of an instant in a zone. */
export function localDate(at: Date, zone: string): string {
  return luxon().DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** "Mon 24 Nov, 08:00 (Asia/Yerevan)": how a due time is shown to admins. */
export function describeDue(at: Date, zone: string): string {
  return `${luxon().DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy, HH:mm')} (${zone})`;
}

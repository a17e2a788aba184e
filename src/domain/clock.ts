// Wall-clock helpers shared by config and digests: "HH:MM" and IANA zone names.
import { IANAZone } from 'luxon';

export interface ClockTime {
  hour: number;
  minute: number;
}

export function parseClock(text: string): ClockTime | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return undefined;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

export const formatClock = (t: ClockTime) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The canonical spelling of a zone the user typed in any case ('asia/yerevan' → 'Asia/Yerevan'). */
export function canonicalTimeZone(zone: string): string | undefined {
  if (!isValidTimeZone(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

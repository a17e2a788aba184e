// The calendar day of a publication time. Apart from ./dates.ts so that what runs on the main thread
// (the story index) can use it without loading chrono-node, which only reader threads need.

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of an ISO instant as the outlet wrote it (its own local date), or of a Date in UTC. */
export function calendarDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  const d = typeof value === 'string' ? new Date(value) : value;
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

// The event's date from the article's own words. chrono-node finds candidates; only explicit calendar
// dates are accepted ("July 4", "4 July 2024", "February 2024", "11/27/2023"), never relative ones
// ("last week", "on Tuesday"), never one after publication, and a date in the lead beats one further
// down. Year-only mentions ("in 2020") are background in news writing and never chosen.
import * as chrono from 'chrono-node';
import type { Precision } from '../../domain/types.ts';
import type { Sentence } from './sentences.ts';

export interface EventDate {
  date: string;
  precision: Precision;
  /** The words the date was read from, as written. */
  phrase: string;
  /** Sentence it came from. */
  sentenceIndex: number;
}

const MONTH_WORD =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b|(январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)/iu;
const NUMERIC_DATE = /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b/;

const UPCOMING_MS = 90 * 86_400_000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of an ISO instant as the outlet wrote it (its own local date), or of a Date in UTC. */
export function calendarDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  const d = typeof value === 'string' ? new Date(value) : value;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const MAX_RECENCY = 2;
const MAX_PRECISION = 0.5;
/** News states the event in the lead: the first three sentences score most. Never rises with index. */
const positionScore = (index: number): number => (index < 3 ? 3 : index < 6 ? 1.5 : 0.5);

interface Candidate extends EventDate {
  score: number;
}

/**
 * The best explicit event date in the sentences, or undefined. `published` is 'YYYY-MM-DD' (the
 * reference for dates without a year: the most recent such date not after it). When the article gives
 * no publication date (`publishedKnown` false), `published` is only the day it was read: a date without
 * a year cannot be placed from that, so only dates that state their year are accepted. `sentences` are
 * in text order, as splitSentences gives them.
 */
export function findEventDate(sentences: Sentence[], published: string, language = 'eng', publishedKnown = true): EventDate | undefined {
  const [py, pm, pd] = published.split('-').map(Number) as [number, number, number];
  // Noon, so that chrono's local-time arithmetic cannot move the day.
  const ref = new Date(py, pm - 1, pd, 12);
  const parser = language === 'rus' ? chrono.ru : chrono;
  const candidates: Candidate[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  // Past the first dozen sentences a date is about background, not the event.
  for (const s of sentences.slice(0, 12)) {
    const position = positionScore(s.index);
    // chrono is the costly part. A later sentence can at best tie a score already found, and a tie
    // goes to the earlier sentence, so once the lead has a recent day nothing further down can win.
    if (bestScore >= position + MAX_RECENCY + MAX_PRECISION) break;
    // Most sentences name no month and no numeric date at all.
    if (!MONTH_WORD.test(s.text) && !NUMERIC_DATE.test(s.text)) continue;
    for (const r of parser.parse(s.text, ref)) {
      const c = accept(r, py, published, publishedKnown);
      if (!c) continue;
      const ageDays = (Date.parse(published) - Date.parse(c.date.length === 7 ? `${c.date}-28` : c.date)) / 86_400_000;
      const recency = ageDays <= 14 ? MAX_RECENCY : ageDays <= 62 ? 1 : 0;
      const precision = c.precision === 'day' ? MAX_PRECISION : 0;
      const score = position + recency + precision;
      candidates.push({ ...c, sentenceIndex: s.index, score });
      if (score > bestScore) bestScore = score;
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.sentenceIndex - b.sentenceIndex);
  const best = candidates[0];
  // A date far down the story and long before publication is context ("in 2022, when…").
  if (!best || best.score < 2.5) return undefined;
  const { score: _score, ...date } = best;
  return date;
}

function accept(
  r: chrono.ParsedResult,
  publishedYear: number,
  published: string,
  publishedKnown: boolean,
): Omit<EventDate, 'sentenceIndex'> | undefined {
  const text = r.text;
  if (!MONTH_WORD.test(text) && !NUMERIC_DATE.test(text)) return undefined;
  const s = r.start;
  if (!s.isCertain('month')) return undefined;
  const month = s.get('month')!;
  if (s.isCertain('day') && s.isCertain('year')) {
    const date = `${s.get('year')}-${pad(month)}-${pad(s.get('day')!)}`;
    return date <= published ? { date, precision: 'day', phrase: text.trim() } : undefined;
  }
  if (s.isCertain('day')) {
    if (!publishedKnown) return undefined;
    // "July 4" written without a year: the latest such day not after publication. A day a few weeks
    // ahead ("a summit on June 15-16" in a June 14 story) is an announcement, not last year's date.
    const day = pad(s.get('day')!);
    const thisYear = `${publishedYear}-${pad(month)}-${day}`;
    if (thisYear <= published) return { date: thisYear, precision: 'day', phrase: text.trim() };
    if (Date.parse(thisYear) - Date.parse(published) <= UPCOMING_MS) return undefined;
    return { date: `${publishedYear - 1}-${pad(month)}-${day}`, precision: 'day', phrase: text.trim() };
  }
  if (s.isCertain('year')) {
    const date = `${s.get('year')}-${pad(month)}`;
    return date <= published.slice(0, 7) ? { date, precision: 'month', phrase: text.trim() } : undefined;
  }
  return undefined;
}

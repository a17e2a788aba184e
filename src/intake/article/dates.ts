// The event's date from the article's own words, resolved against its publication date: explicit dates
// ("July 4", "4 July 2024", "February 2024", "11/27/2023"), weekdays ("on Thursday", "в четверг": the
// latest such day not after publication), and "yesterday" / "today" ("вчера", "сегодня"). chrono-node
// finds them (its Russian parser for Russian text). What is not the event's date:
// - a dateline ("YEREVAN, June 24 (Reuters) –", "МИНСК, 4 июля. /ТАСС/."): the day the story was filed;
// - a date more than BACKGROUND_DAYS before publication, unless the story's first sentence states it
//   with its year ("in May 2021 …" in the fourth paragraph is background), or past the first
//   paragraph more than LATER_PARAGRAPH_DAYS before it;
// - a date after publication, a weekday in a sentence about the future ("will meet on Friday"), weeks
//   and months named relative to publication ("last week", "this month"), years alone ("in 2020").
// The first sentence holding an acceptable date decides: news states its event in the lead.
// The English and Russian locales alone: the package's root loads all sixteen, ~5 MB more in each reader thread.
import type { ParsedResult } from 'chrono-node';
import * as chrono from 'chrono-node/en';
import * as chronoRu from 'chrono-node/ru';
import type { Precision } from '../../domain/types.ts';
import { calendarDate, pad2 as pad } from './calendar-date.ts';
import { datelineOf } from './dateline.ts';
import type { Sentence } from './sentences.ts';

export { calendarDate, datelineOf };

export interface EventDate {
  date: string;
  precision: Precision;
  /** The words the date was read from, as written. */
  phrase: string;
  /** Sentence it came from. */
  sentenceIndex: number;
  /** How it was read: an explicit date, a weekday or "yesterday" resolved against publication. */
  rule: 'explicit' | 'weekday' | 'relative';
  /** Read past the lead and before the day of publication: weak evidence (see AFTER_LEAD_SENTENCE). */
  afterLead: boolean;
}

const MONTH_WORD =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\b|(январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)/iu;
const NUMERIC_DATE = /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b/;
const WEEKDAY_OR_CASUAL =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b|(понедельник|вторник|сред[уа]|четверг|пятниц|суббот|воскресень|вчера|сегодня|позавчера)/iu;
const RELATIVE_SPAN = /\b(week|weekend|month|year|ago)\b|недел|месяц|году?(?![\p{L}])|назад/iu;
// A sentence about what is to come: its weekday is the next one, not the last.
const FUTURE =
  /\b(will|shall|is to|are to|to be held|is expected|are expected|plans? to|scheduled|upcoming|next)\b|(состоит|пройдет|пройдёт|будет|будут|планиру|намерен|предстоя|следующ)/iu;
// A sentence that opens a background paragraph: what it and the rest of its paragraph date is an
// earlier event ("Ранее МИД вручил ноту…", "Earlier this month …", "Напомним, …").
const BACKGROUND_OPENER =
  /^(earlier|previously|before that|in recent (days|weeks|months)|last (year|month)|recall that|it is recalled|ранее|до этого|напомним|напомним,|как сообщалось|в прошлом (году|месяце)|ещё|еще в)(?![\p{L}])/iu;

/**
 * Further back than this a date is background, not the event a story reports: news tells its event
 * within days. On the tuning part 7 to 14 give the same drafts; at 21 a text initialled three weeks
 * before a treaty's signing dated (and split off) a report of the signing.
 */
export const BACKGROUND_DAYS = 14;
/**
 * Past the first paragraph, a date further back than this is what led up to the event: a lead without
 * a date ("Pashinyan said he is ready to sign") followed by "the talks ended on 13 March" (a week before)
 * is not dated 13 March. On the tuning part 3 to 5 give the same drafts, 7 dates that report again;
 * a seed's second paragraph dates its lead five days before publication ("In a July 4 message…").
 */
export const LATER_PARAGRAPH_DAYS = 5;
/**
 * From this sentence on, past the first paragraph, a date before the day of publication is weak
 * evidence: a lead that gives no date mostly tells the news of its day, and what the third sentence
 * dates a day or two earlier is the step before ("Putin arrived on 25 November": the talks were the next
 * day; "Aliyev phoned Putin on October 7", before their meeting). On the tuning part (294 articles) all
 * 12 such dates were background. But an analysis filed days later states its event just there ("In a
 * July 4 message to Biden…", seed 000), so the date is kept, marked, and a draft's other reports outvote
 * it (draft-aggregate.ts).
 */
export const AFTER_LEAD_SENTENCE = 2;
const UPCOMING_MS = 90 * 86_400_000;
const DAY_MS = 86_400_000;
/** Past the first sentences, dates describe background rather than the event. */
const LEAD_SENTENCES = 8;

/**
 * A time of day before a date: chrono reads "вечером 15 сентября" and "the evening of September 15" as
 * this evening, and loses the date. Blanked (not cut, so phrases keep their offsets) before parsing.
 */
const TIME_OF_DAY =
  /\b(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)\s+of(?=\s)|(?<![\p{L}])(?:поздно\s+|рано\s+)?(?:утром|вечером|днём|днем|ночью)(?=\s)/giu;
const withoutTimeOfDay = (text: string) => text.replace(TIME_OF_DAY, (m) => ' '.repeat(m.length));

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The event's date in the sentences, or undefined when they state none (the caller then takes the
 * publication date). `published` is 'YYYY-MM-DD', the reference for dates without a year and for
 * weekdays. When the article gives no publication date (`publishedKnown` false) `published` is only
 * the day it was read, so only dates that state their year are accepted.
 */
export function findEventDate(sentences: Sentence[], published: string, language = 'eng', publishedKnown = true): EventDate | undefined {
  const [py, pm, pd] = published.split('-').map(Number) as [number, number, number];
  // Noon, so that chrono's local-time arithmetic cannot move the day.
  const ref = new Date(py, pm - 1, pd, 12);
  const parser = language === 'rus' ? chronoRu : chrono;
  let backgroundParagraph = -1;
  // A date weeks before publication stated in full in the first sentence is the event only when no
  // recent date follows in the lead ("Since Sept. 13, 2022, ties have soured. He wrote on July 4.").
  let oldButFirst: EventDate | undefined;
  for (const s of sentences.slice(0, LEAD_SENTENCES)) {
    if (s.index > 0 && BACKGROUND_OPENER.test(s.text.trim())) backgroundParagraph = s.paragraph;
    if (s.paragraph === backgroundParagraph) continue;
    let text = s.text;
    if (s.index === 0) {
      const dateline = datelineOf(text);
      if (dateline) text = text.slice(dateline.length);
    }
    if (!MONTH_WORD.test(text) && !NUMERIC_DATE.test(text) && !(publishedKnown && WEEKDAY_OR_CASUAL.test(text))) continue;
    const found: Omit<EventDate, 'sentenceIndex' | 'afterLead'>[] = [];
    for (const r of parser.parse(withoutTimeOfDay(text), ref)) {
      // A span of days ("from 12 to 15 August") is a schedule, not the day something happened.
      if (r.end) continue;
      const c = accept(r, text, py, published, publishedKnown);
      if (!c) continue;
      const age = (dayOf(published) - dayOf(c.date.length === 7 ? lastDayOf(c.date) : c.date)) / DAY_MS;
      if (age <= (s.paragraph === 0 ? BACKGROUND_DAYS : LATER_PARAGRAPH_DAYS)) found.push(c);
      else if (s.index === 0 && c.rule === 'explicit' && /\d{4}/.test(r.text)) oldButFirst ??= { ...c, sentenceIndex: 0, afterLead: false };
    }
    // "On Tuesday, January 14": the explicit date says it best.
    const best = found.find((c) => c.rule === 'explicit') ?? found[0];
    if (best) {
      const afterLead = s.paragraph > 0 && s.index >= AFTER_LEAD_SENTENCE && best.precision === 'day' && best.date < published;
      return { ...best, sentenceIndex: s.index, afterLead };
    }
  }
  return oldButFirst;
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return isoOf(Date.UTC(y, m, 0));
}

function accept(
  r: ParsedResult,
  sentence: string,
  publishedYear: number,
  published: string,
  publishedKnown: boolean,
): Omit<EventDate, 'sentenceIndex' | 'afterLead'> | undefined {
  const text = r.text.trim();
  const s = r.start;
  if (MONTH_WORD.test(text) || NUMERIC_DATE.test(text)) return explicit(r, text, publishedYear, published, publishedKnown);
  if (!publishedKnown || RELATIVE_SPAN.test(text)) return undefined;
  if (s.isCertain('weekday') && !s.isCertain('day')) {
    if (FUTURE.test(sentence)) return undefined;
    // The latest such weekday not after publication: news reports what has happened.
    const wanted = s.get('weekday')!;
    let day = dayOf(published);
    while (new Date(day).getUTCDay() !== wanted) day -= DAY_MS;
    return { date: isoOf(day), precision: 'day', phrase: text, rule: 'weekday' };
  }
  if (s.isCertain('day') && /\b(yesterday|today)\b|вчера|сегодня|позавчера/iu.test(text)) {
    const date = `${s.get('year')}-${pad(s.get('month')!)}-${pad(s.get('day')!)}`;
    return date <= published ? { date, precision: 'day', phrase: text, rule: 'relative' } : undefined;
  }
  return undefined;
}

function explicit(
  r: ParsedResult,
  text: string,
  publishedYear: number,
  published: string,
  publishedKnown: boolean,
): Omit<EventDate, 'sentenceIndex' | 'afterLead'> | undefined {
  const s = r.start;
  if (!s.isCertain('month')) return undefined;
  const month = s.get('month')!;
  if (s.isCertain('day') && s.isCertain('year')) {
    const date = `${s.get('year')}-${pad(month)}-${pad(s.get('day')!)}`;
    return date <= published ? { date, precision: 'day', phrase: text, rule: 'explicit' } : undefined;
  }
  if (s.isCertain('day')) {
    if (!publishedKnown) return undefined;
    // "July 4" written without a year: the latest such day not after publication. A day a few weeks
    // ahead ("a summit on June 15-16" in a June 14 story) is an announcement, not last year's date.
    const day = pad(s.get('day')!);
    const thisYear = `${publishedYear}-${pad(month)}-${day}`;
    if (thisYear <= published) return { date: thisYear, precision: 'day', phrase: text, rule: 'explicit' };
    if (Date.parse(thisYear) - Date.parse(published) <= UPCOMING_MS) return undefined;
    return { date: `${publishedYear - 1}-${pad(month)}-${day}`, precision: 'day', phrase: text, rule: 'explicit' };
  }
  if (s.isCertain('year')) {
    const date = `${s.get('year')}-${pad(month)}`;
    return date <= published.slice(0, 7) ? { date, precision: 'month', phrase: text, rule: 'explicit' } : undefined;
  }
  return undefined;
}

// One article → one draft proposal: headline, extractive summary, event date, entities, kind,
// language, why it matched and why it is bloc news. Undefined when it names no tracked country or bloc
// (within the source's scope when one is set), or when it names one but is not about the blocs.
import { normalizeAlias } from '../../domain/entities.ts';
import { AFTER_LEAD_DATE_REASON, EXPLICIT_DATE_REASON, type ArticleText, type DraftProposal } from '../types.ts';
import { type Analysis, analyzeArticle, LEAD_SENTENCES, masked, type Tally, tallyWeight } from './analyze.ts';
import { calendarDate, datelineOf, type EventDate, findEventDate } from './dates.ts';
import { classifyKind } from './kind.ts';
import { detectLanguage, LANGUAGE_MIN_CHARS } from './language.ts';
import type { Matcher, MentionSpan } from './matcher.ts';
import { summarize } from './summary.ts';
import { sameList } from './token-sets.ts';
import { chooseTitle } from './title.ts';

export interface ProposeInput {
  article: ArticleText;
  url: string;
  publisher: string;
  /** The feed's date for the item, used when the page gives none. */
  feedPublishedAt?: string;
  /** The feed's headline for the item: a check on a page title that is a rubric, not a headline. */
  feedTitle?: string;
  matcher: Matcher;
  /** Entity ids (or any of their aliases) the source is about; one of them must be a main entity of the
   * article (in the headline or lead, or named twice), not a passing mention. */
  scope?: { countries?: string[]; blocs?: string[] };
  now: Date;
}

export const MAX_COUNTRIES = 6;
export const MAX_BLOCS = 4;
/** The body's cue words count little and are capped, so the first forty sentences say all they can. */
const KIND_SENTENCES = 40;

/** How many distinct main entities the spans name (a sentence has a handful of spans at most). */
function distinctMain(spans: MentionSpan[], mainIds: Set<string>): number {
  let n = 0;
  for (let i = 0; i < spans.length; i++) {
    const id = spans[i]!.entityId;
    if (!mainIds.has(id)) continue;
    let seen = false;
    for (let k = 0; k < i && !seen; k++) seen = spans[k]!.entityId === id;
    if (!seen) n++;
  }
  return n;
}

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export function proposeDraft(input: ProposeInput): DraftProposal | undefined {
  const { article, matcher } = input;
  const title = chooseTitle(article, input.publisher, input.feedTitle, matcher);
  const a = analyzeArticle(article, title, matcher, article.siteName ?? input.publisher);
  if (!a?.relevance.relevant) return undefined;
  // A scoped source wants stories about its countries, not ones that name them in passing.
  if (!inScope(a.main, input.scope, matcher)) return undefined;
  const countries = a.shown.filter((t) => t.kind === 'country').slice(0, MAX_COUNTRIES);
  const blocs = a.shown.filter((t) => t.kind === 'bloc').slice(0, MAX_BLOCS);
  const ids = (tallies: Tally[]) => tallies.map((t) => t.id);
  const compared = {
    countries: ids(a.main.filter((t) => t.kind === 'country').slice(0, MAX_COUNTRIES)),
    blocs: ids(a.main.filter((t) => t.kind === 'bloc').slice(0, MAX_BLOCS)),
  };
  const mainIds = new Set([...countries, ...blocs].map((t) => t.id));
  const { sentences, sentenceSpans, titleSpans } = a;

  const language = detectLanguage(article.text.length >= LANGUAGE_MIN_CHARS ? article.text : `${title}\n${article.text}`);
  const date = eventDateOf(input, a, language);

  const summary = summarize(
    sentences.map((s, i) => {
      const spans = sentenceSpans[i]!;
      return { sentence: s, mentions: spans.length, mainEntities: distinctMain(spans, mainIds) };
    }),
    title,
    date.found?.sentenceIndex,
  );

  const lead = sentences.slice(0, LEAD_SENTENCES);
  const kind = classifyKind(
    masked(title, titleSpans),
    lead.map((s, i) => masked(s.text, sentenceSpans[i]!)).join(' '),
    sentences
      .slice(LEAD_SENTENCES, KIND_SENTENCES)
      .map((s, i) => masked(s.text, sentenceSpans[i + LEAD_SENTENCES]!))
      .join(' '),
  );

  return {
    title,
    summary,
    date: date.date,
    precision: date.precision,
    dateReason: date.reason,
    countries: ids(countries),
    blocs: ids(blocs),
    ...(sameList(compared.countries, ids(countries)) && sameList(compared.blocs, ids(blocs)) ? {} : { compared }),
    kind,
    language,
    matchedBecause: `mentions ${list(because([...countries, ...blocs], matcher))}`,
    relevance: `${a.relevance.score.toFixed(2)}: ${a.relevance.reasons.join(', ') || 'named in the story'}`,
    features: a.features,
  };
}

interface ChosenDate {
  date: string;
  precision: DraftProposal['precision'];
  reason: string;
  found?: EventDate;
}

/** The date the text gives the event, else the publication date (never later than publication or now). */
function eventDateOf(input: ProposeInput, a: Analysis, language: string): ChosenDate {
  const { article } = input;
  const now = calendarDate(input.now);
  const publishedKnown = Boolean(article.publishedAt || input.feedPublishedAt);
  let published = calendarDate(article.publishedAt ?? input.feedPublishedAt ?? input.now);
  if (published > now) published = now;
  const found = findEventDate(a.sentences, published, language, publishedKnown);
  if (found) {
    const how =
      found.rule === 'explicit'
        ? EXPLICIT_DATE_REASON
        : found.rule === 'weekday'
          ? 'weekday in the text, counted back from publication'
          : 'relative date in the text, counted from publication';
    const where = found.afterLead ? `, ${AFTER_LEAD_DATE_REASON}` : '';
    return { date: found.date, precision: found.precision, reason: `${how}${where}: "${found.phrase}"`, found };
  }
  if (!publishedKnown)
    return { date: published, precision: 'day', reason: 'no date in the text or the page: the day it was read, check it' };
  const firstParagraph = article.text.slice(0, 200);
  const dateline = datelineOf(firstParagraph);
  // "ЕРЕВАН, 28 янв (Sputnik) –": the place and day, without the agency and the dash.
  const shown = dateline?.replace(/\s*(\([^)]*\)|\/[^/]*\/)?\s*\.?\s*[-–—:]?\s*$/u, '').trim();
  return { date: published, precision: 'day', reason: shown ? `publication date (dateline "${shown}")` : 'publication date' };
}

function because(tallies: Tally[], matcher: Matcher): string[] {
  return [...tallies]
    .sort((x, y) => tallyWeight(y) - tallyWeight(x))
    .slice(0, 4)
    .map((t) => {
      const name = matcher.entity(t.id)?.name ?? t.id;
      const showForms = t.forms.some((f) => normalizeAlias(f) !== normalizeAlias(name));
      const forms = showForms
        ? `: ${t.forms
            .slice(0, 4)
            .map((f) => `"${f}"`)
            .join(', ')}`
        : '';
      return `${name} (${t.mentions}×${forms})`;
    });
}

function inScope(main: Tally[], scope: ProposeInput['scope'], matcher: Matcher): boolean {
  const wanted = [...(scope?.countries ?? []), ...(scope?.blocs ?? [])];
  if (wanted.length === 0) return true;
  const resolved = new Set(wanted.map((w) => matcher.resolve(w)?.id));
  return main.some((t) => resolved.has(t.id));
}

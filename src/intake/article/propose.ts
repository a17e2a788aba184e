// One article → one draft proposal: headline, extractive summary, event date, entities, kind,
// language and why it matched. Undefined when it names no tracked country or bloc (within the
// source's scope when one is set).
import { franc } from 'franc-min';
import { normalizeAlias } from '../../domain/entities.ts';
import type { ArticleText, DraftProposal } from '../types.ts';
import { calendarDate, findEventDate } from './dates.ts';
import { classifyKind } from './kind.ts';
import type { Matcher, MentionSpan } from './matcher.ts';
import { splitSentences } from './sentences.ts';
import { summarize } from './summary.ts';
import { cleanTitle } from './text.ts';

export interface ProposeInput {
  article: ArticleText;
  url: string;
  publisher: string;
  /** The feed's date for the item, used when the page gives none. */
  feedPublishedAt?: string;
  matcher: Matcher;
  /** Entity ids (or any of their aliases) the source is about; one of them must be a main entity of the
   * article (in the headline or lead, or named twice), not a passing mention. */
  scope?: { countries?: string[]; blocs?: string[] };
  now: Date;
}

export const MAX_COUNTRIES = 6;
export const MAX_BLOCS = 4;
/** Sentences that count as the lead, where news states the event. */
const LEAD_SENTENCES = 3;
/** The body's cue words count little and are capped, so the first forty sentences say all they can. */
const KIND_SENTENCES = 40;
/** Enough text for franc to tell languages apart; shorter is 'und'. */
const LANGUAGE_MIN_CHARS = 60;
// franc's cost grows with the sample; a few sentences of body text decide the language as well as the
// whole article does.
const LANGUAGE_SAMPLE_CHARS = 200;

interface Tally {
  id: string;
  kind: 'country' | 'bloc';
  count: number;
  forms: string[];
  inTitle: boolean;
  inLead: boolean;
  firstSentence: number;
}

const mask = (text: string, spans: MentionSpan[]): string => {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += `${text.slice(at, s.start)} `;
    at = s.end;
  }
  return out + text.slice(at);
};

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
  const recase = (w: string): string | undefined => {
    if (matcher.isAcronym(w)) return w.toUpperCase();
    return matcher.spans(w).length > 0 ? w.charAt(0).toUpperCase() + w.slice(1) : undefined;
  };
  const title = cleanTitle(article.title, article.siteName ?? input.publisher, recase);
  const sentences = splitSentences(article.text);

  // One matcher pass over the headline and each sentence; everything below reuses these spans.
  const titleSpans = matcher.spans(title);
  const sentenceSpans = sentences.map((s) => matcher.spans(s.text));
  const tallies = new Map<string, Tally>();
  const tally = (text: string, spans: MentionSpan[], where: number): void => {
    for (const span of spans) {
      const form = text.slice(span.start, span.end);
      let t = tallies.get(span.entityId);
      if (!t) {
        const e = matcher.entity(span.entityId);
        if (!e) continue;
        t = { id: e.id, kind: e.kind, count: 0, forms: [], inTitle: false, inLead: false, firstSentence: where };
        tallies.set(e.id, t);
      }
      t.count++;
      if (!t.forms.includes(form)) t.forms.push(form);
      if (where < 0) t.inTitle = true;
      else if (where < LEAD_SENTENCES) t.inLead = true;
    }
  };
  tally(title, titleSpans, -1);
  for (const [i, s] of sentences.entries()) tally(s.text, sentenceSpans[i]!, s.index);
  if (tallies.size === 0) return undefined;

  const weight = (t: Tally): number => t.count + (t.inTitle ? 3 : 0) + (t.inLead ? 1.5 : 0) - t.firstSentence * 0.01;
  const ranked = [...tallies.values()].sort((a, b) => weight(b) - weight(a));
  // An entity named once, deep in the story, is incidental ("Turkey has also voiced an interest").
  let main = ranked.filter((t) => t.inTitle || t.inLead || t.count >= 2);
  if (main.length === 0) main = ranked.slice(0, 1);
  // A scoped source wants stories about its countries, not ones that name them in passing.
  if (
    !inScope(
      main.map((t) => t.id),
      input.scope,
      matcher,
    )
  )
    return undefined;
  const countries = main.filter((t) => t.kind === 'country').slice(0, MAX_COUNTRIES);
  const blocs = main.filter((t) => t.kind === 'bloc').slice(0, MAX_BLOCS);
  const mainIds = new Set([...countries, ...blocs].map((t) => t.id));

  const language = detectLanguage(article.text.length >= LANGUAGE_MIN_CHARS ? article.text : `${title}\n${article.text}`);
  const now = calendarDate(input.now);
  const publishedKnown = Boolean(article.publishedAt || input.feedPublishedAt);
  let published = calendarDate(article.publishedAt ?? input.feedPublishedAt ?? input.now);
  if (published > now) published = now;
  const eventDate = findEventDate(sentences, published, language, publishedKnown);

  const summary = summarize(
    sentences.map((s, i) => {
      const spans = sentenceSpans[i]!;
      return { sentence: s, mentions: spans.length, mainEntities: distinctMain(spans, mainIds) };
    }),
    title,
    eventDate?.sentenceIndex,
  );

  const lead = sentences.slice(0, LEAD_SENTENCES);
  const kind = classifyKind(
    mask(title, titleSpans),
    lead.map((s, i) => mask(s.text, sentenceSpans[i]!)).join(' '),
    sentences
      .slice(LEAD_SENTENCES, KIND_SENTENCES)
      .map((s, i) => mask(s.text, sentenceSpans[i + LEAD_SENTENCES]!))
      .join(' '),
  );

  const because = [...countries, ...blocs]
    .sort((a, b) => weight(b) - weight(a))
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
      return `${name} (${t.count}×${forms})`;
    });

  return {
    title,
    summary,
    date: eventDate?.date ?? published,
    precision: eventDate?.precision ?? 'day',
    dateReason: eventDate
      ? `explicit date in the text: "${eventDate.phrase}"`
      : publishedKnown
        ? 'publication date'
        : 'no date in the text or the page: the day it was read, check it',
    countries: countries.map((t) => t.id),
    blocs: blocs.map((t) => t.id),
    kind,
    language,
    matchedBecause: `mentions ${list(because)}`,
  };
}

function inScope(ids: string[], scope: ProposeInput['scope'], matcher: Matcher): boolean {
  const wanted = [...(scope?.countries ?? []), ...(scope?.blocs ?? [])];
  if (wanted.length === 0) return true;
  const resolved = new Set(wanted.map((w) => matcher.resolve(w)?.id));
  return ids.some((id) => resolved.has(id));
}

export function detectLanguage(text: string): string {
  const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS);
  if (sample.replace(/\s+/g, '').length < LANGUAGE_MIN_CHARS) return 'und';
  return franc(sample, { minLength: LANGUAGE_MIN_CHARS });
}

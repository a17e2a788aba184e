// One article read for what it is about: which tracked countries and blocs it is about (not merely
// names), whether it is bloc news at all, and the tokens its story is compared on. propose.ts turns
// this into a draft; the evaluation's training reads it as it is.
import type { ArticleText } from '../types.ts';
import { readFeatures, type StoryFeatures, type TopicCounts } from './features.ts';
import type { Matcher, MentionSpan } from './matcher.ts';
import { RELEVANCE_MODEL } from './models.ts';
import { relevanceReasons, relevanceScore, relevanceVector } from './relevance.ts';
import { type Sentence, splitSentences } from './sentences.ts';
import { datelineOf } from './dateline.ts';
import { escapeRe } from './text.ts';

/** Sentences that count as the lead, where news states the event. */
export const LEAD_SENTENCES = 3;
/** The sentences whose words a story is compared on, after the headline. */
const FEATURE_SENTENCES = 4;
/** The sentences whose topic words the relevance model reads. */
const REST_SENTENCES = 40;
/** A sentence naming this many tracked countries is a list ("…alongside India, Iran, China…"). */
const LIST_COUNTRIES = 3;
/** What a mention in a list counts for: the members of a bloc listed are not what the story is about. */
const LIST_WEIGHT = 0.25;
/**
 * A list in the first sentences is what the story is about ("the leaders of Kazakhstan, Kyrgyzstan and
 * Uzbekistan met"), unless it lists a bloc's members or others besides the subject.
 */
const LIST_SUBJECT_SENTENCES = LEAD_SENTENCES;
const MEMBERS_LIST =
  /\b(members?|member states|alongside|along with|such as|including|besides|joins?|joined)\b|входят|состоят|наряду|включая|в том числе|члены|членами|членов/iu;

export interface Tally {
  id: string;
  kind: 'country' | 'bloc';
  /** Mentions, those in a list of countries counting a quarter. */
  count: number;
  /** Mentions, each counting one: what the editor is shown. */
  mentions: number;
  forms: string[];
  inTitle: boolean;
  inLead: boolean;
  firstSentence: number;
}

export interface Analysis {
  sentences: Sentence[];
  titleSpans: MentionSpan[];
  sentenceSpans: MentionSpan[][];
  /** Every tracked entity named, most prominent first. */
  ranked: Tally[];
  /** The entities the story is about: in the headline or lead, or named twice. */
  main: Tally[];
  /** As `main`, its leaders counted for their countries and its loose names not: what the draft shows. */
  shown: Tally[];
  relevance: { score: number; relevant: boolean; reasons: string[]; vector: number[] };
  features: StoryFeatures;
  leadTopics: TopicCounts;
}

export const tallyWeight = (t: Tally): number => t.count + (t.inTitle ? 3 : 0) + (t.inLead ? 1.5 : 0) - t.firstSentence * 0.01;

/** The outlet's own name blanked out: "European Pravda" is not the EU, "Sputnik Armenia" not Armenia. */
function outletMask(publisher: string | undefined): (text: string) => string {
  const name = publisher?.trim();
  if (!name || name.length < 4) return (t) => t;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'giu');
  const lower = name.toLowerCase();
  // Most sentences never name the outlet: a plain search rules them out before the regex runs.
  return (t) => (t.toLowerCase().includes(lower) ? t.replace(re, (m) => ' '.repeat(m.length)) : t);
}

/**
 * The sentences with the dateline that opens the first one blanked: "ТАШКЕНТ, 2 янв – Sputnik" says where
 * the outlet filed from, not a country the story is about. Blanked, not cut, so offsets hold.
 */
function withoutDateline(sentences: Sentence[]): Sentence[] {
  const first = sentences[0];
  const dateline = first && datelineOf(first.text);
  if (!first || !dateline) return sentences;
  return [{ ...first, text: ' '.repeat(dateline.length) + first.text.slice(dateline.length) }, ...sentences.slice(1)];
}

/** The text with its countries and blocs blanked (a leader's name stays: it is a name two reports share). */
export function masked(text: string, spans: MentionSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.leader) continue;
    out += `${text.slice(at, s.start)} `;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * The story tokens of a text that is not an article page: a published event's title and summary, read
 * as a headline and its lead, so that a report can be compared with the event it may tell.
 */
export function storyTokensOf(title: string, summary: string, matcher: Matcher): StoryFeatures {
  const headline = masked(title, matcher.spans(title));
  const lead = splitSentences(summary).map((s) => masked(s.text, matcher.spans(s.text)));
  return readFeatures({ headline, lead, rest: [] }).features;
}

function sum(a: TopicCounts, b: TopicCounts): TopicCounts {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof TopicCounts)[]) out[k] += b[k];
  return out;
}

export function analyzeArticle(article: ArticleText, title: string, matcher: Matcher, publisher?: string): Analysis | undefined {
  const unOutlet = outletMask(publisher);
  const sentences = splitSentences(article.text).map((s) => ({ ...s, text: unOutlet(s.text) }));
  const cleanTitle = unOutlet(title);
  const titleSpans = matcher.spans(cleanTitle);
  const scanned = withoutDateline(sentences);
  const sentenceSpans = scanned.map((s) => matcher.spans(s.text));

  // Named: what the text names, loose names included (comparison reads these). Shown: what the draft
  // shows, its leaders counted for their countries and loose names left out.
  const tallyAll = (shownOnly: boolean): Tally[] => {
    const tallies = new Map<string, Tally>();
    const leaders = new Map<string, string[]>();
    const leaderForms = (id: string): string[] => {
      const forms = leaders.get(id) ?? [];
      leaders.set(id, forms);
      return forms;
    };
    const tally = (text: string, all: MentionSpan[], where: number): void => {
      const spans = all.filter((s) => (shownOnly ? !s.loose : !s.leader));
      const countries = new Set(spans.filter((s) => matcher.entity(s.entityId)?.kind === 'country').map((s) => s.entityId));
      const list = where >= 0 && countries.size >= LIST_COUNTRIES && (where >= LIST_SUBJECT_SENTENCES || MEMBERS_LIST.test(text));
      for (const span of spans) {
        let t = tallies.get(span.entityId);
        if (!t) {
          const e = matcher.entity(span.entityId);
          if (!e) continue;
          t = { id: e.id, kind: e.kind, count: 0, mentions: 0, forms: [], inTitle: false, inLead: false, firstSentence: where };
          tallies.set(e.id, t);
        }
        const inList = list && t.kind === 'country';
        t.count += inList ? LIST_WEIGHT : 1;
        t.mentions++;
        const form = text.slice(span.start, span.end);
        // A leader's name is listed after the country's own names: those say best why it matched.
        const forms = span.leader ? leaderForms(t.id) : t.forms;
        if (!forms.includes(form)) forms.push(form);
        if (where < 0) t.inTitle = true;
        else if (where < LEAD_SENTENCES && !inList) t.inLead = true;
      }
    };
    tally(cleanTitle, titleSpans, -1);
    for (const [i, s] of scanned.entries()) tally(s.text, sentenceSpans[i]!, s.index);
    for (const [id, forms] of leaders) tallies.get(id)?.forms.push(...forms);
    return [...tallies.values()].sort((a, b) => tallyWeight(b) - tallyWeight(a) || a.id.localeCompare(b.id));
  };
  // An entity named once, deep in the story, is incidental ("Turkey has also voiced an interest").
  const mainOf = (ranked: Tally[]): Tally[] => {
    const main = ranked.filter((t) => t.inTitle || t.inLead || t.count >= 2);
    return main.length === 0 ? ranked.slice(0, 1) : main;
  };
  const ranked = tallyAll(false);
  if (ranked.length === 0) return undefined;
  const main = mainOf(ranked);
  // The leaders speak for their countries (./leaders.ts): an editor puts Russia on "Putin arrives in
  // Bishkek". Only for what the draft shows: comparison reads their names as names, and counting them as
  // countries too would weigh them twice. A loose name ("Europe") is the other way round.
  const marked = (spans: MentionSpan[]) => spans.some((x) => x.leader || x.loose);
  const differs = marked(titleSpans) || sentenceSpans.some(marked);
  const shownRanked = differs ? tallyAll(true) : ranked;
  const shown = shownRanked.length > 0 ? mainOf(shownRanked) : main;

  const lead = scanned.slice(0, FEATURE_SENTENCES);
  const words = readFeatures({
    headline: masked(cleanTitle, titleSpans),
    lead: lead.map((s, i) => masked(s.text, sentenceSpans[i]!)),
    // The body's topic words count little and are capped in the model: forty sentences say all they can.
    rest: scanned.slice(FEATURE_SENTENCES, REST_SENTENCES).map((s, i) => masked(s.text, sentenceSpans[i + FEATURE_SENTENCES]!)),
  });
  const blocs = ranked.filter((t) => t.kind === 'bloc');
  const countries = ranked.filter((t) => t.kind === 'country');
  const vector = relevanceVector({
    blocInTitle: blocs.some((t) => t.inTitle),
    blocInLead: blocs.some((t) => t.inLead),
    blocMentions: blocs.reduce((n, t) => n + t.count, 0),
    countryInTitle: countries.some((t) => t.inTitle),
    countryMentions: countries.filter((t) => main.includes(t)).reduce((n, t) => n + t.count, 0),
    titleTopics: words.titleTopics,
    // The headline's words are the lead's too: news repeats its headline in its first sentence.
    leadTopics: sum(words.titleTopics, words.leadTopics),
    restTopics: words.restTopics,
  });
  const score = relevanceScore(vector);
  // A headline that names a bloc with words of status, security or diplomacy, and nothing of sport,
  // markets or culture, is bloc news however short the text (a feed item of one line, a wire flash).
  const offTopic = (t: TopicCounts) => t.sport + t.market + t.culture + t.nature;
  const onTopic = (t: TopicCounts) => t.status + t.security + t.diplomacy + t.politics + t.law;
  const headlineSaysSo =
    blocs.some((t) => t.inTitle) && onTopic(words.titleTopics) > 0 && offTopic(words.titleTopics) === 0 && offTopic(words.leadTopics) === 0;
  return {
    sentences,
    titleSpans,
    sentenceSpans,
    ranked,
    main,
    shown,
    relevance: {
      score,
      relevant: score >= RELEVANCE_MODEL.threshold || headlineSaysSo,
      reasons: headlineSaysSo && score < RELEVANCE_MODEL.threshold ? ['a bloc and its business in the headline'] : relevanceReasons(vector),
      vector,
    },
    features: words.features,
    leadTopics: words.leadTopics,
  };
}

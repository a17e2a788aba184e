// The shapes news intake passes between its steps: fetch (src/intake/net), article reading
// (src/intake/article) and the pipeline that stores sources and drafts (src/intake/*). Plain data only,
// so each step can be built and tested alone.
import type { EntityKind, EventKind, Precision } from '../domain/types.ts';

/**
 * How a date written out in the text is explained (article/propose.ts); the drafts' date vote
 * (pipeline/draft-aggregate.ts) weighs these a little more. Here, so that the pipeline reads it without
 * loading the article reader (chrono-node, franc), which runs on reader threads.
 */
export const EXPLICIT_DATE_REASON = 'explicit date in the text';
/** Marks a date read past the lead, before publication (findEventDate's afterLead): weak evidence. */
export const AFTER_LEAD_DATE_REASON = 'past the lead';

/** Limits on every fetch: INTAKE_TIMEOUT_MS, INTAKE_MAX_BYTES, INTAKE_ALLOW_PRIVATE. */
export interface FetchLimits {
  /** Whole request, headers and body, redirects included. */
  timeoutMs: number;
  maxBytes: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Allow loopback, private, link-local addresses (tests, intranet feeds). */
  allowPrivate: boolean;
  userAgent?: string;
}

/** Why a fetch failed. `permanent` failures disable a source at once; the rest back off and retry. */
export type FetchFailureCode =
  | 'bad_url'
  | 'blocked_address'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'http_status'
  | 'not_a_feed'
  | 'not_html';

/** One item of a feed, whatever its format. Text fields are as the feed gives them (may hold HTML). */
export interface FeedItem {
  guid?: string;
  url?: string;
  title: string;
  /** Description / summary / content, whichever is richest; HTML allowed. */
  contentHtml?: string;
  /** ISO 8601 instant. */
  publishedAt?: string;
  author?: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: string;
  siteUrl?: string;
  items: FeedItem[];
}

/** The main text of an article, reduced to plain text: never HTML. */
export interface ArticleText {
  title: string;
  /** Paragraphs separated by blank lines; captions, bylines and boilerplate removed. */
  text: string;
  /** ISO 8601 instant or date, when the page or feed says when it was published. */
  publishedAt?: string;
  /** The outlet's name when the page says it (og:site_name), else undefined. */
  siteName?: string;
  byline?: string;
}

/** An entity as the alias index knows it: every normalised alias that names it. */
export interface TrackedEntity {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
}

/** What intake proposes for one article; an editor approves, corrects or rejects it. */
export interface DraftProposal {
  title: string;
  /** 2–3 of the article's own sentences, at most 500 characters. */
  summary: string;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', matching precision; never after publication. */
  date: string;
  precision: Precision;
  /** Why this date: 'explicit date in the text: "on 22 February 2024"' or 'publication date'. */
  dateReason: string;
  /** The countries it is about, a leader's mention counting for the country ("Putin": Russia). */
  countries: string[];
  blocs: string[];
  /** What comparison reads, where it differs from what the draft shows (see ComparedEntities). */
  compared?: ComparedEntities;
  kind: EventKind;
  /** ISO 639-3 code from franc ('eng', 'rus'), or 'und' when undetermined. */
  language: string;
  /** Human-readable: 'mentions Armenia (4×: "Armenia", "Yerevan") and CSTO (2×)'. */
  matchedBecause: string;
  /** Why it is bloc news and not only a mention: '0.97: bloc in headline, bloc words in lead'. */
  relevance: string;
  /** What the story is, as tokens reports of it share across outlets and languages. */
  features: StoryTokens;
}

/**
 * The countries and blocs a report is compared on: those its text names, loose names ("Europe") in,
 * leaders out (comparison reads a leader as a name). A draft shows leaders' countries and leaves loose
 * names out.
 */
export interface ComparedEntities {
  countries: string[];
  blocs: string[];
}

/** The tokens two reports of one story share (src/intake/article/features.ts). */
export interface StoryTokens {
  /** Content stems of the headline and lead. */
  stems: string[];
  /** Concepts ("c:join"), names by skeleton ("n:pshnn") and numbers ("#2015"). */
  universal: string[];
  /** The headline's own stems and cross-language tokens: what the outlet says the story is. */
  headline: string[];
}

// One article, read and proposed in one step: the page's, else the feed item's own content. What a
// reader thread does with each item, and what the main thread does when there is none. Proposing
// beside reading keeps the main thread to fetching and storing: the proposal (sentences, dates,
// language, entities, summary) costs as much as the reading.
import type { ArticleText, DraftProposal, FeedItem, TrackedEntity } from '../types.ts';
import { articleFromFeedItem, extractArticle } from './extract.ts';
import { buildMatcher, type Matcher } from './matcher.ts';
import { proposeDraft } from './propose.ts';
import { publisherOf } from './text.ts';

/** The alias index as data, versioned so a thread builds its matcher once per change, not per page. */
export interface TrackedSnapshot {
  version: number;
  entities: TrackedEntity[];
}

/**
 * The alias index as a job carries it: whole the first time a thread is sent its version, then the
 * version alone (the pool knows which threads have it), so hundreds of aliases are not copied to a
 * thread and parsed there again for every page.
 */
export type TrackedRef = TrackedSnapshot | { version: number; entities?: undefined };

/** What proposing needs beside the article; all plain data, so it crosses to a thread. */
export interface ProposeRequest {
  tracked: TrackedRef;
  /** The outlet's name when the page gives none (the source's name). */
  publisher: string;
  feedPublishedAt?: string;
  /** The feed's headline for the item. */
  feedTitle?: string;
  scope: { countries: string[]; blocs: string[] };
  /** ISO instant: the pipeline's clock, which tests set. */
  now: string;
}

export interface PageRequest {
  /** The page; absent when it could not be fetched. */
  html?: string;
  url: string;
  /** The feed item's own content: the article when the page holds none, or there is no page. */
  feed?: FeedItem;
  /** Absent: read only. */
  propose?: ProposeRequest;
}

export interface PageResult {
  /**
   * The page's article, else the feed item's; undefined when neither holds one. With `propose`, only
   * its dates and outlet: the proposal says what drafting needs, and copying the whole text back to the
   * main thread for every article would cost more than the rest of the answer.
   */
  article?: ArticleText;
  /** With `propose` and an article: the proposal, or undefined when the article is not about anything tracked. */
  proposal?: DraftProposal;
}

let matcherCache: { version: number; matcher: Matcher } | undefined;

function matcherFor(tracked: TrackedRef): Matcher {
  if (matcherCache?.version === tracked.version) return matcherCache.matcher;
  // A thread is sent the entities with the first job of each version; one without them is a pool bug.
  if (!tracked.entities) throw new Error(`reader: alias index version ${tracked.version} was never sent to this thread`);
  matcherCache = { version: tracked.version, matcher: buildMatcher(tracked.entities) };
  return matcherCache.matcher;
}

export function readPage(req: PageRequest): PageResult {
  const read = (req.html === undefined ? undefined : extractArticle(req.html, req.url)) ?? (req.feed && articleFromFeedItem(req.feed));
  const p = req.propose;
  if (!read || !p) return { article: read };
  const article = { ...read, publishedAt: read.publishedAt ?? p.feedPublishedAt };
  const proposal = proposeDraft({
    article,
    url: req.url,
    publisher: publisherOf(article, p.publisher),
    feedPublishedAt: p.feedPublishedAt,
    feedTitle: p.feedTitle,
    matcher: matcherFor(p.tracked),
    scope: p.scope,
    now: new Date(p.now),
  });
  return { article: { title: '', text: '', publishedAt: article.publishedAt, siteName: article.siteName }, proposal };
}

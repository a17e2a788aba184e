// Polling one source: a conditional GET of its feed (fetchItems), then each item not seen before read
// and proposed on a reader thread (readItem). The pass reads the items of all its sources in one order
// and drafts them in that order (./service.ts, ./ordered-reads.ts), so the drafts do not depend on which
// source answered first. The first successful poll of a new source marks its back catalogue seen (all
// of it, or all but the newest `backfill` items). Failures back off; permanent ones disable the source.
import type { Core } from '../../core.ts';
import type { Draft } from './drafts.ts';
import {
  type ArticleReader,
  FetchFailure,
  fetchArticleHtml,
  fetchFeed,
  normalizeUrl,
  type PageResult,
  type ProposeRequest,
  publisherOf,
} from './parts.ts';
import { describeFailure } from './failure-text.ts';
import type { Pipeline, ProposedArticle } from './ingest.ts';
import type { IntakeSource, ItemKey, SourceStore } from '../../store/sources.ts';
import type { FeedItem, FetchLimits } from '../types.ts';

export interface PollSettings {
  reader: ArticleReader;
  limits: FetchLimits;
  /** Failures in a row that disable a source. */
  maxFailures: number;
  /** After a success, how long until the source is due again (the cron decides when passes run). */
  intervalMs: number;
}

/**
 * A draft as a pass reports it: its card has gone out, and the store holds the rest. A pass over
 * hundreds of feeds makes thousands of drafts; holding each whole (summary, sources) until the pass
 * ends kept megabytes alive on the main thread for nothing.
 */
export type DraftRef = Pick<Draft, 'id' | 'title'>;

export const refOf = (d: Draft): DraftRef => ({ id: d.id, title: d.title });

export interface SourcePoll {
  sourceId: number;
  name: string;
  status: 'ok' | 'not_modified' | 'failed' | 'disabled';
  error?: string;
  /** Items not seen before (drafted or not). */
  newItems: number;
  drafted: DraftRef[];
  merged: DraftRef[];
  /** Items skipped after an unexpected error (logged by the service). */
  itemErrors: string[];
}

/** One source's feed, read: the items to read now, and what to record once they are drafted. */
export interface SourceFetch extends SourcePoll {
  /** Items to read in this pass (at most MAX_ITEMS_PER_POLL), oldest first. */
  items: FeedEntry[];
  /** Items left for a later pass, now or because the pass ran out of time for them. */
  unread: number;
  /** Records the poll as a success, once its items are drafted: a crash before then reads them again. */
  finish(): Promise<void>;
}

/** An item of a feed, with the key it is remembered by. */
export interface FeedEntry {
  feed: FeedItem;
  key: ItemKey;
  url?: string;
}

/** Articles read from one feed in one poll; the rest wait for the next pass. */
export const MAX_ITEMS_PER_POLL = 40;

type Item = FeedEntry;

export class SourcePoller {
  constructor(
    private readonly core: Core,
    private readonly sources: SourceStore,
    private readonly pipeline: Pipeline,
    private readonly settings: PollSettings,
  ) {}

  /** The feed, fetched: its new items to read now. Failures are recorded here. */
  async fetchItems(source: IntakeSource): Promise<SourceFetch> {
    const result: SourceFetch = {
      sourceId: source.id,
      name: source.name,
      status: 'ok',
      newItems: 0,
      drafted: [],
      merged: [],
      itemErrors: [],
      items: [],
      unread: 0,
      finish: async () => undefined,
    };
    try {
      const r = await fetchFeed(source.url, this.settings.limits, {
        etag: source.etag ?? undefined,
        lastModified: source.lastModified ?? undefined,
      });
      if (r.notModified || !r.feed) {
        await this.sources.recordOk(source.id, this.core.now(), this.settings.intervalMs, {});
        return { ...result, status: 'not_modified' };
      }
      const items = r.feed.items.map((f) => itemOf(f, r.finalUrl));
      const fresh = await this.freshItems(source, items);
      result.newItems = fresh.length;
      // A flood of new items is read over several passes, so one feed cannot hold a pass for long.
      result.items = fresh.slice(0, MAX_ITEMS_PER_POLL).reverse();
      result.unread = fresh.length - result.items.length;
      // Items left for later must not be hidden behind a 304: forget the validators until they are read.
      result.finish = () =>
        this.sources.recordOk(
          source.id,
          this.core.now(),
          this.settings.intervalMs,
          result.unread > 0 ? { etag: null, lastModified: null } : { etag: r.etag, lastModified: r.lastModified },
        );
      return result;
    } catch (err) {
      const reason = describeFailure(err);
      const now = this.core.now();
      if (err instanceof FetchFailure && err.permanent) {
        await this.sources.disable(source.id, now, reason);
        return { ...result, status: 'disabled', error: reason };
      }
      if (!(err instanceof FetchFailure)) throw err;
      const disabled = await this.sources.recordFailure(source.id, now, reason, this.settings.maxFailures);
      return {
        ...result,
        status: disabled ? 'disabled' : 'failed',
        error: disabled ? ((await this.sources.get(source.id))?.disabledReason ?? reason) : reason,
      };
    }
  }

  /** Items to run through the pipeline; on a source's first poll the rest are marked seen here. */
  /** Records an item as seen without drafting it (one that could not be read or stored). */
  async markSeen(sourceId: number, item: ItemKey): Promise<void> {
    await this.sources.markSeen(sourceId, item, this.core.now());
  }

  private async freshItems(source: IntakeSource, items: Item[]): Promise<Item[]> {
    const seen = await Promise.all(items.map((i) => this.sources.hasSeen(source.id, i.key)));
    const unseen = items.filter((_, n) => !seen[n]);
    if (source.primed) return unseen;
    const newest = new Set(newestFirst(items).slice(0, source.backfill));
    const now = this.core.now();
    await this.core.transaction(async () => {
      for (const i of unseen) if (!newest.has(i)) await this.sources.markSeen(source.id, i.key, now);
    });
    return unseen.filter((i) => newest.has(i));
  }

  /**
   * The item read and proposed, ready to draft; undefined when there is nothing to draft (the article
   * is drafted already, has no text, or is not about the blocs), and then it is recorded as seen here.
   */
  async readItem(source: IntakeSource, item: FeedEntry): Promise<ProposedArticle | undefined> {
    const scope = { countries: source.countries, blocs: source.blocs };
    const seen = async () => {
      await this.sources.markSeen(source.id, item.key, this.core.now());
      return undefined;
    };
    // The same article (by normalised URL) is already drafted: remember the item, fetch nothing.
    if (await this.pipeline.known(item.key.urlKey)) return seen();
    const read = await this.readArticle(source, item, scope);
    if (!read.article || !read.proposal) return seen();
    return {
      // Its dates and outlet only (readPage keeps the text on the thread): a pass holds what it read until it drafts it.
      article: read.article,
      url: item.url,
      urlKey: item.key.urlKey,
      publisher: publisherOf(read.article, source.name),
      feedPublishedAt: item.feed.publishedAt,
      feedTitle: item.feed.title,
      scope,
      seen: { sourceId: source.id, item: item.key },
      actor: `intake:source:${source.id}`,
      proposal: read.proposal,
    };
  }

  /**
   * The article and its proposal, made where the reader reads (a thread): the page's main text, or the
   * feed's own content when the page cannot be fetched or read.
   */
  private async readArticle(source: IntakeSource, item: FeedEntry, scope: ProposeRequest['scope']): Promise<PageResult> {
    const propose = {
      tracked: await this.pipeline.trackedSnapshot(),
      publisher: source.name,
      feedPublishedAt: item.feed.publishedAt,
      feedTitle: item.feed.title,
      scope,
      now: this.core.now().toISOString(),
    };
    const page = item.url ? await this.fetchPage(item.url) : undefined;
    if (page) {
      const read = await this.settings.reader.read({ html: page.html, url: page.finalUrl, propose });
      if (read.article) return read;
    }
    // No page, none readable, or one that hung or crashed its reader thread: the feed's own content,
    // sent to a thread only now, since feeds often carry whole articles that a readable page makes moot.
    return this.settings.reader.read({ url: item.url ?? '', feed: item.feed, propose });
  }

  private async fetchPage(url: string): Promise<{ html: string; finalUrl: string } | undefined> {
    try {
      return await fetchArticleHtml(url, this.settings.limits);
    } catch (err) {
      if (err instanceof FetchFailure) return undefined;
      throw err;
    }
  }
}

function itemOf(feed: FeedItem, base: string): Item {
  let url: string | undefined;
  let urlKey: string | undefined;
  if (feed.url) {
    try {
      const u = new URL(feed.url.trim(), base);
      if (u.protocol === 'http:' || u.protocol === 'https:') {
        url = u.href;
        urlKey = normalizeUrl(url);
      }
    } catch {
      url = undefined;
    }
  }
  const guid = feed.guid?.trim().slice(0, 500) || (urlKey ? undefined : `title:${feed.title.trim().slice(0, 300)}`);
  return { feed, key: { guid, urlKey }, url };
}

/** Newest first by publication time; items without one keep their feed order after those with one. */
function newestFirst(items: Item[]): Item[] {
  const t = (i: Item) => (i.feed.publishedAt ? Date.parse(i.feed.publishedAt) : Number.NaN);
  return items
    .map((item, index) => ({ item, index, at: t(item) }))
    .sort((a, b) => (Number.isNaN(b.at) ? -1 : Number.isNaN(a.at) ? 1 : b.at - a.at) || a.index - b.index)
    .map((x) => x.item);
}

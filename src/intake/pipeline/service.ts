// News intake as the rest of the program sees it: poll passes over due sources (on SQLite only in the
// process holding the intake lease; on PostgreSQL each process polls the sources it claims, row by row,
// so workers split them and none is polled twice in a pass), one-off polls and imports, and telling
// editors about new drafts and sources that stopped. Platform posting is injected (`tell`), so this file knows no chat platform.
import type { Core } from '../../core.ts';
import { Claimer } from '../../digest/claimer.ts';
import { Lease, leaseOwnerId } from '../../digest/lease.ts';
import type { Logger } from '../../log.ts';
import type { Reply } from '../../reply.ts';
import { draftCard, sourceDisabledNotice } from './card.ts';
import { DraftStore, type Draft } from './drafts.ts';
import { type ArticleReader, fetchArticleHtml, mapLimit, normalizeUrl, readInThread } from './parts.ts';
import { Pipeline, type IngestOutcome, type ProposedArticle } from './ingest.ts';
import { describeFailure } from './failure-text.ts';
import { readInOrder } from './ordered-reads.ts';
import { type DraftRef, type FeedEntry, refOf, SourcePoller, type SourceFetch, type SourcePoll } from './poller.ts';
import type { IntakeSource, SourceStore } from '../../store/sources.ts';
import type { ArticleText, FetchLimits } from '../types.ts';

/** Separate from the digest lease, with the same guarantee: one poller per database at a time. */
export const INTAKE_LEASE = 'intake-poll';
export { ReaderPool } from './parts.ts';

export interface IntakeOptions {
  limits?: Partial<FetchLimits>;
  /** Sources polled side by side. */
  concurrency?: number;
  maxFailures?: number;
  intervalMs?: number;
  leaseTtlMs?: number;
  /** How long a claim on a source lasts unless renewed (PostgreSQL; renewed while the pass runs). */
  claimTtlMs?: number;
  owner?: string;
  log?: Logger;
  /** Posts a card or notice to the editors' review channels; absent when none is configured. */
  tell?: (reply: Reply) => Promise<void>;
  /** Reads article pages: reader threads for polling (see startIntake); by default this thread. */
  reader?: ArticleReader;
  /**
   * How long a pass may read (ms; default ten minutes): what is not read by then waits for the next
   * pass. A source that answers slowly twice in a pass is left for the next one sooner.
   */
  readingMs?: number;
}

export type { DraftRef } from './poller.ts';

/** One source's poll as a pass reports it: its drafts by reference (see DraftRef). */
export type SourceReport = SourcePoll;

export interface PassReport {
  /** False when another process holds the intake lease (or, on PostgreSQL, the one source asked for). */
  leased: boolean;
  polled: SourceReport[];
  drafted: DraftRef[];
}

export class IntakeService {
  readonly sources: SourceStore;
  readonly drafts: DraftStore;
  readonly pipeline: Pipeline;
  readonly lease: Lease;
  readonly claimer: Claimer;
  readonly limits: FetchLimits;
  private readonly poller: SourcePoller;
  private readonly opts: Required<Pick<IntakeOptions, 'concurrency' | 'maxFailures' | 'intervalMs' | 'leaseTtlMs' | 'readingMs'>>;
  /** Sources being polled by this process right now: a manual poll never overlaps a scheduled one. */
  private readonly busy = new Set<number>();
  private running: Promise<unknown> | undefined;
  private passes = 0;
  tell: IntakeOptions['tell'];
  private readonly log: Logger | undefined;
  private readonly reader: ArticleReader;

  constructor(
    private readonly core: Core,
    options: IntakeOptions = {},
  ) {
    const { concurrency = 8, maxFailures = 5, intervalMs = 60_000, leaseTtlMs = 5 * 60_000 } = options;
    this.limits = { ...core.settings.intake, ...options.limits };
    const readingMs = options.readingMs ?? 10 * 60_000;
    this.opts = { concurrency, maxFailures, intervalMs, leaseTtlMs, readingMs };
    this.sources = core.sources;
    this.drafts = new DraftStore(core);
    this.pipeline = new Pipeline(core, this.drafts, this.sources);
    this.reader = options.reader ?? readInThread;
    this.poller = new SourcePoller(core, this.sources, this.pipeline, {
      reader: this.reader,
      limits: this.limits,
      maxFailures: this.opts.maxFailures,
      intervalMs: this.opts.intervalMs,
    });
    const owner = options.owner ?? leaseOwnerId();
    this.lease = new Lease(core.leases, INTAKE_LEASE, owner, this.opts.leaseTtlMs, () => core.now());
    this.claimer = new Claimer(core.sources.claims, owner, options.claimTtlMs ?? 60_000, () => core.now());
    this.tell = options.tell;
    this.log = options.log;
  }

  /** One pass over the due sources (every enabled one with `force`, or just `sourceId`). */
  async pass(opts: { force?: boolean; sourceId?: number } = {}): Promise<PassReport> {
    const exclusive = this.core.engine === 'sqlite';
    if (exclusive && !(await this.lease.acquire())) return { leased: false, polled: [], drafted: [] };
    this.passes++;
    const run = exclusive
      ? this.runPass(opts, { renew: () => this.lease.acquire(), everyMs: this.opts.leaseTtlMs / 3 })
      : this.claimedPass(opts);
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = undefined;
      // The lease guards passes, not an idle process: once none runs here, another process may poll.
      if (--this.passes === 0 && exclusive)
        await this.lease.release().catch((err) => this.log?.warn({ err }, 'intake: could not release the lease'));
    }
  }

  /**
   * A pass on PostgreSQL: the sources are claimed a few at a time as they are fetched, kept claimed
   * (renewed) until their items are drafted and the poll recorded, then released. A single source
   * another process is polling right now is left to it.
   */
  private async claimedPass(opts: { force?: boolean; sourceId?: number }): Promise<PassReport> {
    const { owner, claims } = this.claimer;
    // Only this pass's claims are released after it: a manual poll in this process may hold others.
    const mine: number[] = [];
    const claim = async (limit: number) => {
      const batch = await this.sources.claim(owner, this.core.now(), this.claimer.until(), limit, opts);
      mine.push(...batch.map((s) => s.id));
      return batch;
    };
    const renew = { renew: () => claims.renewAll(owner, this.claimer.until()).then(() => true), everyMs: this.claimer.ttlMs / 3 };
    try {
      if (opts.sourceId === undefined) return await this.runPass(opts, renew, claim);
      const one = await claim(1);
      if (!one.length) return { leased: (await this.sources.get(opts.sourceId)) === undefined, polled: [], drafted: [] };
      return await this.runPass(opts, renew, one);
    } finally {
      for (const id of mine) await claims.release(id, owner).catch((err) => this.log?.warn({ err }, 'intake: could not release a source'));
    }
  }

  /**
   * Polls the sources given (a list, or claimed batch by batch until none is left), or else the due
   * ones; `right.renew` keeps this process's right to poll them (the lease, or its claims).
   */
  private async runPass(
    opts: { force?: boolean; sourceId?: number },
    right: { renew: () => Promise<boolean>; everyMs: number },
    given?: IntakeSource[] | ((limit: number) => Promise<IntakeSource[]>),
  ): Promise<PassReport> {
    this.pipeline.refresh();
    const now = this.core.now();
    const due =
      given ??
      (opts.sourceId !== undefined
        ? [await this.sources.get(opts.sourceId)].filter((s): s is IntakeSource => Boolean(s))
        : await this.sources.due(now, { force: opts.force }));
    // Renewed while the pass runs; if it is ever lost (this process stalled past its expiry and another
    // took over), no further source is started here.
    let held = true;
    const renew = setInterval(() => {
      if (!held) return;
      right.renew().then(
        (ok) => {
          held &&= ok;
        },
        // The database did not answer: the lease may lapse, so start no further source until it is renewed.
        () => {
          held = false;
        },
      );
    }, right.everyMs);
    renew.unref();
    let fetched: (SourceFetch | undefined)[] = [];
    const deadline = Date.now() + this.opts.readingMs;
    const drafted: DraftRef[] = [];
    const fetchIfHeld = async (source: IntakeSource) => (held ? this.fetchOne(source) : undefined);
    try {
      if (Array.isArray(due)) fetched = await mapLimit(due, this.opts.concurrency, fetchIfHeld);
      else {
        // Claimed a few at a time, so that workers polling at once split the sources between them.
        await this.claimer.drain(due, this.opts.concurrency, async (source) => void fetched.push(await fetchIfHeld(source)), {
          keepClaims: true,
        });
      }
      await this.readAndDraft(
        fetched.filter((f): f is SourceFetch => Boolean(f)),
        deadline,
        drafted,
      );
    } finally {
      clearInterval(renew);
      // Only the sources this pass took: another pass (a manual poll) may hold the rest.
      for (const f of fetched) if (f) this.busy.delete(f.sourceId);
    }
    const done = fetched.filter((p): p is SourceFetch => Boolean(p));
    for (const p of done) {
      this.core.metrics.intakePoll(p.status);
      if (p.status === 'ok') await p.finish();
    }
    await this.announceStopped();
    const reports = done.map(({ items: _items, unread: _unread, finish: _finish, ...r }) => r);
    return { leased: true, polled: reports, drafted };
  }

  /**
   * Reads the new items of every source fetched, a few at a time and one per source at a time, and
   * drafts them in one order fixed by the items themselves (first published first, then by address):
   * which source answered first, or which reader thread finished first, changes nothing in the drafts
   * a pass makes. Each article is drafted, in its own transaction, as soon as the articles before it
   * are, and its card goes out at once.
   */
  private async readAndDraft(polls: SourceFetch[], deadline: number, drafted: DraftRef[]): Promise<void> {
    const bySource = new Map(polls.map((p) => [p.sourceId, p]));
    const queue = polls
      .flatMap((poll) => poll.items.map((entry) => ({ item: { poll, entry }, source: poll.sourceId })))
      .sort((a, b) => publishedMs(a.item.entry) - publishedMs(b.item.entry) || compareKeys(a.item, b.item));
    // The queue holds the items now, and lets each go once it is drafted.
    for (const poll of polls) poll.items = [];
    const sources = new Map(await Promise.all(polls.map(async (p) => [p.sourceId, (await this.sources.get(p.sourceId))!] as const)));
    await readInOrder<{ poll: SourceFetch; entry: FeedEntry }, ProposedArticle | undefined>(queue, {
      concurrency: this.opts.concurrency,
      deadline,
      slowMs: this.limits.timeoutMs / 2,
      maxSlow: 2,
      read: ({ poll, entry }) => this.poller.readItem(sources.get(poll.sourceId)!, entry),
      deliver: async ({ poll, entry }, outcome) => {
        if (outcome.kind === 'unread') {
          bySource.get(poll.sourceId)!.unread++;
          return;
        }
        if (outcome.kind === 'failed') {
          // One item that cannot be read must not block its feed forever: remember it and go on.
          poll.itemErrors.push(`${entry.url ?? entry.key.guid}: ${describeFailure(outcome.error)}`.slice(0, 300));
          await this.poller.markSeen(poll.sourceId, entry.key);
          return;
        }
        if (!outcome.value) return;
        const d = await this.draftOne(poll, outcome.value);
        if (d) {
          drafted.push(refOf(d));
          this.core.metrics.draftsMade(1);
          await this.announceDrafts([d]);
        }
      },
    });
  }

  /** One article into the queue; the draft it made, if it made one. */
  private async draftOne(poll: SourceFetch, article: ProposedArticle): Promise<Draft | undefined> {
    let outcome: IngestOutcome;
    try {
      outcome = await this.pipeline.ingest(article);
    } catch (err) {
      poll.itemErrors.push(`${article.url ?? article.urlKey}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
      if (article.seen) await this.pipeline.markSeen(article.seen.sourceId, article.seen.item);
      return undefined;
    }
    if (outcome.kind === 'merged') poll.merged.push(refOf(outcome.draft));
    if (outcome.kind !== 'drafted') return undefined;
    poll.drafted.push(refOf(outcome.draft));
    return outcome.draft;
  }

  private async fetchOne(source: IntakeSource): Promise<SourceFetch | undefined> {
    if (this.busy.has(source.id)) return undefined;
    this.busy.add(source.id);
    try {
      const r = await this.poller.fetchItems(source);
      if (r.status === 'failed' || r.status === 'disabled')
        this.log?.warn({ source: source.id, url: source.url, error: r.error, status: r.status }, 'intake: source poll failed');
      return r;
    } catch (err) {
      this.log?.error({ err, source: source.id }, 'intake: source poll crashed');
      // Counted like a failed fetch, so a source that keeps breaking backs off and is finally stopped.
      const disabled = await this.sources.recordFailure(source.id, this.core.now(), describeFailure(err), this.opts.maxFailures);
      return {
        sourceId: source.id,
        name: source.name,
        status: disabled ? 'disabled' : 'failed',
        error: describeFailure(err),
        newItems: 0,
        drafted: [],
        merged: [],
        itemErrors: [],
        items: [],
        unread: 0,
        finish: async () => undefined,
      };
    }
  }

  /** A notice (once) for every source that stopped. */
  private async announceStopped(): Promise<void> {
    for (const s of await this.sources.untold()) {
      // Claimed before telling: at most one process, once, even if posting then fails.
      if (!(await this.sources.claimTelling(s.id))) continue;
      this.log?.warn({ source: s.id, url: s.url, reason: s.disabledReason }, 'intake: source disabled');
      await this.post(sourceDisabledNotice(s));
    }
  }

  /** Review cards for new drafts (none to build when there is no review channel to post them to). */
  private async announceDrafts(drafted: Draft[]): Promise<void> {
    if (!this.tell) return;
    for (const d of drafted) await this.post(await draftCard(this.core, d, { visibility: 'public' }));
  }

  private async post(reply: Reply): Promise<void> {
    if (!this.tell) return;
    try {
      await this.tell(reply);
    } catch (err) {
      this.log?.warn({ err }, 'intake: could not post to the review channel');
    }
  }

  /** Waits for a pass in progress (for a clean stop). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** `/event import <url>`: one article now, whatever its source, into a draft. */
  async importUrl(url: string, actor: string): Promise<IngestOutcome> {
    const urlKey = normalizeUrl(url);
    const known = await this.pipeline.known(urlKey);
    if (known) return { kind: 'duplicate', draft: known };
    const page = await fetchArticleHtml(url, this.limits);
    const { article } = await this.reader.read({ html: page.html, url: page.finalUrl });
    if (!article) return { kind: 'irrelevant' };
    return this.importArticle(article, { url, urlKey, actor });
  }

  /** An article already read (a file, a fetched page) into a draft. */
  async importArticle(
    article: ArticleText,
    opts: { url?: string; urlKey?: string; publisher?: string; actor: string },
  ): Promise<IngestOutcome> {
    const publisher =
      opts.publisher || article.siteName?.trim() || (opts.url ? new URL(opts.url).hostname.replace(/^www\./, '') : 'unknown');
    const input = { article, url: opts.url, urlKey: opts.urlKey, publisher, scope: { countries: [], blocs: [] }, actor: opts.actor };
    const outcome = await this.pipeline.ingest({ ...input, proposal: await this.pipeline.propose(input) });
    if (outcome.kind === 'drafted') {
      this.core.metrics.draftsMade(1);
      await this.announceDrafts([outcome.draft]);
    }
    return outcome;
  }
}

/** When the feed says the item was published: known before its page is read, so reads can be ordered. */
function publishedMs(e: FeedEntry): number {
  const t = e.feed.publishedAt ? Date.parse(e.feed.publishedAt) : Number.NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function compareKeys(a: { poll: SourceFetch; entry: FeedEntry }, b: { poll: SourceFetch; entry: FeedEntry }): number {
  const x = a.entry.key.urlKey ?? a.entry.key.guid ?? '';
  const y = b.entry.key.urlKey ?? b.entry.key.guid ?? '';
  return x < y ? -1 : x > y ? 1 : a.poll.sourceId - b.poll.sourceId;
}

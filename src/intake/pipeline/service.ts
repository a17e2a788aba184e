// News intake as the rest of the program sees it: poll passes over due sources (only in the process
// holding the intake lease), one-off polls and imports, and telling editors about new drafts and
// sources that stopped. Platform posting is injected (`tell`), so this file knows no chat platform.
import type { Core } from '../../core.ts';
import { Lease, leaseOwnerId } from '../../digest/lease.ts';
import type { Logger } from '../../log.ts';
import type { Reply } from '../../reply.ts';
import { draftCard, sourceDisabledNotice } from './card.ts';
import { DraftStore, type Draft } from './drafts.ts';
import { type ArticleReader, fetchArticleHtml, mapLimit, normalizeUrl, readInThread } from './parts.ts';
import { Pipeline, type IngestOutcome, type ProposedArticle } from './ingest.ts';
import { describeFailure } from './failure-text.ts';
import { SourcePoller, type SourcePoll, type SourceRead } from './poller.ts';
import { SourceStore, type IntakeSource } from './sources.ts';
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
  owner?: string;
  log?: Logger;
  /** Posts a card or notice to the editors' review channels; absent when none is configured. */
  tell?: (reply: Reply) => Promise<void>;
  /** Reads article pages: reader threads for polling (see startIntake); by default this thread. */
  reader?: ArticleReader;
  /**
   * How long a pass reads before it drafts what it has (ms; default four fetch timeouts, at least a
   * minute): a host that answers slowly item after item delays the pass's drafts by this much at most,
   * and its items left unread wait for the next pass.
   */
  readingMs?: number;
}

/** A draft as a pass reports it: its card has gone out, and the store holds the rest. */
export type DraftRef = Pick<Draft, 'id' | 'title'>;

/**
 * One source's poll as a pass reports it. A pass over hundreds of feeds makes thousands of drafts; it
 * keeps them by reference only, the store holds the rest.
 */
export interface SourceReport extends Omit<SourcePoll, 'drafted' | 'merged'> {
  drafted: DraftRef[];
  merged: DraftRef[];
}

export interface PassReport {
  /** False when another process holds the intake lease and nothing was done. */
  leased: boolean;
  polled: SourceReport[];
  drafted: DraftRef[];
}

export class IntakeService {
  readonly sources: SourceStore;
  readonly drafts: DraftStore;
  readonly pipeline: Pipeline;
  readonly lease: Lease;
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
    const readingMs = options.readingMs ?? Math.max(60_000, 4 * this.limits.timeoutMs);
    this.opts = { concurrency, maxFailures, intervalMs, leaseTtlMs, readingMs };
    this.sources = new SourceStore(core.db);
    this.drafts = new DraftStore(core.db, core.entities, core.events);
    this.pipeline = new Pipeline(core, this.drafts, this.sources);
    this.reader = options.reader ?? readInThread;
    this.poller = new SourcePoller(core, this.sources, this.pipeline, {
      reader: this.reader,
      limits: this.limits,
      maxFailures: this.opts.maxFailures,
      intervalMs: this.opts.intervalMs,
    });
    this.lease = new Lease(core.db, INTAKE_LEASE, options.owner ?? leaseOwnerId(), this.opts.leaseTtlMs, () => core.now());
    this.tell = options.tell;
    this.log = options.log;
  }

  /** One pass over the due sources (every enabled one with `force`, or just `sourceId`). */
  async pass(opts: { force?: boolean; sourceId?: number } = {}): Promise<PassReport> {
    if (!this.lease.acquire()) return { leased: false, polled: [], drafted: [] };
    this.passes++;
    const run = this.runPass(opts);
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = undefined;
      // The lease guards passes, not an idle process: once none runs here, another process may poll.
      if (--this.passes === 0) this.lease.release();
    }
  }

  private async runPass(opts: { force?: boolean; sourceId?: number }): Promise<PassReport> {
    this.pipeline.refresh();
    const now = this.core.now();
    const due =
      opts.sourceId !== undefined
        ? [this.sources.get(opts.sourceId)].filter((s): s is IntakeSource => Boolean(s))
        : this.sources.due(now, { force: opts.force });
    // Renewed while the pass runs; if it is ever lost (this process stalled past its expiry and another
    // took over), no further source is started here.
    let held = true;
    const renew = setInterval(() => {
      held &&= this.lease.acquire();
    }, this.opts.leaseTtlMs / 3);
    renew.unref();
    let polled: (SourceRead | undefined)[];
    const deadline = Date.now() + this.opts.readingMs;
    try {
      polled = await mapLimit(due, this.opts.concurrency, async (source: IntakeSource) =>
        held ? this.pollOne(source, deadline) : undefined,
      );
    } finally {
      clearInterval(renew);
    }
    const done = polled.filter((p): p is SourceRead => Boolean(p));
    const drafted = this.draftAll(done);
    for (const p of done) {
      this.core.metrics.intakePoll(p.status);
      p.finish();
    }
    if (drafted.length) this.core.metrics.draftsMade(drafted.length);
    await this.announceDrafts(drafted);
    await this.announceStopped();
    const reports = done.map(({ read: _read, finish: _finish, ...r }) => ({
      ...r,
      drafted: r.drafted.map(refOf),
      merged: r.merged.map(refOf),
    }));
    return { leased: true, polled: reports, drafted: drafted.map(refOf) };
  }

  /**
   * Drafts what every source of the pass read, in one order fixed by the articles themselves (first
   * published first, then by address): which source answered first, or which reader thread finished
   * first, changes nothing in the drafts a pass makes. Each article is its own transaction.
   */
  private draftAll(polls: SourceRead[]): Draft[] {
    const queue: { article: ProposedArticle; poll: SourceRead }[] = [];
    for (const poll of polls) for (const article of poll.read) queue.push({ article, poll });
    queue.sort(
      (a, b) => publishedMs(a.article) - publishedMs(b.article) || compareKeys(a.article, b.article) || a.poll.sourceId - b.poll.sourceId,
    );
    const drafted: Draft[] = [];
    for (const { article, poll } of queue) {
      let outcome: IngestOutcome;
      try {
        outcome = this.pipeline.ingest(article);
      } catch (err) {
        poll.itemErrors.push(`${article.url ?? article.urlKey}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
        if (article.seen) this.pipeline.markSeen(article.seen.sourceId, article.seen.item);
        continue;
      }
      if (outcome.kind === 'drafted') {
        poll.drafted.push(outcome.draft);
        drafted.push(outcome.draft);
      } else if (outcome.kind === 'merged') poll.merged.push(outcome.draft);
    }
    // A draft made early in the pass may have gathered further reports since: announce it as it is now.
    return drafted.map((d) => this.drafts.get(d.id) ?? d);
  }

  private async pollOne(source: IntakeSource, deadline: number): Promise<SourceRead | undefined> {
    if (this.busy.has(source.id)) return undefined;
    this.busy.add(source.id);
    return this.pollGuarded(source, deadline).finally(() => this.busy.delete(source.id));
  }

  private async pollGuarded(source: IntakeSource, deadline: number): Promise<SourceRead> {
    try {
      const r = await this.poller.poll(source, deadline);
      if (r.status === 'failed' || r.status === 'disabled')
        this.log?.warn({ source: source.id, url: source.url, error: r.error, status: r.status }, 'intake: source poll failed');
      if (r.itemErrors.length) this.log?.error({ source: source.id, errors: r.itemErrors }, 'intake: items skipped after an error');
      return r;
    } catch (err) {
      this.log?.error({ err, source: source.id }, 'intake: source poll crashed');
      // Counted like a failed fetch, so a source that keeps breaking backs off and is finally stopped.
      const disabled = this.sources.recordFailure(source.id, this.core.now(), describeFailure(err), this.opts.maxFailures);
      return {
        sourceId: source.id,
        name: source.name,
        status: disabled ? 'disabled' : 'failed',
        error: describeFailure(err),
        newItems: 0,
        drafted: [],
        merged: [],
        itemErrors: [],
        read: [],
        finish: () => undefined,
      };
    }
  }

  /** A notice (once) for every source that stopped. */
  private async announceStopped(): Promise<void> {
    for (const s of this.sources.untold()) {
      // Claimed before telling: at most one process, once, even if posting then fails.
      if (!this.sources.claimTelling(s.id)) continue;
      this.log?.warn({ source: s.id, url: s.url, reason: s.disabledReason }, 'intake: source disabled');
      await this.post(sourceDisabledNotice(s));
    }
  }

  /** Review cards for new drafts (none to build when there is no review channel to post them to). */
  private async announceDrafts(drafted: Draft[]): Promise<void> {
    if (!this.tell) return;
    for (const d of drafted) await this.post(draftCard(this.core, d, { visibility: 'public' }));
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
    const known = this.pipeline.known(urlKey);
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
    const outcome = this.pipeline.ingest({ ...input, proposal: await this.pipeline.propose(input) });
    if (outcome.kind === 'drafted') {
      this.core.metrics.draftsMade(1);
      await this.announceDrafts([outcome.draft]);
    }
    return outcome;
  }
}

const refOf = (d: Draft): DraftRef => ({ id: d.id, title: d.title });

function publishedMs(a: ProposedArticle): number {
  const at = a.article.publishedAt ?? a.feedPublishedAt;
  const t = at ? Date.parse(at) : Number.NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

function compareKeys(a: ProposedArticle, b: ProposedArticle): number {
  const x = a.urlKey ?? a.url ?? '';
  const y = b.urlKey ?? b.url ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

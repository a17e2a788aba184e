// One article into the review queue: propose a draft, then decide in one transaction whether it is
// new, the same article again, a further report of a pending draft (the same story, in any language),
// or a report of an event already published (a draft with event_id). The item is recorded as seen in
// the same transaction, so a crash either drafts it and remembers it, or does neither.
import type { Core } from '../../core.ts';
import { isoDay } from '../../domain/dates.ts';
import type { EventRecord } from '../../domain/event-record.ts';
import { storyTokensOf } from '../article/analyze.ts';
import { LINK_MODEL } from '../article/models.ts';
import { LINK_DAYS, mayTellEvent, pairScore, pairVector, type StoryView } from '../article/similarity.ts';
import type { LinkCandidate, ReportProposal } from './draft-aggregate.ts';
import type { Draft, DraftStore } from './drafts.ts';
import { articleReading, buildMatcher, type TrackedSnapshot } from './parts.ts';
import { StoryIndex, viewOf } from './story-index.ts';
import type { ItemKey, SourceStore } from '../../store/sources.ts';
import { AFTER_LEAD_DATE_REASON, type ArticleText, type DraftProposal, type TrackedEntity } from '../types.ts';

/** How long after a draft is made further reports of its story may join it. */
export const SAME_STORY_DAYS = 4;
/** Link candidates a report keeps: scores below this say the event is not the report's. */
const LINK_FLOOR = 0.05;
const LINK_CANDIDATES = 3;
const DAY_MS = 24 * 3600 * 1000;

export interface ArticleInput {
  article: ArticleText;
  /** The article's URL as the feed or the editor gave it; undefined for a pasted file. */
  url?: string;
  urlKey?: string;
  publisher: string;
  feedPublishedAt?: string;
  /** The feed's headline for the item. */
  feedTitle?: string;
  /** Only these countries and blocs count (a source's scope); empty: every tracked one. */
  scope: { countries: string[]; blocs: string[] };
  /** The feed and item this came from, recorded as seen with the outcome. */
  seen?: { sourceId: number; item: ItemKey };
  actor: string;
}

export interface ProposedArticle extends ArticleInput {
  /** What the reader proposed (see propose()); undefined: the article is not about the blocs. */
  proposal: DraftProposal | undefined;
}

export type IngestOutcome =
  | { kind: 'drafted'; draft: Draft }
  | { kind: 'merged'; draft: Draft }
  /** The article is already in a draft (same normalised URL), or another process handled the item. */
  | { kind: 'duplicate'; draft?: Draft }
  | { kind: 'irrelevant' };

type Matcher = ReturnType<typeof buildMatcher>;

/** Versions of the alias index, unique in the process: a reader thread keeps one matcher per version. */
let trackedVersions = 0;

export class Pipeline {
  private matcher: Matcher | undefined;
  private snapshot: TrackedSnapshot | undefined;
  private snapshotKey = '';
  private stale = false;
  private stories: StoryIndex | undefined;
  private readonly eventViews = new Map<number, { revision: number; view: StoryView }>();

  constructor(
    private readonly core: Core,
    private readonly drafts: DraftStore,
    private readonly sources: SourceStore,
  ) {}

  /** The alias index as the article reader wants it. */
  async tracked(): Promise<Matcher> {
    const snapshot = await this.trackedSnapshot();
    this.matcher ??= buildMatcher(snapshot.entities);
    return this.matcher;
  }

  /**
   * The alias index as data, for proposing on a reader thread. Read again after refresh(); only when
   * it changed (a seed or import added aliases) do the matcher, the story index and the threads'
   * matchers start over: a pass does not re-read every pending draft for nothing.
   */
  async trackedSnapshot(): Promise<TrackedSnapshot> {
    if (this.snapshot && !this.stale) return this.snapshot;
    const rows = await this.core.events.aliasIndex();
    const byId = new Map<string, TrackedEntity>();
    for (const r of rows) {
      const e = byId.get(r.id) ?? { id: r.id, kind: r.kind, name: r.name, aliases: [] };
      e.aliases.push(r.alias);
      byId.set(r.id, e);
    }
    this.stale = false;
    const entities = [...byId.values()];
    const key = JSON.stringify(entities);
    if (this.snapshot && key === this.snapshotKey) return this.snapshot;
    this.snapshot = { version: ++trackedVersions, entities };
    this.snapshotKey = key;
    this.matcher = undefined;
    this.stories = undefined;
    this.eventViews.clear();
    return this.snapshot;
  }

  /** The aliases may have changed (a pass begins, a seed or import ran): look again before next use. */
  refresh(): void {
    this.stale = true;
  }

  /** Reports of recent pending drafts by their tokens; built on first use. */
  private async storyIndex(): Promise<StoryIndex> {
    await this.tracked();
    this.stories ??= new StoryIndex(this.drafts, SAME_STORY_DAYS * DAY_MS);
    return this.stories;
  }

  /**
   * The draft proposal for an article, or undefined when it is not about the blocs within scope; on
   * this thread, for an article not read by a reader thread (an import).
   */
  async propose(input: ArticleInput): Promise<DraftProposal | undefined> {
    const { proposeDraft } = await articleReading();
    return proposeDraft({
      article: input.article,
      url: input.url ?? '',
      publisher: input.publisher,
      feedPublishedAt: input.feedPublishedAt,
      feedTitle: input.feedTitle,
      matcher: await this.tracked(),
      scope: input.scope,
      now: this.core.now(),
    });
  }

  /** The article is already drafted under this URL: no need to fetch it again. */
  async known(urlKey: string | undefined): Promise<Draft | undefined> {
    const hit = urlKey ? await this.drafts.withUrl(urlKey) : undefined;
    return hit ? this.drafts.get(hit.draftId) : undefined;
  }

  /** Records an item as seen without drafting it (an article that could not be stored). */
  async markSeen(sourceId: number, item: ItemKey): Promise<void> {
    await this.sources.markSeen(sourceId, item, this.core.now());
  }

  ingest(input: ProposedArticle): Promise<IngestOutcome> {
    const { proposal } = input;
    const now = this.core.now();
    return this.core.transaction(async (): Promise<IngestOutcome> => {
      if (input.seen && !(await this.sources.markSeen(input.seen.sourceId, input.seen.item, now))) return { kind: 'duplicate' };
      if (!proposal) return { kind: 'irrelevant' };
      const already = await this.known(input.urlKey);
      if (already) return { kind: 'duplicate', draft: already };
      const publishedAt = input.article.publishedAt ?? input.feedPublishedAt ?? null;
      const view = viewOf(reportProposal(proposal, []), proposal.language, publishedAt);
      const report = {
        url: input.url ?? null,
        urlKey: input.urlKey ?? null,
        publisher: input.publisher,
        publishedAt,
        lang: proposal.language,
        proposal: reportProposal(proposal, await this.linkCandidates(view)),
      };

      const twin = report.url && report.urlKey ? await this.pendingTwin(view, now) : undefined;
      if (twin !== undefined && report.url && report.urlKey) {
        // A draft already holding as many reports as it may: the story is covered, add nothing.
        if (!(await this.drafts.addReport(twin, { ...report, url: report.url, urlKey: report.urlKey }))) {
          return { kind: 'duplicate', draft: (await this.drafts.get(twin))! };
        }
        return { kind: 'merged', draft: (await this.drafts.get(twin))! };
      }
      const draft = await this.drafts.create({ sourceId: input.seen?.sourceId ?? null, createdBy: input.actor, report }, now);
      return { kind: 'drafted', draft };
    });
  }

  /** The pending draft whose reports tell this story best, made in the last SAME_STORY_DAYS. */
  private async pendingTwin(view: StoryView, now: Date): Promise<number | undefined> {
    const index = await this.storyIndex();
    for (const m of await index.matches(view, now)) {
      if (await this.drafts.isPending(m.draftId)) return m.draftId;
      index.drop(m.draftId);
    }
    return undefined;
  }

  /**
   * The published events this report may tell, found by what it is (its countries and blocs, date,
   * kind, concepts and names), not by words of an event's short title: every event within a day of the
   * report's date that shares an entity (mayTellEvent), scored by the link model. The draft decides from the
   * candidates of all its reports (draft-aggregate.ts).
   */
  private async linkCandidates(view: StoryView): Promise<LinkCandidate[]> {
    const day = Date.parse(`${view.date.length === 7 ? `${view.date}-01` : view.date}T00:00:00Z`);
    const from = isoDay(new Date(day - LINK_DAYS * DAY_MS));
    const to = isoDay(new Date(day + (view.date.length === 7 ? 31 : LINK_DAYS) * DAY_MS));
    const ids = new Set<number>();
    for (const c of view.entities) for (const id of await this.core.events.idsOverlapping(c, from, to)) ids.add(id);
    const scored: LinkCandidate[] = [];
    for (const id of [...ids].sort((a, b) => a - b)) {
      const e = await this.core.events.get(id);
      if (!e) continue;
      const ev = await this.eventView(e);
      if (!mayTellEvent(view, ev)) continue;
      const score = Math.round(pairScore(pairVector(view, ev), LINK_MODEL) * 1000) / 1000;
      if (score >= LINK_FLOOR) scored.push({ eventId: id, score });
    }
    return scored.sort((a, b) => b.score - a.score || a.eventId - b.eventId).slice(0, LINK_CANDIDATES);
  }

  private async eventView(e: EventRecord): Promise<StoryView> {
    const known = this.eventViews.get(e.id);
    if (known?.revision === e.revision) return known.view;
    const countries = e.countries.map((c) => c.id);
    const blocs = e.blocs.map((b) => b.id);
    const view: StoryView = {
      language: 'eng',
      date: e.date.text,
      precision: e.date.precision,
      entities: [...countries, ...blocs],
      countries,
      blocs,
      kind: e.kind,
      tokens: storyTokensOf(e.title, e.summary, await this.tracked()),
    };
    this.eventViews.set(e.id, { revision: e.revision, view });
    return view;
  }
}

/** What a report keeps of its proposal, with the published event it alone would link to. */
function reportProposal(p: DraftProposal, links: LinkCandidate[]): ReportProposal {
  return {
    title: p.title,
    summary: p.summary,
    date: p.date,
    precision: p.precision,
    dateReason: p.dateReason,
    dateFromText: !p.dateReason.startsWith('publication date') && !p.dateReason.startsWith('no date'),
    dateAfterLead: p.dateReason.includes(`, ${AFTER_LEAD_DATE_REASON}:`),
    kind: p.kind,
    countries: p.countries,
    ...(p.compared ? { compared: p.compared } : {}),
    blocs: p.blocs,
    matchedBecause: p.matchedBecause,
    relevance: p.relevance,
    tokens: p.features,
    links,
  };
}

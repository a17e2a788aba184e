// One article into the review queue: propose a draft, then decide in one transaction whether it is
// new, the same article again, the same story as a pending draft (a further source), or a further
// source of an event already published (a draft with event_id). The item is recorded as seen in the
// same transaction, so a crash either drafts it and remembers it, or does neither.
import type { Core } from '../../core.ts';
import { isoDay } from '../../domain/dates.ts';
import type { EventRecord } from '../../domain/event-record.ts';
import { inTransaction } from '../../store/db.ts';
import type { Draft, DraftSource, DraftStore } from './drafts.ts';
import { articleReading, buildMatcher, sameStory, type StoryKey, type TrackedSnapshot } from './parts.ts';
import { StoryIndex } from './story-index.ts';
import type { ItemKey, SourceStore } from './sources.ts';
import type { ArticleText, DraftProposal, TrackedEntity } from '../types.ts';

/** How far apart two reports of one story may be published. */
export const SAME_STORY_DAYS = 4;
/** How far a published event's date may be from an article's proposed date to be its story. */
const EVENT_WINDOW_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

export interface ArticleInput {
  article: ArticleText;
  /** The article's URL as the feed or the editor gave it; undefined for a pasted file. */
  url?: string;
  urlKey?: string;
  publisher: string;
  feedPublishedAt?: string;
  /** Only these countries and blocs count (a source's scope); empty: every tracked one. */
  scope: { countries: string[]; blocs: string[] };
  /** The feed and item this came from, recorded as seen with the outcome. */
  seen?: { sourceId: number; item: ItemKey };
  actor: string;
}

export interface ProposedArticle extends ArticleInput {
  /** What the reader proposed (see propose()); undefined: the article is about nothing tracked. */
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
  private readonly eventsNear;

  constructor(
    private readonly core: Core,
    private readonly drafts: DraftStore,
    private readonly sources: SourceStore,
  ) {
    this.eventsNear = core.db.prepare<[string, string, string], { event_id: number }>(
      `SELECT DISTINCT l.event_id FROM event_entities l JOIN events e ON e.id = l.event_id
       WHERE l.entity_id = ? AND l.occurred_start BETWEEN ? AND ? AND e.deleted_at IS NULL LIMIT 50`,
    );
  }

  /** The alias index as the article reader wants it. */
  tracked(): Matcher {
    const snapshot = this.trackedSnapshot();
    this.matcher ??= buildMatcher(snapshot.entities);
    return this.matcher;
  }

  /**
   * The alias index as data, for proposing on a reader thread. Read again after refresh(); only when
   * it changed (a seed or import added aliases) do the matcher, the story index and the threads'
   * matchers start over: a pass does not re-read every pending draft for nothing.
   */
  trackedSnapshot(): TrackedSnapshot {
    if (this.snapshot && !this.stale) return this.snapshot;
    const rows = this.core.db
      .prepare<[], { id: string; kind: 'country' | 'bloc'; name: string; alias: string }>(
        'SELECT e.id, e.kind, e.name, a.alias FROM entities e JOIN entity_aliases a ON a.entity_id = e.id ORDER BY e.id',
      )
      .all();
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
    return this.snapshot;
  }

  /** The aliases may have changed (a pass begins, a seed or import ran): look again before next use. */
  refresh(): void {
    this.stale = true;
  }

  /** Recent pending drafts by their words; built on first use, with the alias index of the moment. */
  private storyIndex(): StoryIndex {
    const matcher = this.tracked();
    this.stories ??= new StoryIndex(this.drafts, matcher, SAME_STORY_DAYS * DAY_MS);
    return this.stories;
  }

  /**
   * The draft proposal for an article, or undefined when it mentions nothing tracked within scope; on
   * this thread, for an article not read by a reader thread (an import).
   */
  async propose(input: ArticleInput): Promise<DraftProposal | undefined> {
    const { proposeDraft } = await articleReading();
    return proposeDraft({
      article: input.article,
      url: input.url ?? '',
      publisher: input.publisher,
      feedPublishedAt: input.feedPublishedAt,
      matcher: this.tracked(),
      scope: input.scope,
      now: this.core.now(),
    });
  }

  /** The article is already drafted under this URL: no need to fetch it again. */
  known(urlKey: string | undefined): Draft | undefined {
    const hit = urlKey ? this.drafts.withUrl(urlKey) : undefined;
    return hit ? this.drafts.get(hit.draftId) : undefined;
  }

  ingest(input: ProposedArticle): IngestOutcome {
    const { proposal } = input;
    const now = this.core.now();
    return inTransaction(this.core.db, (): IngestOutcome => {
      if (input.seen && !this.sources.markSeen(input.seen.sourceId, input.seen.item, now)) return { kind: 'duplicate' };
      if (!proposal) return { kind: 'irrelevant' };
      const already = this.known(input.urlKey);
      if (already) return { kind: 'duplicate', draft: already };
      const source: DraftSource | undefined =
        input.url && input.urlKey
          ? {
              url: input.url,
              urlKey: input.urlKey,
              publisher: input.publisher,
              publishedAt: input.feedPublishedAt ?? input.article.publishedAt ?? null,
            }
          : undefined;
      const story: StoryKey = {
        title: proposal.title,
        summary: proposal.summary,
        countries: proposal.countries,
        date: proposal.date,
      };

      const twin = source ? this.pendingTwin(story, now) : undefined;
      if (twin && source) {
        // A draft already holding as many sources as an event may: the story is covered, add nothing.
        if (!this.drafts.addSource(twin, source)) return { kind: 'duplicate', draft: this.drafts.get(twin)! };
        return { kind: 'merged', draft: this.drafts.get(twin)! };
      }

      const event = this.publishedTwin(proposal, story);
      const draft = this.drafts.create(
        {
          title: proposal.title,
          summary: proposal.summary,
          date: proposal.date,
          precision: proposal.precision,
          kind: proposal.kind,
          language: proposal.language,
          matchedBecause: proposal.matchedBecause,
          dateReason: proposal.dateReason,
          eventId: event?.id ?? null,
          sourceId: input.seen?.sourceId ?? null,
          countries: proposal.countries,
          blocs: proposal.blocs,
          source,
          createdBy: input.actor,
        },
        now,
      );
      return { kind: 'drafted', draft };
    });
  }

  /** The newest pending draft telling the same story, made in the last SAME_STORY_DAYS. */
  private pendingTwin(story: StoryKey, now: Date): number | undefined {
    const index = this.storyIndex();
    for (const d of index.sameStories({ ...story, words: index.wordsOf(story) }, now)) {
      if (!sharesCountry(d.countries, story.countries)) continue;
      if (this.drafts.isPending(d.id)) return d.id;
      index.drop(d.id);
    }
    return undefined;
  }

  /** A published event about the same story: shares a country, dated within a week, same story. */
  private publishedTwin(p: DraftProposal, story: StoryKey): EventRecord | undefined {
    const day = firstDay(p.date);
    const from = isoDay(new Date(day - EVENT_WINDOW_DAYS * DAY_MS));
    const to = isoDay(new Date(day + EVENT_WINDOW_DAYS * DAY_MS));
    const ids = new Set<number>();
    for (const c of p.countries) for (const r of this.eventsNear.all(c, from, to)) ids.add(r.event_id);
    for (const id of [...ids].sort((a, b) => b - a)) {
      const e = this.core.events.get(id);
      if (e && sameStory(story, eventStory(e), this.tracked())) return e;
    }
    return undefined;
  }
}

/** Midnight UTC of a partial date's first day, in milliseconds. */
const firstDay = (date: string): number =>
  Date.parse(`${date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date}T00:00:00Z`);

const sharesCountry = (a: readonly string[], b: readonly string[]) => a.some((c) => b.includes(c));

function eventStory(e: EventRecord) {
  return {
    title: e.title,
    summary: e.summary,
    countries: e.countries.map((c) => c.id),
    date: e.date.text,
  };
}

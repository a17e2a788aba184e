// The pending drafts an article may be a further report of, found without comparing it with every
// report of every pending draft. Each report of a recent pending draft is kept once, its story tokens
// as numbers with posting lists from token to report, so an article costs a walk over the reports that
// share its tokens. A draft is scored by the article's lowest score against its reports (complete
// link): an article joins a draft only when it is a report of the story every report of it tells, so
// one report that happens to resemble it cannot pull it into a draft whose other reports tell another
// story. (Measured on the corpus: at equal precision, complete link keeps more stories whole than the
// mean or the best score.)
//
// It follows the database, not the reverse: each lookup first loads the reports added since it last
// looked (by this process or another: `seq` grows with every report), and a draft it names is checked
// to be still pending before it is used, since review may have decided it meanwhile.
import type { StoryView } from '../article/similarity.ts';
import { currentTokenGeneration, type PreparedView, preparedScore, prepareView } from '../article/similarity.ts';
import { SAME_STORY_MODEL } from '../article/models.ts';
import type { PendingReport } from './drafts.ts';
import { calendarDate } from '../article/calendar-date.ts';
import { sameList } from '../article/token-sets.ts';
import type { ReportProposal } from './draft-aggregate.ts';

/** A pending draft as a lookup answers it. */
export interface DraftMatch {
  draftId: number;
  /** The article's lowest same-story score against the draft's reports. */
  score: number;
}

export interface ReportSource {
  /** Reports of pending drafts made at or after the instant, added after `seq`, in order of `seq`. */
  pendingReportsAfter(seq: number, createdSince: Date): Promise<PendingReport[]>;
}

/** A report sharing fewer tokens than this with an article is not weighed: it scores 0 (not the same story). */
export const MIN_SHARED_TOKENS = 3;
/**
 * A token more reports hold than this says nothing about which story an article is ("#2026" in every
 * report of the year, "c:statement" in most): it does not make candidates, or every lookup would walk
 * every report. Never fewer than COMMON_TOKEN_MIN reports, so a small index weighs every token.
 */
export const COMMON_TOKEN_MIN = 200;
const COMMON_TOKEN_SHARE = 0.02;
/** Reports let go whose slots linger in posting lists before the lists are rebuilt. */
const MAX_DEAD = 1024;

interface Entry {
  draftId: number;
  view: PreparedView;
  createdAt: number;
  tokens: Int32Array;
}

/** The view of a report the comparison reads. */
export function viewOf(p: ReportProposal, language: string, publishedAt?: string | null): StoryView {
  const compared = p.compared ?? p;
  return {
    ...(publishedAt ? { published: calendarDate(publishedAt) } : {}),
    language,
    date: p.date,
    precision: p.precision,
    // What the text names, as comparison reads it, not what the draft shows (ComparedEntities).
    entities: [...compared.countries, ...compared.blocs],
    countries: compared.countries,
    blocs: compared.blocs,
    kind: p.kind,
    tokens: p.tokens,
  };
}

/** Whether two views are the same in everything the comparison reads of them: then their preparations are equal. */
export function sameView(a: StoryView, b: StoryView): boolean {
  return (
    a.language === b.language &&
    a.date === b.date &&
    a.precision === b.precision &&
    a.published === b.published &&
    a.kind === b.kind &&
    sameList(a.entities, b.entities) &&
    sameList(a.countries, b.countries) &&
    sameList(a.blocs, b.blocs) &&
    sameList(a.tokens.stems, b.tokens.stems) &&
    sameList(a.tokens.universal, b.tokens.universal) &&
    sameList(a.tokens.headline, b.tokens.headline)
  );
}

export class StoryIndex {
  private slots: (Entry | undefined)[] = [];
  /**
   * The drafts held, numbered from 0 here, so that a lookup counts a draft's candidates in an array
   * rather than gathering them in a map of lists: an article has thousands of candidates on a busy pass.
   */
  private draftNumbers = new Map<number, number>();
  private draftIds: number[] = [];
  /** Live reports per draft number. */
  private draftLive: number[] = [];
  /** Slots per draft number, those let go included (their slotDraft is -1). */
  private draftSlots: number[][] = [];
  /** Per slot: its draft's number (-1 once let go) and when that draft was made. */
  private slotDraft = new Int32Array(256);
  private slotMade = new Float64Array(256);
  private readonly draftCounts = new SlotCounts();
  private vocabulary = new Map<string, number>();
  /** Token by its number here, to number the entries afresh when the lists are rebuilt. */
  private words: string[] = [];
  private postings: number[][] = [];
  private readonly counts = new SlotCounts();
  private lookups = 0;
  private oldest = 0;
  private lastSeq = 0;
  private lastNow = Number.NEGATIVE_INFINITY;
  /** The token table the entries were prepared with. */
  private generation = currentTokenGeneration();
  private dead = 0;
  /**
   * The last article looked up, prepared: when it is stored as a report, the next catch-up loads that
   * report back and takes this preparation instead of making it again (see sameView).
   */
  private lastArticle: PreparedView | undefined;
  private lastArticleView: StoryView | undefined;
  /** Reports that shared enough tokens with the last article looked up: what its lookup weighed. */
  candidates = 0;
  /** Reports loaded whose preparation was the article's own (a test checks it is used, and only when equal). */
  reused = 0;

  constructor(
    private readonly source: ReportSource,
    /** How long after it was made a draft can still take further reports. */
    private readonly windowMs: number,
    private readonly model = SAME_STORY_MODEL,
    /** See COMMON_TOKEN_MIN; a test comparing with the brute force sets it out of reach. */
    private readonly commonTokenMin = COMMON_TOKEN_MIN,
  ) {}

  /**
   * Pending drafts the story is a further report of, best first (ties to the older draft). Call inside
   * the transaction that will act on the answer, so that the reports loaded are the ones it sees.
   */
  async matches(view: StoryView, now: Date): Promise<DraftMatch[]> {
    await this.catchUp(now);
    const since = now.getTime() - this.windowMs;
    const lookup = this.nextLookup();
    const article = prepareView(view);
    this.lastArticle = article;
    this.lastArticleView = view;
    const candidates: number[] = [];
    const common = Math.max(this.commonTokenMin, COMMON_TOKEN_SHARE * this.size);
    for (const token of [...view.tokens.universal, ...view.tokens.stems]) {
      const n = this.vocabulary.get(token);
      if (n === undefined || this.postings[n]!.length > common) continue;
      for (const slot of this.postings[n]!) if (this.counts.increment(slot, lookup) === MIN_SHARED_TOKENS) candidates.push(slot);
    }
    // Complete link: a draft is weighed only when every one of its reports is a candidate (shares
    // enough tokens and may be the same story); only then are its reports scored, lowest first out.
    this.candidates = candidates.length;
    // A draft is complete once as many of its slots are candidates as it has live reports. (All the
    // reports of a draft carry its creation time, so the window keeps or drops them together.)
    const complete: number[] = [];
    for (const slot of candidates) {
      const d = this.slotDraft[slot]!;
      if (d < 0 || this.slotMade[slot]! < since) continue;
      if (this.draftCounts.increment(d, lookup) === this.draftLive[d]) complete.push(d);
    }
    const found: DraftMatch[] = [];
    for (const d of complete) {
      let lowest = 1;
      for (const slot of this.draftSlots[d]!) {
        if (this.slotDraft[slot] !== d) continue;
        lowest = Math.min(lowest, preparedScore(article, this.slots[slot]!.view, this.model));
        if (lowest < this.model.threshold) break;
      }
      if (lowest >= this.model.threshold) found.push({ draftId: this.draftIds[d]!, score: lowest });
    }
    return found.sort((a, b) => b.score - a.score || a.draftId - b.draftId);
  }

  /** A draft found decided after all: it is no one's twin any more. */
  drop(draftId: number): void {
    const d = this.draftNumbers.get(draftId);
    if (d === undefined || this.draftLive[d] === 0) return;
    for (const slot of this.draftSlots[d]!) this.letGo(slot);
    this.compact();
  }

  get size(): number {
    return this.slots.length - this.oldest - this.dead;
  }

  private nextLookup(): number {
    this.lookups = (this.lookups + 1) >>> 0;
    // After 2³² lookups the stamps could repeat: start them afresh.
    if (this.lookups === 0) {
      this.counts.reset();
      this.draftCounts.reset();
      this.lookups = 1;
    }
    return this.lookups;
  }

  private async catchUp(now: Date): Promise<void> {
    const t = now.getTime();
    // A clock set back (tests, a corrected host clock) may want reports already let go, and a token
    // table started over leaves the entries' numbers meaningless: start again from the database.
    if (t < this.lastNow || this.generation !== currentTokenGeneration()) this.clear();
    this.generation = currentTokenGeneration();
    this.lastNow = t;
    const since = t - this.windowMs;
    for (const r of await this.source.pendingReportsAfter(this.lastSeq, new Date(since))) {
      this.lastSeq = Math.max(this.lastSeq, r.seq);
      const view = viewOf(r.proposal, r.lang, r.publishedAt);
      const tokens = Int32Array.from(new Set([...view.tokens.universal, ...view.tokens.stems]), (t) => this.numberOf(t));
      this.place({ draftId: r.draftId, view: this.prepared(view), createdAt: Date.parse(r.draftCreatedAt), tokens });
    }
    for (; this.oldest < this.slots.length; this.oldest++) {
      const e = this.slots[this.oldest];
      if (e && e.createdAt >= since) break;
      if (e) this.letGo(this.oldest);
    }
    this.compact();
  }

  /** The report's preparation: the last article's when the report is that article (equal views), else made here. */
  private prepared(view: StoryView): PreparedView {
    const last = this.lastArticle;
    if (last && last.generation === currentTokenGeneration() && this.lastArticleView && sameView(view, this.lastArticleView)) {
      this.lastArticle = undefined;
      this.lastArticleView = undefined;
      this.reused++;
      return last;
    }
    return prepareView(view);
  }

  private numberOf(token: string): number {
    let n = this.vocabulary.get(token);
    if (n === undefined) {
      n = this.postings.length;
      this.vocabulary.set(token, n);
      this.words.push(token);
      this.postings.push([]);
    }
    return n;
  }

  private place(e: Entry): void {
    const slot = this.slots.length;
    this.slots.push(e);
    for (const n of e.tokens) this.postings[n]!.push(slot);
    let d = this.draftNumbers.get(e.draftId);
    if (d === undefined) {
      d = this.draftIds.length;
      this.draftNumbers.set(e.draftId, d);
      this.draftIds.push(e.draftId);
      this.draftLive.push(0);
      this.draftSlots.push([]);
      this.draftCounts.fit(d);
    }
    this.draftLive[d]!++;
    this.draftSlots[d]!.push(slot);
    this.counts.fit(slot);
    if (slot >= this.slotDraft.length) {
      this.slotDraft = grown(this.slotDraft, new Int32Array(this.slotDraft.length * 2));
      this.slotMade = grown(this.slotMade, new Float64Array(this.slotMade.length * 2));
    }
    this.slotDraft[slot] = d;
    this.slotMade[slot] = e.createdAt;
  }

  private letGo(slot: number): void {
    const e = this.slots[slot];
    if (!e) return;
    this.slots[slot] = undefined;
    this.draftLive[this.slotDraft[slot]!]!--;
    this.slotDraft[slot] = -1;
    this.dead++;
  }

  /** Posting lists keep the slots let go until they outnumber the live ones; then all is rebuilt. */
  private compact(): void {
    const live = this.slots.length - this.oldest - this.dead;
    if (this.dead <= MAX_DEAD || this.dead <= live) return;
    const entries = this.slots.filter((e): e is Entry => e !== undefined);
    const oldWords = this.words;
    const lastSeq = this.lastSeq;
    this.clear();
    this.lastSeq = lastSeq;
    for (const e of entries) this.place({ ...e, tokens: e.tokens.map((n) => this.numberOf(oldWords[n]!)) });
  }

  private clear(): void {
    this.slots = [];
    this.draftNumbers = new Map();
    this.draftIds = [];
    this.draftLive = [];
    this.draftSlots = [];
    this.vocabulary = new Map();
    this.words = [];
    this.postings = [];
    this.oldest = 0;
    this.lastSeq = 0;
    this.dead = 0;
  }
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * A count per slot that starts at zero in every lookup without being cleared: each count carries the
 * number of the lookup that wrote it, and one from an earlier lookup reads as zero.
 */
class SlotCounts {
  private counts = new Uint16Array(256);
  private stamps = new Uint32Array(256);

  /** The count after adding one. */
  increment(slot: number, lookup: number): number {
    const count = this.stamps[slot] === lookup ? this.counts[slot]! + 1 : 1;
    this.counts[slot] = count;
    this.stamps[slot] = lookup;
    return count;
  }

  /** Room for `slot`. */
  fit(slot: number): void {
    if (slot < this.counts.length) return;
    const counts = new Uint16Array(this.counts.length * 2);
    const stamps = new Uint32Array(this.stamps.length * 2);
    counts.set(this.counts);
    stamps.set(this.stamps);
    this.counts = counts;
    this.stamps = stamps;
  }

  reset(): void {
    this.stamps.fill(0);
  }
}

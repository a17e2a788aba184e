// The pending drafts an article may be a further report of, found without reading them all. Every
// article read is compared with every pending draft made in the last days: after a busy pass that is
// thousands, and loading and re-tokenising them for each article cost more than reading the article.
// The index keeps each recent pending draft's words, once, with posting lists from word to draft, so
// one article costs a walk over the drafts that share its words. It answers exactly what comparing
// the article with every draft would (sameStory's countries, dates and word overlap).
//
// It follows the database, not the reverse: each lookup first loads the pending drafts made since it
// last looked (by this process or another), and a candidate is checked to be still pending before it
// is used, since review may have decided it meanwhile. Drafts never change their words once made.
import type { Matcher } from '../article/matcher.ts';
import {
  leastSharedWords,
  mayBeSameStory,
  SAME_STORY_THRESHOLD,
  type StoryKey,
  type StoryWords,
  similarityOf,
  storyWords,
} from '../article/same-story.ts';
import type { PendingStory } from './drafts.ts';

/** A pending draft as a lookup answers it. */
export interface StoryMatch {
  id: number;
  countries: string[];
  date: string;
}

/**
 * What the index keeps of a draft: its words as numbers (thousands of drafts each hold dozens of
 * words; as numbers they cost four bytes each, as strings and sets tens), not its text.
 */
interface Entry extends StoryMatch {
  createdAt: number;
  all: Int32Array;
  title: Int32Array;
}

export interface StorySource {
  /** Pending drafts with a larger id, made at or after the instant, oldest first. */
  pendingStoriesAfter(afterId: number, createdSince: Date): PendingStory[];
}

/** Drafts let go whose slots linger in posting lists before the lists are rebuilt. */
const MAX_DEAD = 1024;

export class StoryIndex {
  /**
   * Drafts by slot, a number given in order of arrival (so in id and, nearly, creation order): posting
   * lists and the per-lookup counters are plain arrays indexed by it, as every lookup visits each
   * draft sharing a word, thousands after a busy pass. A draft let go leaves an empty slot.
   */
  private slots: (Entry | undefined)[] = [];
  private readonly slotOf = new Map<number, number>();
  /** Word → number, and back; posting lists by word number. */
  private vocabulary = new Map<string, number>();
  private words: string[] = [];
  private allPostings: number[][] = [];
  private titlePostings: number[][] = [];
  /** Shared words per slot in the current lookup: all words, headline words. */
  private readonly allCounts = new SlotCounts();
  private readonly titleCounts = new SlotCounts();
  private lookups = 0;
  /** Slots before this one are all empty: the oldest draft still held is at or after it. */
  private oldest = 0;
  private lastId = 0;
  private lastNow = Number.NEGATIVE_INFINITY;
  private dead = 0;

  constructor(
    private readonly source: StorySource,
    private readonly matcher: Matcher,
    /** How long after it was made a draft can still take further reports. */
    private readonly windowMs: number,
    private readonly maxDead = MAX_DEAD,
  ) {}

  /**
   * Pending drafts that are the same story as `story`, newest first. Call inside the transaction that
   * will act on the answer, so that the drafts loaded are the ones it sees.
   */
  sameStories(story: StoryKey & { words: StoryWords }, now: Date): StoryMatch[] {
    this.catchUp(now);
    const since = now.getTime() - this.windowMs;
    const { all, title } = story.words;
    // Most drafts share a word or two with any article; only those sharing enough to reach the
    // threshold whatever their size are weighed.
    const least = leastSharedWords(title.size, all.size);
    const lookup = this.nextLookup();
    const candidates: number[] = [];
    this.countShared(all, this.allPostings, this.allCounts, lookup, least.all, candidates);
    // A headline's words are among its story's, but names masked across the join of headline and
    // summary may differ: a draft sharing enough headline words is weighed too (once).
    const allCounts = this.allCounts;
    this.countShared(
      title,
      this.titlePostings,
      this.titleCounts,
      lookup,
      least.title,
      candidates,
      (slot) => allCounts.of(slot, lookup) >= least.all,
    );
    const found: StoryMatch[] = [];
    for (const slot of candidates) {
      const e = this.slots[slot];
      if (!e || e.createdAt < since) continue;
      // The word overlap first: it is arithmetic on counts, and rules out most candidates.
      const similarity = similarityOf(
        title.size,
        e.title.length,
        this.titleCounts.of(slot, lookup),
        all.size,
        e.all.length,
        allCounts.of(slot, lookup),
      );
      if (similarity >= SAME_STORY_THRESHOLD && mayBeSameStory(story, e)) found.push({ id: e.id, countries: e.countries, date: e.date });
    }
    return found.sort((a, b) => b.id - a.id);
  }

  /**
   * Counts, per draft, how many of `words` it shares; a draft whose count reaches `least` joins
   * `candidates`, unless `already` says it has joined.
   */
  private countShared(
    words: ReadonlySet<string>,
    postings: number[][],
    counts: SlotCounts,
    lookup: number,
    least: number,
    candidates: number[],
    already?: (slot: number) => boolean,
  ): void {
    for (const w of words) {
      const n = this.vocabulary.get(w);
      if (n === undefined) continue;
      for (const slot of postings[n]!) {
        if (counts.increment(slot, lookup) === least && !already?.(slot)) candidates.push(slot);
      }
    }
  }

  private nextLookup(): number {
    this.lookups = (this.lookups + 1) >>> 0;
    // After 2³² lookups the stamps could repeat: start them afresh.
    if (this.lookups === 0) {
      this.allCounts.reset();
      this.titleCounts.reset();
      this.lookups = 1;
    }
    return this.lookups;
  }

  /** Words of a story as the index compares them (the same alias index masks names on both sides). */
  wordsOf(story: { title: string; summary: string }): StoryWords {
    return storyWords(story, this.matcher);
  }

  /** A draft found decided after all: it is no one's twin any more. */
  drop(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.letGo(slot);
    this.compact();
  }

  get size(): number {
    return this.slotOf.size;
  }

  private catchUp(now: Date): void {
    const t = now.getTime();
    // A clock set back (tests, a corrected host clock) may want drafts already let go: start again.
    if (t < this.lastNow) this.clear();
    this.lastNow = t;
    const since = t - this.windowMs;
    for (const story of this.source.pendingStoriesAfter(this.lastId, new Date(since))) this.add(story);
    for (; this.oldest < this.slots.length; this.oldest++) {
      const e = this.slots[this.oldest];
      if (e && e.createdAt >= since) break;
      if (e) this.letGo(this.oldest);
    }
    this.compact();
  }

  private add(story: PendingStory): void {
    this.lastId = Math.max(this.lastId, story.id);
    const words = this.wordsOf(story);
    const entry: Entry = {
      id: story.id,
      countries: story.countries,
      date: story.date,
      createdAt: Date.parse(story.createdAt),
      all: Int32Array.from(words.all, (w) => this.numberOf(w)),
      title: Int32Array.from(words.title, (w) => this.numberOf(w)),
    };
    this.place(entry);
  }

  private numberOf(word: string): number {
    let n = this.vocabulary.get(word);
    if (n === undefined) {
      n = this.words.length;
      this.vocabulary.set(word, n);
      this.words.push(word);
      this.allPostings.push([]);
      this.titlePostings.push([]);
    }
    return n;
  }

  private place(e: Entry): void {
    const slot = this.slots.length;
    this.slots.push(e);
    this.slotOf.set(e.id, slot);
    for (const n of e.all) this.allPostings[n]!.push(slot);
    for (const n of e.title) this.titlePostings[n]!.push(slot);
    this.allCounts.fit(slot);
    this.titleCounts.fit(slot);
  }

  private letGo(slot: number): void {
    const e = this.slots[slot];
    if (!e) return;
    this.slots[slot] = undefined;
    this.slotOf.delete(e.id);
    this.dead++;
  }

  /**
   * Posting lists keep the slots let go until there are more of them than of live ones; then the
   * lists, and the vocabulary (words no live draft uses are forgotten), are built again.
   */
  private compact(): void {
    if (this.dead <= this.maxDead || this.dead <= this.slotOf.size) return;
    const live = this.slots.filter((e): e is Entry => e !== undefined);
    const oldWords = this.words;
    const lastId = this.lastId;
    this.clear();
    this.lastId = lastId;
    for (const e of live) {
      e.all = e.all.map((n) => this.numberOf(oldWords[n]!));
      e.title = e.title.map((n) => this.numberOf(oldWords[n]!));
      this.place(e);
    }
  }

  private clear(): void {
    this.slots = [];
    this.slotOf.clear();
    this.vocabulary = new Map();
    this.words = [];
    this.allPostings = [];
    this.titlePostings = [];
    this.oldest = 0;
    this.lastId = 0;
    this.dead = 0;
  }
}

/**
 * A count per slot that starts at zero in every lookup without being cleared: each count carries the
 * number of the lookup that wrote it, and one from an earlier lookup reads as zero. Clearing the
 * counts a lookup touched would cost another walk over thousands of slots.
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

  of(slot: number, lookup: number): number {
    return this.stamps[slot] === lookup ? this.counts[slot]! : 0;
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

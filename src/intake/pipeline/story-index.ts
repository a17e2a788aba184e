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
import { mayBeSameStory, SAME_STORY_THRESHOLD, type StoryKey, type StoryWords, similarityOf, storyWords } from '../article/same-story.ts';
import type { PendingStory } from './drafts.ts';

interface Entry {
  story: PendingStory;
  createdAt: number;
  words: StoryWords;
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
  private allPostings = new Map<string, number[]>();
  private titlePostings = new Map<string, number[]>();
  private sharedAll: Uint16Array = new Uint16Array(256);
  private sharedTitle: Uint16Array = new Uint16Array(256);
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
  ) {}

  /**
   * Pending drafts that are the same story as `story`, newest first. Call inside the transaction that
   * will act on the answer, so that the drafts loaded are the ones it sees.
   */
  sameStories(story: StoryKey & { words: StoryWords }, now: Date): PendingStory[] {
    this.catchUp(now);
    const since = now.getTime() - this.windowMs;
    const { all, title } = story.words;
    const touched: number[] = [];
    const allCounts = this.sharedAll;
    const titleCounts = this.sharedTitle;
    for (const w of all) {
      for (const slot of this.allPostings.get(w) ?? []) {
        const n = allCounts[slot]!;
        allCounts[slot] = n + 1;
        if (n === 0) touched.push(slot);
      }
    }
    for (const w of title) {
      for (const slot of this.titlePostings.get(w) ?? []) {
        const n = titleCounts[slot]!;
        titleCounts[slot] = n + 1;
        // A headline's words are among its story's, but names masked across the join of headline
        // and summary may differ: a headline-only overlap is still weighed.
        if (n === 0 && allCounts[slot] === 0) touched.push(slot);
      }
    }
    const found: PendingStory[] = [];
    for (const slot of touched) {
      const e = this.slots[slot];
      const sharedAll = allCounts[slot]!;
      const sharedTitle = titleCounts[slot]!;
      allCounts[slot] = 0;
      titleCounts[slot] = 0;
      if (!e || e.createdAt < since) continue;
      // The word overlap first: it is arithmetic on counts, and rules out nearly every draft.
      const similarity = similarityOf({
        titleSizes: [title.size, e.words.title.size],
        allSizes: [all.size, e.words.all.size],
        sharedTitle,
        sharedAll,
      });
      if (similarity >= SAME_STORY_THRESHOLD && mayBeSameStory(story, e.story)) found.push(e.story);
    }
    return found.sort((a, b) => b.id - a.id);
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
    const slot = this.slots.length;
    this.slots.push({ story, createdAt: Date.parse(story.createdAt), words });
    this.slotOf.set(story.id, slot);
    post(this.allPostings, words.all, slot);
    post(this.titlePostings, words.title, slot);
    if (slot >= this.sharedAll.length) {
      this.sharedAll = grown(this.sharedAll);
      this.sharedTitle = grown(this.sharedTitle);
    }
  }

  private letGo(slot: number): void {
    const e = this.slots[slot];
    if (!e) return;
    this.slots[slot] = undefined;
    this.slotOf.delete(e.story.id);
    this.dead++;
  }

  /** Posting lists keep the slots let go until there are more of them than of live ones. */
  private compact(): void {
    if (this.dead <= MAX_DEAD || this.dead <= this.slotOf.size) return;
    const live = this.slots.filter((e): e is Entry => e !== undefined);
    const lastId = this.lastId;
    this.clear();
    this.lastId = lastId;
    for (const e of live) {
      const slot = this.slots.length;
      this.slots.push(e);
      this.slotOf.set(e.story.id, slot);
      post(this.allPostings, e.words.all, slot);
      post(this.titlePostings, e.words.title, slot);
    }
  }

  private clear(): void {
    this.slots = [];
    this.slotOf.clear();
    this.allPostings = new Map();
    this.titlePostings = new Map();
    this.oldest = 0;
    this.lastId = 0;
    this.dead = 0;
  }
}

function post(postings: Map<string, number[]>, words: ReadonlySet<string>, slot: number): void {
  for (const w of words) {
    const list = postings.get(w);
    if (list) list.push(slot);
    else postings.set(w, [slot]);
  }
}

function grown(counts: Uint16Array): Uint16Array {
  const more = new Uint16Array(counts.length * 2);
  more.set(counts);
  return more;
}

// The story index must answer exactly what comparing an article with every recent pending draft
// answers (sameStory), while reading each draft's words once: checked against that brute force on
// stories built to overlap in every way (shared and unshared countries, near and far dates, headlines
// alike and not), and on the ways drafts leave it: decided, aged out, a clock set back.
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../src/dataset/entities.ts';
import { buildMatcher, sameStory, trackedEntitiesFrom } from '../../src/intake/article/index.ts';
import type { PendingStory } from '../../src/intake/pipeline/drafts.ts';
import { StoryIndex, type StorySource } from '../../src/intake/pipeline/story-index.ts';
import { intakeWorld } from './setup.ts';

const matcher = buildMatcher(trackedEntitiesFrom(ENTITIES));
const DAY = 86_400_000;
const WINDOW = 4 * DAY;

/** A deterministic PRNG (mulberry32), so a failure names a reproducible case. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'charter signed partnership security troops summit minister border treaty talks withdraw exercise drills ceasefire sanctions pipeline gas loan election protest envoy recall visit defence deal howitzers membership bid parliament'.split(
    ' ',
  );
const COUNTRIES = ['armenia', 'russia', 'belarus', 'united-states', 'france', 'kazakhstan'];

function story(r: () => number, id: number, createdAt: number): PendingStory {
  const pick = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!);
  const countries = [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => COUNTRIES[Math.floor(r() * 4)]!))];
  const day = new Date(Date.UTC(2026, 10, 1) + Math.floor(r() * 8) * DAY).toISOString().slice(0, 10);
  return {
    id,
    title: `Armenia ${pick(2 + Math.floor(r() * 4)).join(' ')}`,
    summary: `${pick(4 + Math.floor(r() * 8)).join(' ')}, the CSTO said. ${pick(3).join(' ')}.`,
    date: r() < 0.1 ? day.slice(0, 7) : day,
    countries,
    blocs: [],
    createdAt: new Date(createdAt).toISOString(),
  };
}

/** Drafts as the database would give them, with their status. */
class Drafts implements StorySource {
  readonly all: PendingStory[] = [];
  readonly decided = new Set<number>();
  pendingStoriesAfter(afterId: number, since: Date): PendingStory[] {
    return this.all.filter((d) => d.id > afterId && !this.decided.has(d.id) && Date.parse(d.createdAt) >= since.getTime());
  }
  /** What the pipeline compared before the index: every pending draft of the window, one by one. */
  bruteForce(q: PendingStory, now: number): number[] {
    return this.all
      .filter((d) => !this.decided.has(d.id) && Date.parse(d.createdAt) >= now - WINDOW && sameStory(q, d, matcher))
      .map((d) => d.id)
      .sort((a, b) => b - a);
  }
}

const lookup = (index: StoryIndex, q: PendingStory, now: number) =>
  index.sameStories({ ...q, words: index.wordsOf(q) }, new Date(now)).map((d) => d.id);

describe('StoryIndex', () => {
  it('finds exactly the drafts sameStory finds, newest first, as drafts arrive, age and get decided', () => {
    const r = rng(7);
    const drafts = new Drafts();
    // Posting lists and the vocabulary are rebuilt after every 40 drafts let go, not every 1,024.
    const index = new StoryIndex(drafts, matcher, WINDOW, 40);
    let now = Date.UTC(2026, 10, 1);
    let matches = 0;
    for (let id = 1; id <= 800; id++) {
      now += Math.floor(r() * 1_800_000); // a draft every quarter of an hour on average: ~380 in a window
      const q = story(r, id, now);
      const expected = drafts.bruteForce(q, now);
      // As the pipeline does: a draft decided meanwhile is checked, skipped and let go.
      const found = lookup(index, q, now).filter((d) => {
        if (drafts.decided.has(d)) index.drop(d);
        return !drafts.decided.has(d);
      });
      expect(found, `article ${id}`).toEqual(expected);
      matches += expected.length;
      drafts.all.push(q);
      if (r() < 0.05) drafts.decided.add(1 + Math.floor(r() * id)); // review decided an earlier draft
    }
    // The case must exercise matches, and the window must have let drafts go.
    expect(matches).toBeGreaterThan(100);
    expect(index.size).toBeLessThan(500);
  });

  it('lets a decided draft go when told, and reloads everything when the clock goes back', () => {
    const r = rng(11);
    const drafts = new Drafts();
    const index = new StoryIndex(drafts, matcher, WINDOW);
    const t0 = Date.UTC(2026, 10, 1);
    const first = story(r, 1, t0);
    drafts.all.push(first);
    expect(lookup(index, { ...first, id: 2 }, t0 + DAY)).toEqual([1]);
    // Five days on it has aged out…
    expect(lookup(index, { ...first, id: 2 }, t0 + 5 * DAY)).toEqual([]);
    // …but a clock set back to within its window finds it again.
    expect(lookup(index, { ...first, id: 2 }, t0 + 2 * DAY)).toEqual([1]);
    drafts.decided.add(1);
    index.drop(1);
    expect(lookup(index, { ...first, id: 2 }, t0 + 2 * DAY)).toEqual([]);
  });
});

describe('the pipeline keeps its alias index and story index across passes', () => {
  it('reads the aliases again after refresh(), and starts over only when they changed', async () => {
    const w = await intakeWorld();
    try {
      const pipeline = w.intake.pipeline;
      const first = pipeline.trackedSnapshot();
      pipeline.refresh(); // as every pass begins
      expect(pipeline.trackedSnapshot()).toBe(first);
      w.core.db
        .prepare(
          "INSERT INTO entity_aliases (alias, entity_id, display) VALUES ('hayastanyan hanrapetutyun', 'armenia', 'Hayastanyan Hanrapetutyun')",
        )
        .run();
      pipeline.refresh();
      const changed = pipeline.trackedSnapshot();
      expect(changed.version).toBeGreaterThan(first.version);
      expect(changed.entities.find((e) => e.id === 'armenia')?.aliases).toContain('hayastanyan hanrapetutyun');
      expect(pipeline.tracked().resolve('hayastanyan hanrapetutyun')?.id).toBe('armenia');
    } finally {
      await w.cleanup();
    }
  });
});

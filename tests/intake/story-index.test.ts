// The story index must answer exactly what comparing an article with every report of every recent
// pending draft answers (complete link: the lowest same-story score over a draft's reports, a report
// sharing fewer than MIN_SHARED_TOKENS tokens scoring 0), while reading each report once:
// checked against that brute force on reports built to overlap in every way (shared and unshared
// countries, near and far dates, tokens alike and not), and on the ways drafts leave it: decided, aged
// out, a clock set back.
import { describe, expect, it } from 'vitest';
import { SAME_STORY_MODEL } from '../../src/intake/article/models.ts';
import { mayBeOneStory, pairScore, pairVector, sharedCount } from '../../src/intake/article/similarity.ts';
import type { ReportProposal } from '../../src/intake/pipeline/draft-aggregate.ts';
import type { PendingReport } from '../../src/intake/pipeline/drafts.ts';
import { MIN_SHARED_TOKENS, type ReportSource, StoryIndex, viewOf } from '../../src/intake/pipeline/story-index.ts';
import { intakeWorld } from './setup.ts';

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

const UNIVERSAL = 'c:sign c:charter c:summit c:leave c:freeze c:exercise c:treaty n:pshn n:ptn n:lkshnk #2024 #12'.split(' ');
const STEMS = 'charter sign partnership secur troop summit border talk withdraw drill ceasefir sanction envoy recal visit'.split(' ');
const COUNTRIES = ['armenia', 'russia', 'belarus', 'united-states'];

function proposal(r: () => number): ReportProposal {
  const pick = (pool: string[], n: number) => [...new Set(Array.from({ length: n }, () => pool[Math.floor(r() * pool.length)]!))].sort();
  const day = new Date(Date.UTC(2026, 10, 1) + Math.floor(r() * 8) * DAY).toISOString().slice(0, 10);
  const month = r() < 0.1;
  const universal = pick(UNIVERSAL, 2 + Math.floor(r() * 5));
  return {
    title: 't',
    summary: 's',
    date: month ? day.slice(0, 7) : day,
    precision: month ? 'month' : 'day',
    dateReason: 'publication date',
    dateFromText: false,
    kind: r() < 0.5 ? 'diplomatic' : 'statement',
    countries: pick(COUNTRIES, 1 + Math.floor(r() * 2)),
    blocs: r() < 0.5 ? ['csto'] : [],
    matchedBecause: '',
    relevance: '',
    tokens: { universal, stems: pick(STEMS, 2 + Math.floor(r() * 6)), headline: universal.slice(0, 2) },
    links: [],
  };
}

/** Reports as the database would give them, with their drafts' status. */
class Reports implements ReportSource {
  readonly all: PendingReport[] = [];
  readonly decided = new Set<number>();
  /** A report stored into a draft, as the pipeline stores it: with the draft's creation time, the next seq. */
  add(draftId: number, proposal: ReportProposal, now: number): void {
    const createdAt = this.all.find((x) => x.draftId === draftId)?.draftCreatedAt ?? new Date(now).toISOString();
    this.all.push({ draftId, seq: this.all.length + 1, lang: 'eng', proposal, publishedAt: null, draftCreatedAt: createdAt });
  }
  async pendingReportsAfter(seq: number, since: Date): Promise<PendingReport[]> {
    return this.all.filter((x) => x.seq > seq && !this.decided.has(x.draftId) && Date.parse(x.draftCreatedAt) >= since.getTime());
  }
  /** Every pending draft of the window, every report of it compared with the article. */
  bruteForce(q: ReportProposal, now: number): number[] {
    const v = viewOf(q, 'eng');
    const byDraft = new Map<number, number[]>();
    for (const x of this.all) {
      if (this.decided.has(x.draftId) || Date.parse(x.draftCreatedAt) < now - WINDOW) continue;
      const w = viewOf(x.proposal, x.lang);
      const shared = sharedCount([...v.tokens.universal, ...v.tokens.stems].sort(), [...w.tokens.universal, ...w.tokens.stems].sort());
      const score = shared >= MIN_SHARED_TOKENS && mayBeOneStory(v, w) ? pairScore(pairVector(v, w), SAME_STORY_MODEL) : 0;
      byDraft.set(x.draftId, [...(byDraft.get(x.draftId) ?? []), score]);
    }
    return [...byDraft.entries()]
      .map(([id, scores]) => ({ id, lowest: Math.min(...scores) }))
      .filter((d) => d.lowest >= SAME_STORY_MODEL.threshold)
      .sort((a, b) => b.lowest - a.lowest || a.id - b.id)
      .map((d) => d.id);
  }
}

const lookup = async (index: StoryIndex, q: ReportProposal, now: number) =>
  (await index.matches(viewOf(q, 'eng'), new Date(now))).map((d) => d.draftId);

describe('StoryIndex', () => {
  it('finds exactly the drafts the brute force finds, best first, as reports arrive, age and get decided', async () => {
    const r = rng(7);
    const reports = new Reports();
    // Every token counts here, however common: what the brute force compares.
    const index = new StoryIndex(reports, WINDOW, SAME_STORY_MODEL, Number.POSITIVE_INFINITY);
    let now = Date.UTC(2026, 10, 1);
    let matches = 0;
    let joined = 0;
    let drafts = 0;
    for (let n = 1; n <= 600; n++) {
      now += Math.floor(r() * 1_800_000); // a report every quarter of an hour on average: ~380 in a window
      const q = proposal(r);
      const expected = reports.bruteForce(q, now);
      // As the pipeline does: a draft decided meanwhile is checked, skipped and let go.
      const found = (await lookup(index, q, now)).filter((d) => {
        if (reports.decided.has(d)) index.drop(d);
        return !reports.decided.has(d);
      });
      expect(found, `report ${n}`).toEqual(expected);
      matches += expected.length;
      // The article joins the best draft (a further report of it), or makes a draft of its own.
      const draftId = expected[0] ?? ++drafts;
      if (expected[0]) joined++;
      reports.add(draftId, q, now);
      if (r() < 0.05) reports.decided.add(1 + Math.floor(r() * drafts)); // review decided an earlier draft
    }
    // The case must exercise matches and drafts of several reports, and the window must let reports go.
    expect(matches).toBeGreaterThan(100);
    expect(joined).toBeGreaterThan(50);
    expect(index.size).toBeLessThan(500);
  });

  it('takes the article’s own preparation for the report it becomes, and only when the report is that article', async () => {
    const r = rng(11);
    const reports = new Reports();
    const index = new StoryIndex(reports, WINDOW, SAME_STORY_MODEL, Number.POSITIVE_INFINITY);
    let now = Date.UTC(2026, 10, 1);
    let drafts = 0;
    let itself = 0;
    for (let n = 1; n <= 300; n++) {
      now += Math.floor(r() * 1_800_000);
      const q = proposal(r);
      expect(await lookup(index, q, now), `report ${n}`).toEqual(reports.bruteForce(q, now));
      // Mostly the article becomes the report; sometimes what the database gives back is another one
      // (another process's article, stored between two lookups here), which must be prepared afresh.
      const stored = r() < 0.3 ? proposal(r) : q;
      if (stored === q) itself++;
      const draftId = reports.bruteForce(stored, now)[0] ?? ++drafts;
      reports.add(draftId, stored, now);
    }
    await lookup(index, proposal(r), now);
    expect(itself).toBeGreaterThan(150);
    expect(index.reused).toBe(itself);
  });

  it('a token nearly every report holds makes no candidates; the tokens a story shares still find it', async () => {
    const reports = new Reports();
    const index = new StoryIndex(reports, WINDOW, SAME_STORY_MODEL, 50);
    const t0 = Date.UTC(2026, 10, 1);
    const r = rng(3);
    // 300 reports of other stories, all holding "#2026", "c:statement" and "c:president".
    for (let k = 1; k <= 300; k++) {
      const p = proposal(r);
      p.tokens = { ...p.tokens, universal: [...new Set([...p.tokens.universal, '#2026', 'c:president', 'c:statement'])].sort() };
      reports.all.push({ draftId: k, seq: k, lang: 'eng', proposal: p, publishedAt: null, draftCreatedAt: new Date(t0).toISOString() });
    }
    const story = proposal(r);
    story.tokens = {
      universal: ['#2026', 'c:oreshnik', 'c:statement', 'n:lkshnk'],
      stems: ['deploy', 'missil', 'oreshnik'],
      headline: ['c:oreshnik'],
    };
    reports.all.push({
      draftId: 301,
      seq: 301,
      lang: 'eng',
      proposal: story,
      publishedAt: null,
      draftCreatedAt: new Date(t0).toISOString(),
    });
    // The same story again: found through what is particular to it.
    expect(await lookup(index, story, t0 + DAY)).toContain(301);
    // An article sharing only the common tokens with every report weighs none of them.
    const vague = { ...proposal(r), tokens: { universal: ['#2026', 'c:president', 'c:statement'], stems: [], headline: [] } };
    await lookup(index, vague, t0 + DAY);
    expect(index.candidates).toBe(0);
  });

  it('lets a decided draft go when told, and reloads everything when the clock goes back', async () => {
    const r = rng(11);
    const reports = new Reports();
    const index = new StoryIndex(reports, WINDOW);
    const t0 = Date.UTC(2026, 10, 1);
    const first = proposal(r);
    reports.all.push({ draftId: 1, seq: 1, lang: 'eng', proposal: first, publishedAt: null, draftCreatedAt: new Date(t0).toISOString() });
    expect(await lookup(index, first, t0 + DAY)).toEqual([1]);
    // Five days on it has aged out…
    expect(await lookup(index, first, t0 + 5 * DAY)).toEqual([]);
    // …but a clock set back to within its window finds it again.
    expect(await lookup(index, first, t0 + 2 * DAY)).toEqual([1]);
    reports.decided.add(1);
    index.drop(1);
    expect(await lookup(index, first, t0 + 2 * DAY)).toEqual([]);
  });
});

describe('the pipeline keeps its alias index and story index across passes', () => {
  it('reads the aliases again after refresh(), and starts over only when they changed', async () => {
    const w = await intakeWorld();
    try {
      const pipeline = w.intake.pipeline;
      const first = await pipeline.trackedSnapshot();
      pipeline.refresh(); // as every pass begins
      expect(await pipeline.trackedSnapshot()).toBe(first);
      await w.core.sql.run(
        "INSERT INTO entity_aliases (alias, entity_id, display) VALUES ('hayastanyan hanrapetutyun', 'armenia', 'Hayastanyan Hanrapetutyun')",
      );
      pipeline.refresh();
      const changed = await pipeline.trackedSnapshot();
      expect(changed.version).toBeGreaterThan(first.version);
      expect(changed.entities.find((e) => e.id === 'armenia')?.aliases).toContain('hayastanyan hanrapetutyun');
      expect((await pipeline.tracked()).resolve('hayastanyan hanrapetutyun')?.id).toBe('armenia');
    } finally {
      await w.cleanup();
    }
  });
});

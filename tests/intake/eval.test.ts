// The intake evaluation (npm run eval -- intake) as a build check: the real pipeline over the labelled
// corpus of real news (tests/fixtures/intake-eval), both parts, must score at least the floors in
// eval/intake/floors.ts. A change that makes drafts worse for an editor fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, type Split } from '../../eval/intake/corpus.ts';
import { FLOORS } from '../../eval/intake/floors.ts';
import { evaluate, MEASURES } from '../../eval/intake/report.ts';
import type { RunDraft } from '../../eval/intake/pipeline.ts';
import { score } from '../../eval/intake/score.ts';
import { fitModels } from '../../eval/intake/train.ts';

const groups = loadCorpus();

describe('intake evaluation', () => {
  it.each(['tune', 'heldout'] as Split[])(
    'the %s part scores at least its floors',
    async (split) => {
      const { scores } = await evaluate(split, {}, groups);
      const below: string[] = [];
      for (const m of MEASURES) {
        const floor = FLOORS[split][m.name];
        if (floor === undefined) continue;
        const v = m.value(scores);
        if (m.atMost ? v > floor + 1e-9 : v < floor - 1e-9) below.push(`${m.name}: ${v.toFixed(3)} (floor ${floor})`);
      }
      expect(below).toEqual([]);
    },
    120_000,
  );
});

describe('the models intake ships', () => {
  it('are what `npm run eval -- intake --train` fits on the tuning part of this corpus, never edited by hand', () => {
    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../src/intake/article/models.json'), 'utf8'));
    expect(fitModels(groups).models).toEqual(shipped);
  }, 120_000);
});

describe('what the evaluation calls a right title', () => {
  const story = groups.flatMap((g) => g.stories).find((s) => s.articles.length === 1 && s.event === null)!;
  const article = story.articles[0]!;
  const draftTitled = (title: string): RunDraft => ({
    id: 1,
    title,
    summary: '',
    date: story.date,
    precision: story.precision,
    dateReason: '',
    countries: story.countries,
    blocs: story.blocs,
    kind: story.kind,
    language: article.lang,
    matchedBecause: '',
    eventKey: null,
    articles: [0],
    sourceLangs: [article.lang],
  });
  const titleRight = (title: string) => score([{ article, story }], [draftTitled(title)]).verdicts[0]!.title;

  it("is a report's headline as written or as intake tidies it, and nothing else", () => {
    expect(titleRight(article.headline)).toBe(true);
    expect(titleRight(`${article.headline} (Updated)`)).toBe(false);
    expect(
      score([{ article: { ...article, headline: `${article.headline} (Updated)` }, story }], [draftTitled(article.headline)]).verdicts[0]!
        .title,
    ).toBe(true);
    expect(titleRight(`Analysis: ${article.headline.slice(0, 20)}`)).toBe(false);
  });
});

// The intake evaluation (npm run eval -- intake) as a build check: the real pipeline over the labelled
// corpus of real news (tests/fixtures/intake-eval), both parts, must score at least the floors in
// eval/intake/floors.ts. A change that makes drafts worse for an editor fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus, type Split } from '../../eval/intake/corpus.ts';
import { FLOORS } from '../../eval/intake/floors.ts';
import { evaluate, MEASURES } from '../../eval/intake/report.ts';
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

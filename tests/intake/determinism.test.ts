// The same feeds and articles give the same drafts, whatever order the sources answer in and the
// reader threads finish in: the real pipeline over the tuning part of the corpus, once with every
// answer at once on one reader thread, then with each answer of the news site delayed by a
// pseudo-random while (so reads finish in another order) on two and three threads.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../eval/intake/corpus.ts';
import { type RunDraft, runIntake } from '../../eval/intake/pipeline.ts';
import { labelled } from '../../eval/intake/report.ts';

const articles = labelled(loadCorpus().filter((g) => g.split === 'tune')).map((i) => i.article);

/** A draft as an editor sees it, without the numbers the database gave it. */
const shape = (drafts: RunDraft[]) =>
  drafts
    .map((d) => ({
      articles: d.articles.map((a) => articles[a]!.url).sort(),
      title: d.title,
      summary: d.summary,
      date: `${d.date} ${d.precision}: ${d.dateReason}`,
      countries: d.countries,
      blocs: d.blocs,
      kind: d.kind,
      language: d.language,
      link: d.eventKey,
    }))
    .sort((a, b) => (a.articles[0]! < b.articles[0]! ? -1 : 1));

describe('intake is deterministic', () => {
  it('drafts the same whatever order sources answer and reader threads finish in', async () => {
    const calm = shape(await runIntake(articles, { threads: 1 }));
    expect(calm.length).toBeGreaterThan(20);
    expect(calm.some((d) => d.articles.length >= 3)).toBe(true);
    for (const [seed, threads] of [
      [7, 2],
      [11, 3],
    ] as const) {
      const shuffled = shape(await runIntake(articles, { jitterMs: 40, seed, threads }));
      expect(shuffled).toEqual(calm);
    }
  }, 120_000);
});

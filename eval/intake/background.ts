// The background the token weights are counted on: every article of the tuning part (noise included)
// and every event of the built-in dataset, each counted once per cross-language token it holds.
import { EVENTS } from '../../src/dataset/events.ts';
import { masked } from '../../src/intake/article/analyze.ts';
import { readFeatures } from '../../src/intake/article/features.ts';
import type { LoadedGroup } from './corpus.ts';
import { analysisOf, datasetMatcher } from './proposals.ts';

export function eventTokens(title: string, summary: string): { universal: string[]; stems: string[]; headline: string[] } {
  const mask = (t: string) => masked(t, datasetMatcher.spans(t));
  return readFeatures({ headline: mask(title), lead: [mask(summary)], rest: [] }).features;
}

export function backgroundFrequency(groups: LoadedGroup[]): { documents: number; frequency: Record<string, number> } {
  const frequency: Record<string, number> = {};
  let documents = 0;
  const count = (tokens: string[]) => {
    documents++;
    for (const t of new Set(tokens)) frequency[t] = (frequency[t] ?? 0) + 1;
  };
  for (const g of groups.filter((x) => x.split === 'tune')) {
    for (const a of [...g.stories.flatMap((s) => s.articles), ...(g.noise ?? [])]) {
      const analysis = analysisOf(a);
      if (analysis) count(analysis.features.universal);
    }
  }
  for (const e of EVENTS) count(eventTokens(e.title, e.summary).universal);
  return { documents, frequency };
}

// `npm run eval -- intake --train`: fits the models intake ships as data (src/intake/article/models.ts)
// on the TUNING part of the corpus only — the held-out part is never read here:
// - token weights: in how many stories of the background each cross-language token occurs;
// - relevance: bloc news against articles that only name a tracked country;
// - same story: pairs of reports dated within days and sharing an entity, one story or two; and, so
//   that content and not the calendar decides, pairs of different stories sharing an entity as if
//   reported the same day (counterfactual negatives, weighted less);
// - link: a report against each published event of the dataset it could be (the same gate).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS } from '../../src/dataset/events.ts';
import { RELEVANCE_FEATURES } from '../../src/intake/article/relevance.ts';
import {
  PAIR_FEATURES,
  idfWeight,
  mayBeOneStory,
  mayTellEvent,
  pairScore,
  pairVector,
  sharedCount,
  type StoryView,
} from '../../src/intake/article/similarity.ts';
import { calendarDate } from '../../src/intake/article/dates.ts';
import { publishedEventOf } from '../../src/intake/pipeline/draft-aggregate.ts';
import { MIN_SHARED_TOKENS } from '../../src/intake/pipeline/story-index.ts';
import { backgroundFrequency, eventTokens } from './background.ts';
import { type CorpusStory, type LoadedGroup, loadCorpus } from './corpus.ts';
import { fitLogistic, round } from './logistic.ts';
import { analysisOf, proposalOf } from './proposals.ts';

const MODELS_FILE = join(import.meta.dirname, '..', '..', 'src', 'intake', 'article', 'models.json');
/** What a counterfactual negative weighs against a real pair. */
const COUNTERFACTUAL_WEIGHT = 0.2;
/**
 * Less for links: a report dated the day of a published event that shares its countries is strong
 * evidence of a link, and counterfactuals, dated alike by construction, would teach the model otherwise.
 */
const LINK_COUNTERFACTUAL_WEIGHT = 0.05;
/** The F-measure the merge threshold is chosen by: below 1, precision counts more than recall. */
const MERGE_BETA = 0.5;
/** Right links a wrong one costs when the link threshold is chosen. */
const WRONG_LINK_COST = 3;
/** Pairs of one story are rare among all pairs: each weighs this much more. */
const POSITIVE_WEIGHT = 2;
/**
 * The same-story model's L2 penalty, chosen by five-fold cross-validation over the tuning stories
 * (grouped by story). On the corpus of 349 articles: pairwise F1 0.900 at 0.01, 0.903 at 0.03, 0.897 at
 * 0.05, 0.885 at 0.1, 0.878 at 0.3; on that of 438 (harder: more same-week events), 0.868–0.870 at 0.01
 * and 0.03, 0.853–0.858 at 0.1.
 */
const SAME_STORY_L2 = 0.03;

interface Labelled {
  story: CorpusStory;
  view: StoryView;
  published: number;
  url: string;
}

export function train(groups: LoadedGroup[] = loadCorpus()): string {
  const { models, summary } = fitModels(groups);
  writeFileSync(MODELS_FILE, `${JSON.stringify(models, null, 2)}\n`);
  // The file is source the linter checks: written in its format.
  execFileSync(
    process.execPath,
    [join(import.meta.dirname, '..', '..', 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'format', '--write', MODELS_FILE],
    {
      stdio: 'ignore',
    },
  );
  return `wrote ${MODELS_FILE}: ${summary}`;
}

/** The models the tuning part gives, as models.json holds them (tests compare the shipped file with these). */
export function fitModels(groups: LoadedGroup[] = loadCorpus()): { models: Record<string, unknown>; summary: string } {
  const tune = groups.filter((g) => g.split === 'tune');
  const background = backgroundFrequency(tune);
  const weight = idfWeight(background.frequency, background.documents);

  // Relevance.
  const rx: number[][] = [];
  const ry: number[] = [];
  for (const g of tune) {
    for (const a of g.stories.flatMap((s) => s.articles)) {
      const v = analysisOf(a)?.relevance.vector;
      if (!v) continue;
      rx.push(v);
      ry.push(1);
    }
    for (const a of g.noise ?? []) {
      const v = analysisOf(a)?.relevance.vector;
      if (!v) continue;
      rx.push(v);
      ry.push(0);
    }
  }
  const relevance = fitLogistic(rx, ry, { l2: 0.02 });

  // Same story.
  const reports: Labelled[] = [];
  for (const s of tune.flatMap((g) => g.stories)) {
    for (const a of s.articles) {
      const p = proposalOf(a);
      if (p)
        reports.push({
          story: s,
          view: { ...viewOf(p), language: p.language, published: calendarDate(a.published) },
          published: Date.parse(a.published),
          url: a.url,
        });
    }
  }
  const sx: number[][] = [];
  const sy: number[] = [];
  const sw: number[] = [];
  for (let i = 0; i < reports.length; i++) {
    for (let j = i + 1; j < reports.length; j++) {
      const a = reports[i]!;
      const b = reports[j]!;
      if (mayBeOneStory(a.view, b.view)) {
        sx.push(pairVector(a.view, b.view, weight));
        sy.push(a.story === b.story ? 1 : 0);
        sw.push(1);
      } else if (a.story !== b.story && a.view.entities.some((e) => b.view.entities.includes(e))) {
        sx.push(pairVector(a.view, { ...b.view, date: a.view.date, precision: a.view.precision }, weight));
        sy.push(0);
        sw.push(COUNTERFACTUAL_WEIGHT);
      }
    }
  }
  const same = fitLogistic(sx, sy, { positiveWeight: POSITIVE_WEIGHT, sampleWeights: sw, l2: SAME_STORY_L2 });
  const { threshold: mergeThreshold, drafts } = chooseMergeThreshold(reports, same, weight);

  // Links to published events.
  const events = EVENTS.map((e) => ({
    key: e.key,
    view: {
      language: 'eng',
      date: e.date,
      precision: e.precision,
      entities: [...e.countries, ...e.blocs],
      countries: e.countries,
      blocs: e.blocs,
      kind: e.kind,
      tokens: eventTokens(e.title, e.summary),
    } as StoryView,
  }));
  const lx: number[][] = [];
  const ly: number[] = [];
  const lw: number[] = [];
  for (const r of reports) {
    for (const e of events) {
      if (mayTellEvent(r.view, e.view)) {
        lx.push(pairVector(r.view, e.view, weight));
        ly.push(r.story.event === e.key ? 1 : 0);
        lw.push(1);
      } else if (r.story.event !== e.key && r.view.entities.some((x) => e.view.entities.includes(x))) {
        lx.push(pairVector(r.view, { ...e.view, date: r.view.date, precision: r.view.precision }, weight));
        ly.push(0);
        lw.push(LINK_COUNTERFACTUAL_WEIGHT);
      }
    }
  }
  const link = fitLogistic(lx, ly, { positiveWeight: POSITIVE_WEIGHT, sampleWeights: lw });
  const linkThreshold = chooseLinkThreshold(drafts, events, link, weight);

  const frequency = Object.fromEntries(Object.entries(background.frequency).sort(([a], [b]) => (a < b ? -1 : 1)));
  const model = (fit: { bias: number; weights: number[] }, names: readonly string[], threshold = 0.5) => ({
    features: names,
    bias: round(fit.bias),
    weights: fit.weights.map(round),
    threshold: round(threshold),
  });
  const models = {
    note: `Written by \`npm run eval -- intake --train\` from the tuning part of tests/fixtures/intake-eval; never edited by hand. Fitted on ${rx.length} articles (relevance), ${sx.length} pairs of reports (${sy.filter(Boolean).length} of one story), ${lx.length} report-event pairs (${ly.filter(Boolean).length} linked).`,
    relevance: model(relevance, RELEVANCE_FEATURES),
    sameStory: model(same, PAIR_FEATURES, mergeThreshold),
    link: model(link, PAIR_FEATURES, linkThreshold),
    tokenDocuments: background.documents,
    tokenFrequency: frequency,
  };
  return { models, summary: `relevance on ${rx.length} articles, same story on ${sx.length} pairs, links on ${lx.length} pairs` };
}

/**
 * The merge threshold: the tuning reports clustered as a pass drafts them (first published first, each
 * joining the pending draft whose every report it matches, when its lowest score there reaches the
 * threshold; story-index.ts), and the threshold in the middle of those giving the best pairwise F-measure, weighted
 * towards precision (MERGE_BETA).
 */
function chooseMergeThreshold(
  reports: Labelled[],
  fit: { bias: number; weights: number[] },
  weight: (t: string) => number,
): { threshold: number; drafts: Labelled[][] } {
  const ordered = [...reports].sort((a, b) => a.published - b.published || (a.url < b.url ? -1 : 1));
  // As the story index weighs pairs (story-index.ts): a report sharing too few tokens with another is
  // never scored against it.
  const shared = (a: StoryView, b: StoryView) =>
    sharedCount(a.tokens.universal, b.tokens.universal) + sharedCount(a.tokens.stems, b.tokens.stems);
  const score = (a: StoryView, b: StoryView) =>
    mayBeOneStory(a, b) && shared(a, b) >= MIN_SHARED_TOKENS ? pairScore(pairVector(a, b, weight), { ...fit, threshold: 0.5 }) : 0;
  const matrix = ordered.map((a) => ordered.map((b) => score(a.view, b.view)));
  const results: { t: number; f: number }[] = [];
  for (let t = 0.2; t <= 0.8 + 1e-9; t += 0.02) {
    const clusterOf: number[] = [];
    clustersAt(matrix, t).forEach((members, k) => {
      for (const i of members) clusterOf[i] = k;
    });
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < ordered.length; i++) {
      for (let j = i + 1; j < ordered.length; j++) {
        const same = ordered[i]!.story === ordered[j]!.story;
        const together = clusterOf[i] === clusterOf[j];
        if (same && together) tp++;
        else if (together) fp++;
        else if (same) fn++;
      }
    }
    // F0.5: a wrong merge (two events an editor must pull apart) costs more than a missed one.
    const b2 = MERGE_BETA ** 2;
    results.push({ t, f: tp === 0 ? 0 : ((1 + b2) * tp) / ((1 + b2) * tp + fp + b2 * fn) });
  }
  const best = Math.max(...results.map((r) => r.f));
  const plateau = results.filter((r) => r.f >= best - 1e-9);
  const threshold = (plateau[0]!.t + plateau.at(-1)!.t) / 2;
  return { threshold, drafts: clustersAt(matrix, threshold).map((members) => members.map((i) => ordered[i]!)) };
}

/** Reports (in order) drafted as a pass drafts them: each joins the draft whose lowest score with it is best, when that reaches `t`. */
function clustersAt(matrix: number[][], t: number): number[][] {
  const clusters: number[][] = [];
  matrix.forEach((row, i) => {
    let best = -1;
    let bestLowest = 0;
    clusters.forEach((members, k) => {
      const lowest = Math.min(...members.map((j) => row[j]!));
      if (lowest > bestLowest) {
        bestLowest = lowest;
        best = k;
      }
    });
    if (best >= 0 && bestLowest >= t) clusters[best]!.push(i);
    else clusters.push([i]);
  });
  return clusters;
}

/**
 * The link threshold: the tuning reports drafted as a pass drafts them at the merge threshold (a story
 * split over several drafts links each on its own), each draft's reports scored against every event
 * they may tell and the mean per event taken as the draft takes it (draft-aggregate.ts,
 * publishedEventOf); then the threshold in the middle of those giving the most reports linked right,
 * each linked wrong counting against WRONG_LINK_COST right, as the evaluation counts them.
 */
function chooseLinkThreshold(
  drafted: Labelled[][],
  events: { key: string; view: StoryView }[],
  fit: { bias: number; weights: number[] },
  weight: (t: string) => number,
): number {
  const keyOf = new Map(events.map((e, i) => [i + 1, e.key]));
  const drafts = drafted.map((rs) => ({
    wants: rs.map((r) => r.story.event),
    proposals: rs.map((r) => ({
      links: events
        .map((e, i) => ({
          eventId: i + 1,
          score: mayTellEvent(r.view, e.view) ? pairScore(pairVector(r.view, e.view, weight), { ...fit, threshold: 0.5 }) : 0,
        }))
        .filter((l) => l.score >= 0.05),
    })),
  }));
  const results: { t: number; right: number; wrong: number }[] = [];
  for (let t = 0.05; t <= 0.9; t += 0.01) {
    let right = 0;
    let wrong = 0;
    for (const d of drafts) {
      const id = publishedEventOf(d.proposals as never, t);
      if (id === null) continue;
      const got = keyOf.get(id)!;
      for (const want of d.wants) {
        if (want === got) right++;
        else wrong++;
      }
    }
    results.push({ t, right, wrong });
  }
  // A wrong link costs an editor more than a missed one (it must be noticed, then undone).
  const value = (r: { right: number; wrong: number }) => r.right - WRONG_LINK_COST * r.wrong;
  const best = Math.max(...results.map(value));
  const plateau = results.filter((r) => value(r) === best);
  return (plateau[0]!.t + plateau.at(-1)!.t) / 2;
}

function viewOf(p: NonNullable<ReturnType<typeof proposalOf>>): StoryView {
  const compared = p.compared ?? p;
  return {
    language: p.language,
    date: p.date,
    precision: p.precision,
    // What the text names, as comparison reads it, not what the draft shows (ComparedEntities).
    entities: [...compared.countries, ...compared.blocs],
    countries: compared.countries,
    blocs: compared.blocs,
    kind: p.kind,
    tokens: p.features,
  };
}

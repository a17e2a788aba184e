// `npm run eval -- intake`: the intake evaluation's table, tuning part and held-out part side by side,
// against the targets. `--details` lists the tuning part's drafts one by one (never the held-out part:
// looking at it would make it a tuning set). `--json` prints the figures as JSON.
import { type LoadedGroup, loadCorpus, type Split } from './corpus.ts';
import { type RunOptions, runIntake } from './pipeline.ts';
import { type LabelledArticle, type Scores, score } from './score.ts';

export interface Measure {
  name: string;
  value(s: Scores): number;
  /** The goal on the held-out part. */
  target: number;
  /** At most (true) rather than at least. */
  atMost?: boolean;
  /** Shown as a share (0..1) or as a count. */
  share: boolean;
}

const r = (a: number, b: number) => (b === 0 ? 1 : a / b);

export const MEASURES: Measure[] = [
  { name: 'relevance precision', value: (s) => s.relevance.precision, target: 0.9, share: true },
  { name: 'relevance recall', value: (s) => s.relevance.recall, target: 0.9, share: true },
  { name: 'merge precision (pairwise)', value: (s) => s.merge.precision, target: 0.95, share: true },
  { name: 'merge recall (pairwise)', value: (s) => s.merge.recall, target: 0.85, share: true },
  { name: 'merge F1 (pairwise)', value: (s) => s.merge.f1, target: 0.9, share: true },
  { name: 'stories whole in one draft', value: (s) => r(s.storiesWhole.whole, s.storiesWhole.of), target: 0.9, share: true },
  { name: 'Russian + other reports in one draft', value: (s) => r(s.crossLanguage.whole, s.crossLanguage.of), target: 0.9, share: true },
  { name: 'event links correct', value: (s) => r(s.links.correct, s.links.of), target: 0.9, share: true },
  { name: 'articles linked to a wrong event', value: (s) => s.links.wrong, target: 0, atMost: true, share: false },
  { name: 'drafts with the exact date', value: (s) => r(s.dates.exact, s.dates.of), target: 0.9, share: true },
  { name: 'drafts approvable without an edit', value: (s) => r(s.approvable.count, s.approvable.of), target: 0.85, share: true },
];

export const meets = (m: Measure, v: number, bar = m.target) => (m.atMost ? v <= bar + 1e-9 : v >= bar - 1e-9);

export function labelled(groups: LoadedGroup[]): LabelledArticle[] {
  const items: LabelledArticle[] = [];
  for (const g of groups) {
    for (const s of g.stories) for (const a of s.articles) items.push({ article: a, story: s });
    for (const n of g.noise ?? []) items.push({ article: n });
  }
  return items;
}

export async function evaluate(
  split: Split,
  opts: RunOptions = {},
  groups = loadCorpus(),
): Promise<{ scores: Scores; items: LabelledArticle[] }> {
  const items = labelled(groups.filter((g) => g.split === split));
  const drafts = await runIntake(
    items.map((i) => i.article),
    opts,
  );
  return { scores: score(items, drafts), items };
}

const fmt = (m: Measure, v: number) => (m.share ? v.toFixed(2) : String(v));

function counts(s: Scores): string {
  return `${s.articles} articles (${s.articles - s.relevance.noise} relevant, ${s.relevance.noise} irrelevant), ${s.stories} stories → ${s.drafts} drafts`;
}

function details(s: Scores, items: LabelledArticle[]): string[] {
  const out: string[] = [];
  const mark = (ok: boolean, what: string) => (ok ? '' : ` ✗${what}`);
  for (const v of s.verdicts) {
    const d = v.draft;
    const flags = v.story
      ? `${mark(v.pure, 'pure')}${mark(v.title, 'title')}${mark(v.date, 'date')}${mark(v.countries, 'countries')}${mark(v.blocs, 'blocs')}${mark(v.link, 'link')}`
      : ' ✗noise';
    out.push(`#${d.id} ${v.approvable ? 'OK ' : 'NO '}${flags}`);
    out.push(
      `   "${d.title}" ${d.date} (${d.precision}: ${d.dateReason}) [${d.countries.join(',')}|${d.blocs.join(',')}] ${d.kind} ${d.language} link=${d.eventKey}`,
    );
    if (v.story)
      out.push(
        `   story ${v.story.id}: ${v.story.date} [${v.story.countries.join(',')}|${v.story.blocs.join(',')}] ${v.story.kind} event=${v.story.event}`,
      );
    for (const a of d.articles) {
      const it = items[a];
      out.push(
        `     - ${it ? `${it.story?.id ?? 'NOISE'} ${it.article.outlet} (${it.article.lang}) ${it.article.published.slice(0, 10)} "${it.article.headline}"` : '?'}`,
      );
    }
  }
  const draftedSet = new Set(s.verdicts.flatMap((v) => v.draft.articles));
  const missed = items.map((it, i) => ({ it, i })).filter(({ it, i }) => it.story && !draftedSet.has(i));
  if (missed.length) {
    out.push('', 'Relevant articles not drafted:');
    for (const { it } of missed) out.push(`   - ${it.story!.id} ${it.article.outlet} (${it.article.lang}) "${it.article.headline}"`);
  }
  return out;
}

export async function evalIntake(argv: string[]): Promise<number> {
  if (argv.includes('--train')) {
    const { train } = await import('./train.ts');
    console.log(train());
    // The models are data the pipeline loads: a fresh process evaluates what was just written.
    return 0;
  }
  const json = argv.includes('--json');
  const groups = loadCorpus();
  const tune = await evaluate('tune', {}, groups);
  const held = argv.includes('--tune-only') ? undefined : await evaluate('heldout', {}, groups);
  if (json) {
    const pick = (s: Scores) => Object.fromEntries(MEASURES.map((m) => [m.name, m.value(s)]));
    console.log(JSON.stringify({ tune: pick(tune.scores), heldout: held && pick(held.scores) }, null, 2));
  } else {
    console.log(`tuning part:   ${counts(tune.scores)}`);
    if (held) console.log(`held-out part: ${counts(held.scores)}`);
    const rows = MEASURES.map((m) => {
      const t = m.value(tune.scores);
      const h = held ? m.value(held.scores) : Number.NaN;
      return {
        measure: m.name,
        tune: fmt(m, t),
        'held-out': held ? `${fmt(m, h)} ${meets(m, h) ? '✓' : '✗'}` : '—',
        target: `${m.atMost ? '≤' : '≥'} ${fmt(m, m.target)}`,
      };
    });
    console.table(rows);
    if (argv.includes('--details')) console.log(details(tune.scores, tune.items).join('\n'));
  }
  return held && MEASURES.every((m) => meets(m, m.value(held.scores))) ? 0 : 1;
}

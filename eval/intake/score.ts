// What an editor would make of the drafts, measured against the hand labels: relevance, pairwise merge
// precision/recall/F1 (the usual measure of news-story clustering), event links, dates, and the share
// of drafts that could be approved exactly as they stand.
import { cleanTitle } from '../../src/intake/article/text.ts';
import type { CorpusArticle, CorpusStory } from './corpus.ts';
import type { RunDraft } from './pipeline.ts';

export interface LabelledArticle {
  article: CorpusArticle;
  /** Undefined for an irrelevant (noise) article. */
  story?: CorpusStory;
}

export interface DraftVerdict {
  draft: RunDraft;
  story?: CorpusStory;
  pure: boolean;
  title: boolean;
  date: boolean;
  countries: boolean;
  blocs: boolean;
  link: boolean;
  approvable: boolean;
}

export interface Scores {
  articles: number;
  stories: number;
  drafts: number;
  relevance: { precision: number; recall: number; drafted: number; noiseDrafted: number; noise: number; missed: number };
  merge: { precision: number; recall: number; f1: number };
  /** Stories told by two or more articles whose articles all ended in one draft. */
  storiesWhole: { whole: number; of: number };
  /** Stories with a Russian and a non-Russian report whose reports all ended in one draft. */
  crossLanguage: { whole: number; of: number };
  links: { correct: number; of: number; wrong: number; wrongDrafts: number };
  dates: { exact: number; of: number };
  approvable: { count: number; of: number };
  verdicts: DraftVerdict[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[«»"“”'‘’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The headline as intake tidies it, keeping a speaker's tail ("… — Лавров"), which intake keeps when the text names them. */
const tidied = (headline: string) => cleanTitle(headline, undefined, undefined, () => true);

function dateRight(d: RunDraft, s: CorpusStory): boolean {
  if (s.precision === 'month') return d.date.slice(0, 7) === s.date;
  return d.precision === 'day' && d.date === s.date;
}

function setRight(got: string[], must: string[], ok: string[] = []): boolean {
  return must.every((x) => got.includes(x)) && got.every((x) => must.includes(x) || ok.includes(x));
}

export function score(items: LabelledArticle[], drafts: RunDraft[]): Scores {
  const draftOf = new Map<number, number>();
  for (const [k, d] of drafts.entries()) for (const a of d.articles) if (a >= 0) draftOf.set(a, k);
  const relevant = items.map((it) => it.story !== undefined);
  const drafted = items.map((_, i) => draftOf.has(i));

  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < items.length; i++) {
    if (drafted[i] && relevant[i]) tp++;
    else if (drafted[i]) fp++;
    else if (relevant[i]) fn++;
  }

  // Pairs over every relevant article (an undrafted one is a cluster of its own) and every drafted one.
  const universe = items.map((_, i) => i).filter((i) => relevant[i] || drafted[i]);
  let pairTp = 0;
  let pairFp = 0;
  let pairFn = 0;
  for (let x = 0; x < universe.length; x++) {
    for (let y = x + 1; y < universe.length; y++) {
      const i = universe[x]!;
      const j = universe[y]!;
      const sameGold = items[i]!.story !== undefined && items[i]!.story === items[j]!.story;
      const samePred = draftOf.has(i) && draftOf.get(i) === draftOf.get(j);
      if (sameGold && samePred) pairTp++;
      else if (samePred) pairFp++;
      else if (sameGold) pairFn++;
    }
  }
  const mp = ratio(pairTp, pairTp + pairFp);
  const mr = ratio(pairTp, pairTp + pairFn);

  const stories = [...new Set(items.map((it) => it.story).filter((s): s is CorpusStory => s !== undefined))];
  const indexesOf = (s: CorpusStory) => items.map((it, i) => (it.story === s ? i : -1)).filter((i) => i >= 0);
  const oneDraft = (ix: number[]) => ix.every((i) => draftOf.has(i) && draftOf.get(i) === draftOf.get(ix[0]!));
  const multi = stories.filter((s) => s.articles.length >= 2);
  const mixed = stories.filter((s) => s.articles.some((a) => a.lang === 'rus') && s.articles.some((a) => a.lang !== 'rus'));

  let linkCorrect = 0;
  let linkOf = 0;
  let linkWrong = 0;
  for (let i = 0; i < items.length; i++) {
    const want = items[i]!.story?.event ?? null;
    const k = draftOf.get(i);
    const got = k === undefined ? null : drafts[k]!.eventKey;
    if (want !== null) {
      linkOf++;
      if (got === want) linkCorrect++;
    }
    if (got !== null && got !== want) linkWrong++;
  }

  const verdicts = drafts.map((d): DraftVerdict => {
    const members = d.articles.filter((a) => a >= 0).map((a) => items[a]!);
    const counts = new Map<CorpusStory | undefined, number>();
    for (const m of members) counts.set(m.story, (counts.get(m.story) ?? 0) + 1);
    const story = [...counts.entries()].filter(([s]) => s !== undefined).sort((a, b) => b[1] - a[1])[0]?.[0];
    const pure = members.length > 0 && members.every((m) => m.story !== undefined && m.story === story);
    if (!story) return { draft: d, pure, title: false, date: false, countries: false, blocs: false, link: false, approvable: false };
    // A report's headline, as written or as the bot tidies it ("… (Updated)", a final full stop): an
    // editor takes either as it stands.
    const title = members.some((m) => [m.article.headline, tidied(m.article.headline)].some((h) => norm(h) === norm(d.title)));
    const date = dateRight(d, story);
    const countries = setRight(d.countries, story.countries, story.countriesOk);
    const blocs = setRight(d.blocs, story.blocs, story.blocsOk);
    const link = d.eventKey === story.event;
    // Approving a linked draft adds its articles to the event as they are: its own title, date and
    // names are never published.
    const approvable = pure && link && (d.eventKey !== null || (title && date && countries && blocs));
    return { draft: d, story, pure, title, date, countries, blocs, link, approvable };
  });
  const dated = verdicts.filter((v) => v.story);

  return {
    articles: items.length,
    stories: stories.length,
    drafts: drafts.length,
    relevance: {
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      drafted: tp + fp,
      noiseDrafted: fp,
      noise: items.filter((it) => !it.story).length,
      missed: fn,
    },
    merge: { precision: mp, recall: mr, f1: mp + mr === 0 ? 0 : (2 * mp * mr) / (mp + mr) },
    storiesWhole: { whole: multi.filter((s) => oneDraft(indexesOf(s))).length, of: multi.length },
    crossLanguage: { whole: mixed.filter((s) => oneDraft(indexesOf(s))).length, of: mixed.length },
    links: {
      correct: linkCorrect,
      of: linkOf,
      wrong: linkWrong,
      wrongDrafts: verdicts.filter((v) => v.draft.eventKey !== null && !v.link).length,
    },
    dates: { exact: dated.filter((v) => v.date).length, of: dated.length },
    approvable: { count: verdicts.filter((v) => v.approvable).length, of: drafts.length },
    verdicts,
  };
}

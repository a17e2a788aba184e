// Corpus articles read the way the pipeline reads them, without a server: the article text as the
// page would give it, proposed with the built-in dataset's alias index. For training the models and
// for quick looks at pairs; the evaluation proper runs the whole pipeline (./pipeline.ts).
import { ENTITIES } from '../../src/dataset/entities.ts';
import { analyzeArticle } from '../../src/intake/article/analyze.ts';
import { buildMatcher, trackedEntitiesFrom } from '../../src/intake/article/matcher.ts';
import { proposeDraft } from '../../src/intake/article/propose.ts';
import type { ArticleText, DraftProposal } from '../../src/intake/types.ts';
import type { CorpusArticle } from './corpus.ts';
import { EVAL_NOW } from './pipeline.ts';

export const datasetMatcher = buildMatcher(trackedEntitiesFrom(ENTITIES));

export function articleTextOf(a: CorpusArticle): ArticleText {
  const paragraphs = a.paragraphs.map((p, i) => (i === 0 && a.dateline ? `${a.dateline} (${a.outlet}) – ${p}` : p));
  return { title: a.headline, text: paragraphs.join('\n\n'), publishedAt: a.published, siteName: a.outlet };
}

export function proposalOf(a: CorpusArticle, opts: { ignoreRelevance?: boolean } = {}): DraftProposal | undefined {
  const p = proposeDraft({
    article: articleTextOf(a),
    url: a.url,
    publisher: a.outlet,
    feedTitle: a.headline,
    matcher: datasetMatcher,
    now: EVAL_NOW,
  });
  if (p || !opts.ignoreRelevance) return p;
  return undefined;
}

export function analysisOf(a: CorpusArticle) {
  return analyzeArticle(articleTextOf(a), a.headline, datasetMatcher, a.outlet);
}

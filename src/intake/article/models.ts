// The fitted models intake ships as data (./models.json), written by `npm run eval -- intake --train`
// from the tuning part of the labelled corpus (tests/fixtures/intake-eval) and never edited by hand:
// the relevance model, the same-story model, the link model, and the token counts that weigh shared
// concepts and names. Nothing is downloaded at run time.
import models from './models.json' with { type: 'json' };

export interface LogisticModel {
  bias: number;
  weights: number[];
  threshold: number;
}

const logistic = (m: { bias: number; weights: number[]; threshold: number }): LogisticModel => ({
  bias: m.bias,
  weights: m.weights,
  threshold: m.threshold,
});

/** Bloc news, or an article that only names a tracked country (src/intake/article/relevance.ts). */
export const RELEVANCE_MODEL = logistic(models.relevance);
/** Two reports of one story (src/intake/article/similarity.ts). */
export const SAME_STORY_MODEL = logistic(models.sameStory);
/** A draft's reports against a published event; a draft links when their mean score reaches the threshold. */
export const LINK_MODEL = logistic(models.link);
/** Stories in the background the token weights were counted on. */
export const TOKEN_DOCUMENTS: number = models.tokenDocuments;
/** In how many of them each cross-language token occurs. */
export const TOKEN_FREQUENCY: Readonly<Record<string, number>> = models.tokenFrequency;

// Whether an article is about the blocs (their members' security, alliances, diplomacy, status) or only
// names a tracked country (a match in Bishkek, a rate decision in Astana). A logistic model over a
// dozen features an editor would weigh: where the blocs and countries are named, and how many of the
// story's words are about status, security, diplomacy, politics and law against sport, markets,
// culture and nature. Its weights are data (./models.ts), fitted by `npm run eval -- intake --train`
// on the tuning part of the labelled corpus only.
import type { TopicCounts } from './features.ts';
import { RELEVANCE_MODEL } from './models.ts';

export interface RelevanceInput {
  blocInTitle: boolean;
  blocInLead: boolean;
  blocMentions: number;
  countryInTitle: boolean;
  countryMentions: number;
  titleTopics: TopicCounts;
  leadTopics: TopicCounts;
  restTopics: TopicCounts;
}

const bloc = (t: TopicCounts) => t.status + t.security + t.diplomacy + t.politics + t.law;
const off = (t: TopicCounts) => t.sport + t.market + t.culture + t.nature;
const log = (n: number) => Math.log1p(n);

/** Names of the features, in the order of the model's weights. */
export const RELEVANCE_FEATURES = [
  'bloc in headline',
  'bloc in lead',
  'bloc mentions',
  'country in headline',
  'country mentions',
  'bloc words in headline',
  'other words in headline',
  'bloc words in lead',
  'other words in lead',
  'economy words in lead',
  'bloc words in body',
  'other words in body',
] as const;

export function relevanceVector(x: RelevanceInput): number[] {
  return [
    x.blocInTitle ? 1 : 0,
    x.blocInLead ? 1 : 0,
    log(x.blocMentions),
    x.countryInTitle ? 1 : 0,
    log(x.countryMentions),
    log(bloc(x.titleTopics)),
    log(off(x.titleTopics)),
    log(bloc(x.leadTopics)),
    log(off(x.leadTopics)),
    log(x.leadTopics.economy),
    log(bloc(x.restTopics)),
    log(off(x.restTopics)),
  ];
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** 0..1: how sure the model is that the article is bloc news. */
export function relevanceScore(vector: number[], model = RELEVANCE_MODEL): number {
  let z = model.bias;
  for (let i = 0; i < vector.length; i++) z += (model.weights[i] ?? 0) * vector[i]!;
  return sigmoid(z);
}

/** The features that pushed the score up most, as an editor reads them. */
export function relevanceReasons(vector: number[], model = RELEVANCE_MODEL): string[] {
  return vector
    .map((v, i) => ({ name: RELEVANCE_FEATURES[i]!, push: v * (model.weights[i] ?? 0) }))
    .filter((f) => f.push > 0.3)
    .sort((a, b) => b.push - a.push)
    .slice(0, 3)
    .map((f) => f.name);
}

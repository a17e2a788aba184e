// Article reading for news intake: page → text → draft proposal, plus cross-outlet story matching.
//
// Limits worth knowing:
// - Matching is only as good as the aliases. Russian names are listed in the forms news uses
//   (src/dataset/russian-names.ts: "Армения", "Армении", "Ереване"); a form not listed, or an adjective
//   ("армянский"), is not matched, and other languages match on the names they share with English.
// - Kind cues exist for English and Russian; other languages get 'other' unless a cue word is shared.
// - Year-only mentions ("in 2020") are treated as background and never become the event date.
export { articleFromFeedItem, extractArticle } from './extract.ts';
export { articleFromText, cleanTitle } from './text.ts';
export { buildMatcher, trackedEntitiesFrom, type Matcher, type Mention, type MentionSpan } from './matcher.ts';
export { detectLanguage } from './language.ts';
export { proposeDraft, type ProposeInput } from './propose.ts';
export { splitSentences } from './sentences.ts';

// Article reading for news intake: page → text → draft proposal, plus cross-outlet story matching.
//
// Limits worth knowing:
// - Matching is only as good as the aliases. The dataset has Cyrillic aliases for blocs ("ОДКБ", "ШОС")
//   but none for countries, so a Russian article is matched on its blocs only; inflected Russian forms
//   ("Армении") would need stems or a morphology library, not more aliases.
// - Kind cues exist for English and Russian; other languages get 'other' unless a cue word is shared.
// - Year-only mentions ("in 2020") are treated as background and never become the event date.
export { articleFromFeedItem, extractArticle } from './extract.ts';
export { articleFromText, cleanTitle } from './text.ts';
export { buildMatcher, trackedEntitiesFrom, type Matcher, type Mention, type MentionSpan } from './matcher.ts';
export { proposeDraft, detectLanguage, type ProposeInput } from './propose.ts';
export { sameStory, storySimilarity, SAME_STORY_THRESHOLD, type StoryKey } from './same-story.ts';
export { splitSentences } from './sentences.ts';

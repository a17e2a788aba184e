// Article reading for news intake: page → text → draft proposal, plus cross-outlet story matching.
export { articleFromFeedItem, extractArticle } from './extract.ts';
export { articleFromText, cleanTitle } from './text.ts';
export { buildMatcher, trackedEntitiesFrom, type Matcher, type Mention, type MentionSpan } from './matcher.ts';
export { proposeDraft, detectLanguage, type ProposeInput } from './propose.ts';
export { sameStory, storySimilarity, type StoryKey } from './same-story.ts';
export { splitSentences } from './sentences.ts';

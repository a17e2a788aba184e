// Shared by the article-reading tests: the fixture pages, the seed texts and the dataset's alias index.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES } from '../../../src/dataset/entities.ts';
import { buildMatcher, trackedEntitiesFrom } from '../../../src/intake/article/index.ts';

export const PAGES = join(import.meta.dirname, '..', 'fixtures', 'pages');
export const page = (name: string): string => readFileSync(join(PAGES, name), 'utf8');
export const matcher = buildMatcher(trackedEntitiesFrom(ENTITIES));
export const NOW = new Date('2026-11-30T09:00:00Z');

/** Split into sentence-ish pieces to check that each summary sentence is the article's own. */
export const pieces = (summary: string): string[] =>
  summary.split(/(?<![A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Sept|Nov|Dec|Jan|Feb|No)\.)(?<=[.!?]["”]?)\s+(?=["“]?\p{Lu})/u);

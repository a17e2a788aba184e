// The labelled corpus of real news the intake evaluation runs on (tests/fixtures/intake-eval): its
// shape, checked with zod on load, and the split into the part used for tuning and the part held out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ENTITIES } from '../../src/dataset/entities.ts';
import { EVENTS } from '../../src/dataset/events.ts';

export const CORPUS_DIR = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'intake-eval', 'stories');

const COUNTRY_IDS = new Set(ENTITIES.filter((e) => e.kind === 'country').map((e) => e.id));
const BLOC_IDS = new Set(ENTITIES.filter((e) => e.kind === 'bloc').map((e) => e.id));
const EVENT_KEYS = new Set(EVENTS.map((e) => e.key));

const country = z.string().refine((c) => COUNTRY_IDS.has(c), { message: 'not a tracked country id' });
const bloc = z.string().refine((b) => BLOC_IDS.has(b), { message: 'not a tracked bloc id' });
const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'an ISO 8601 instant such as 2024-07-04T10:51:00+06:00',
});

export const ArticleSchema = z.strictObject({
  outlet: z.string().min(2),
  url: z.url(),
  lang: z.string().regex(/^[a-z]{3}$/),
  headline: z.string().min(8),
  kicker: z.string().min(1).optional(),
  published: instant,
  dateline: z.string().min(3).optional(),
  paragraphs: z.array(z.string().min(20)).min(2).max(12),
});

export const NoiseSchema = ArticleSchema.extend({ why: z.string().min(5) });

export const StorySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    what: z.string().min(10),
    date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
    precision: z.enum(['day', 'month']),
    countries: z.array(country).min(1),
    countriesOk: z.array(country).optional(),
    blocs: z.array(bloc),
    blocsOk: z.array(bloc).optional(),
    kind: z.enum(['status_change', 'diplomatic', 'military', 'statement', 'economic', 'legal', 'other']),
    event: z
      .string()
      .refine((k) => EVENT_KEYS.has(k), { message: 'not a key of the built-in dataset' })
      .nullable(),
    articles: z.array(ArticleSchema).min(1),
  })
  .refine((s) => (s.precision === 'day') === (s.date.length === 10), { message: 'date and precision disagree' });

export const GroupSchema = z.strictObject({
  group: z.string().regex(/^[a-z0-9-]+$/),
  stories: z.array(StorySchema),
  noise: z.array(NoiseSchema).optional(),
});

export type CorpusArticle = z.infer<typeof ArticleSchema>;
export type CorpusStory = z.infer<typeof StorySchema>;
export type CorpusGroup = z.infer<typeof GroupSchema>;
export type Split = 'tune' | 'heldout';

/** FNV-1a: a split no one chooses, stable across runs and machines. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** About a third of the groups are held out: never looked at, never tuned on. */
export const splitOf = (group: string): Split => (fnv1a(group) % 3 === 0 ? 'heldout' : 'tune');

export interface LoadedGroup extends CorpusGroup {
  split: Split;
  file: string;
}

/** Every group, checked; throws with every problem of every file named. */
export function loadCorpus(dir = CORPUS_DIR): LoadedGroup[] {
  const problems: string[] = [];
  const groups: LoadedGroup[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (err) {
      problems.push(`${file}: not JSON (${(err as Error).message})`);
      continue;
    }
    const r = GroupSchema.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues) problems.push(`${file}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    if (`${r.data.group}.json` !== file) problems.push(`${file}: group "${r.data.group}" must be in ${r.data.group}.json`);
    groups.push({ ...r.data, split: splitOf(r.data.group), file });
  }
  const storyIds = new Set<string>();
  const urls = new Set<string>();
  for (const g of groups) {
    for (const s of g.stories) {
      if (storyIds.has(s.id)) problems.push(`${g.file}: story id "${s.id}" is used twice`);
      storyIds.add(s.id);
    }
    for (const a of [...g.stories.flatMap((s) => s.articles), ...(g.noise ?? [])]) {
      if (urls.has(a.url)) problems.push(`${g.file}: ${a.url} is in the corpus twice`);
      urls.add(a.url);
    }
  }
  if (problems.length) throw new Error(`The intake corpus has problems:\n${problems.join('\n')}`);
  return groups;
}

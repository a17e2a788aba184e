// Search ranks alike on both engines: FTS5's bm25(events_fts, 4.0, 1.0) on SQLite; on PostgreSQL the
// same formula over each event's stored length and word frequencies (migration 010). The corpus is
// made so that the order depends on each part of it: a word's rarity, title against summary, document
// length, a prefix that begins one word or many (more than the 32 PostgreSQL spells out), Russian and
// Armenian in capitals, Russian's own letters (й, ё), and exact ties, which go by id even where
// PostgreSQL's table holds the rows in another order (an edited row is written anew at its end).
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { ENGINES, engineCore } from '../engines.ts';
import { TEST_NOW } from '../helpers.ts';

const now = () => TEST_NOW;
const opened: Core[] = [];
afterAll(async () => {
  for (const c of opened) await c.close();
});

const filler = 'alpha beta gamma delta epsilon zeta theta iota kappa lambda omicron sigma';
/** Forty words that begin alike: a prefix PostgreSQL matches as a prefix, not spelled out word by word. */
const manyAlike = Array.from({ length: 40 }, (_, i) => `qzx${String.fromCharCode(97 + (i % 26))}${i}`);

const CORPUS: [title: string, summary: string][] = [
  ['Quorvex accord signed', 'The quorvex delegation met in the capital.'],
  ['Quorvex talks', `Quorvex, quorvex and quorvex again, in a long summary: ${filler} ${filler}.`],
  ['Zembla accord', 'Quorvex was mentioned once.'],
  ['Zembla accords renewed', 'Accorded, and an accordion played.'],
  ['Tiebreak vellum', 'The same words.'],
  ['Tiebreak vellum', 'The same words.'],
  ['Tiebreak vellum', 'The same words.'],
  ['Vellum xylophant', 'A rare word beside a common one.'],
  ['Vellum archive', 'Vellum, vellum.'],
  ['Vellum notes', `Vellum in a longer summary: ${filler}.`],
  ['МОСКВА и Минск подписали договор', 'Встреча в Москве. Мой комментарий.'],
  ['Москва: саммит ОДКБ', 'Ёлка у Кремля.'],
  [`Qzx words ${manyAlike.slice(0, 20).join(' ')}`, `Vellum ${manyAlike.slice(20).join(' ')}`],
  ['Qzxa0 alone', 'Qzxa0 qzxa0 and vellum.'],
  ['ՀԱՅԱՍՏԱՆ. Հայաստանում', 'Armenian in capitals.'],
  // Mirror images: the same length and words, but the later one holds more of the rarer word, so it
  // comes first only when each word is weighed by its own rarity (equal weights would tie them, and
  // the tie goes to the earlier id).
  ['Ledger one', 'Vellum vellum vellum yarrow.'],
  ['Ledger two', 'Vellum yarrow yarrow yarrow.'],
];

const QUERIES = [
  'vellum yarrow',
  'yarrow vellum',
  'ledger vellum yar',
  'quorvex',
  'Quorvex accord',
  'accor',
  'zembla accor',
  'vellum',
  'tiebreak vellum',
  'vellum xylophant',
  'vellum xyl',
  'москва',
  'МОСКВ',
  'ёлка',
  'елка',
  'мой',
  'мои',
  'qzx',
  'qzxa0',
  'qzx vellum',
  'vel',
  'հայաստան',
  'ՀԱՅԱՍՏԱՆՈՒՄ',
];

/** A fresh store holding the curated dataset and the corpus; the first tie edited after the others were written. */
async function corpusCore(engine: (typeof ENGINES)[number]): Promise<{ c: Core; ids: number[] }> {
  const c = await engineCore(engine, now);
  opened.push(c);
  const ids: number[] = [];
  const input = (title: string, summary: string) => {
    const v = validateEvent(
      { title, summary, date: '2026-11-20', countries: 'Armenia', sources: 'https://example.org/rank', kind: 'diplomatic' },
      c.entities,
      now(),
    );
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    return v.value;
  };
  for (const [title, summary] of CORPUS) ids.push((await c.events.add(input(title, summary), 'rank', now())).id);
  const firstTie = ids[4]!;
  await c.events.edit(firstTie, { ...input('Tiebreak vellum', 'The same words.'), kind: 'statement' }, 'rank', now());
  return { c, ids };
}

const ranked = async (c: Core, q: string) => (await c.events.search(q, 50)).hits.map((h) => h.event.id);

describe.each(ENGINES)('search on %s', (engine) => {
  it('weighs each word by its own rarity, breaks exact ties by id, finds Russian and Armenian in any case, and keeps й and ё letters of their own', async () => {
    const { c, ids } = await corpusCore(engine);
    const [tieA, tieB, tieC] = ids.slice(4, 7);
    const ties = (await ranked(c, 'tiebreak vellum')).filter((id) => [tieA, tieB, tieC].includes(id));
    expect(ties).toEqual([tieA, tieB, tieC]);
    const [capitals, russianSummit] = ids.slice(10, 12);
    expect((await ranked(c, 'москва')).sort()).toEqual([capitals, russianSummit].sort());
    expect(await ranked(c, 'МОСКВ')).toHaveLength(2);
    expect(await ranked(c, 'ёлка')).toEqual([russianSummit]);
    expect(await ranked(c, 'елка')).toEqual([]);
    expect(await ranked(c, 'мой')).toEqual([capitals]);
    expect(await ranked(c, 'мои')).toEqual([]);
    expect((await ranked(c, 'qzx')).sort()).toEqual([ids[12], ids[13]].sort());
    expect(await ranked(c, 'հայաստանում')).toEqual([ids[14]]);
    expect(await ranked(c, 'vellum yarrow')).toEqual([ids[16], ids[15]]);
  });

  it('leaves the change token as it was: a search writes nothing', async () => {
    const c = await engineCore(engine, now);
    opened.push(c);
    const before = await c.sql.changes();
    await c.events.search('treaty sig', 5);
    expect(await c.sql.changes()).toBe(before);
  });
});

describe.runIf(ENGINES.includes('postgres'))('SQLite and PostgreSQL', () => {
  it('rank every match of every corpus search in the same order', async () => {
    const [s, p] = await Promise.all([corpusCore('sqlite'), corpusCore('postgres')]);
    expect(p.ids).toEqual(s.ids);
    for (const q of QUERIES) expect(await ranked(p.c, q), q).toEqual(await ranked(s.c, q));
  });
});

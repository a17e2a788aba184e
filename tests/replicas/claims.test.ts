// The row claims themselves (src/store/claims.ts), on both engines: a row is held by one worker at a
// time, workers claiming at the same moment on separate connections never share a row, and a claim
// that lapses is free again.
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCore, type Core } from '../../src/core.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { ENGINES, engineCore, freshPostgresDatabase } from '../engines.ts';
import { TEST_NOW } from '../helpers.ts';

const ROWS = 60;

async function withSources(core: Core): Promise<void> {
  for (let i = 0; i < ROWS; i++) {
    const url = `https://feeds.example.org/${i}.xml`;
    await core.sources.add({ url, urlKey: url, name: `Feed ${i}`, countries: [], blocs: [], backfill: 0, addedBy: 'test' }, TEST_NOW);
  }
}

const later = (ms: number) => new Date(TEST_NOW.getTime() + ms);

describe.each(ENGINES)('row claims on %s', (engine) => {
  it('one worker at a time; a lapsed claim is free again; only the owner renews', async () => {
    const core = await engineCore(engine, () => TEST_NOW);
    onTestFinished(() => core.close());
    await withSources(core);
    const a = await core.sources.claim('host:1:a', TEST_NOW, later(60_000), 10);
    const b = await core.sources.claim('host:2:b', TEST_NOW, later(60_000), 100);
    expect(a).toHaveLength(10);
    expect(b).toHaveLength(ROWS - 10);
    expect(b.filter((s) => a.some((x) => x.id === s.id))).toEqual([]);
    expect(await core.sources.claim('host:3:c', TEST_NOW, later(60_000), 100)).toEqual([]);
    expect(await core.sources.claims.renew(a[0]!.id, 'host:3:c', later(120_000))).toBe(false);
    expect(await core.sources.claims.renew(a[0]!.id, 'host:1:a', later(120_000))).toBe(true);
    // A minute on, a's other claims and all of b's have lapsed; the renewed one has not.
    const c = await core.sources.claim('host:3:c', later(60_000), later(120_000), 100);
    expect(c).toHaveLength(ROWS - 1);
    expect(c.some((s) => s.id === a[0]!.id)).toBe(false);
    expect(await core.sources.claims.claimants(later(60_000))).toEqual(['host:1:a', 'host:3:c']);
  });
});

describe.skipIf(!ENGINES.includes('postgres'))('row claims on PostgreSQL, from many connections at once', () => {
  it('twelve workers claiming together never share a row, and between them take every row', async () => {
    const db = await freshPostgresDatabase(TEST_NOW);
    const cores = await Promise.all(
      Array.from({ length: 12 }, async () => createCore(await openPostgres(db.url, { max: 2 }), { now: () => TEST_NOW, seed: false })),
    );
    onTestFinished(async () => {
      for (const c of cores) await c.close();
      await db.drop();
    });
    await withSources(cores[0]!);
    const taken: number[][] = cores.map(() => []);
    await Promise.all(
      cores.map(async (core, w) => {
        for (;;) {
          const batch = await core.sources.claim(`host:${w}:w`, TEST_NOW, later(60_000), 2);
          if (!batch.length) return;
          taken[w]!.push(...batch.map((s) => s.id));
        }
      }),
    );
    const all = taken.flat().sort((x, y) => x - y);
    expect(all).toEqual([...new Set(all)]);
    expect(all).toHaveLength(ROWS);
  });
});

// Intake's reports are read as an ordered range ("every report after seq N", by each process's story
// index). On PostgreSQL two writers draw their seqs before they commit; were the later seq to commit
// first, a reader in between would move past the earlier one for good. Writers take turns instead.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../src/core.ts';
import { ENGINES, freshPostgresDatabase } from '../engines.ts';
import { TEST_NOW } from '../helpers.ts';

const now = () => TEST_NOW;
const report = (urlKey: string) => ({ urlKey, publishedAt: null, lang: 'eng', proposal: '{}', tokens: '[]' });

describe.runIf(ENGINES.includes('postgres'))('intake reports on PostgreSQL', () => {
  it('commit in seq order when two processes write at once, so a reader paging by seq skips none', async () => {
    const db = await freshPostgresDatabase(TEST_NOW);
    const location = { engine: 'postgres', url: db.url } as const;
    const [first, second, reader] = [
      await openCore(location, { now, seed: false }),
      await openCore(location, { now, seed: false }),
      await openCore(location, { now, seed: false }),
    ];
    try {
      const draftId = await first.drafts.insert(
        {
          title: 'Ordered reports',
          summary: '',
          occurred: '2026-11-20',
          precision: 'day',
          start: '2026-11-20',
          kind: 'other',
          language: 'eng',
          matchedBecause: '',
          dateReason: '',
          relevance: '',
          eventId: null,
        },
        null,
        'test',
        now(),
      );
      const seen = () => reader.drafts.pendingReportsAfter(0, new Date(0)).then((rows) => rows.map((r) => r.seq));
      // The first writer draws its seq and holds its transaction open; the second writes and commits meanwhile.
      let written!: () => void;
      const firstWrote = new Promise<void>((resolve) => {
        written = resolve;
      });
      const slow = first.transaction(async () => {
        await first.drafts.addReport(draftId, report('a'));
        written();
        await new Promise((r) => setTimeout(r, 400));
      });
      await firstWrote;
      await second.drafts.addReport(draftId, report('b'));
      // Whatever the reader sees once the second write is back, it holds no gap below its newest seq.
      const afterSecond = await seen();
      await slow;
      const all = await seen();
      expect(all).toHaveLength(2);
      expect(all.slice(0, afterSecond.length)).toEqual(afterSecond);
    } finally {
      for (const c of [first, second, reader]) await c.close();
      await db.drop();
    }
  });
});

// What "Data to …" is made of, read in three indexed lookups: the newest live event, whether an editor or
// news intake recorded one on that date, and the news sources with their last successful poll.
import type { Precision } from '../domain/types.ts';
import { fromStored } from '../domain/dates.ts';
import type { DataCurrency } from '../presentation/currency.ts';
import type { Db } from './db.ts';

export class DataCurrencyStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      // One step down the partial index events_occurred_live (migration 007).
      newest: db.prepare<[], { occurred: string; precision: Precision; occurred_start: string }>(
        'SELECT occurred, precision, occurred_start FROM events WHERE deleted_at IS NULL ORDER BY occurred_start DESC LIMIT 1',
      ),
      // The unary + keeps SQLite on that index: the seed_key one would walk every hand-recorded event.
      recordedHere: db.prepare<[string], { n: number }>(
        'SELECT 1 AS n FROM events WHERE deleted_at IS NULL AND occurred_start = ? AND +seed_key IS NULL LIMIT 1',
      ),
      sources: db.prepare<[], { n: number; last_ok: string | null }>(
        'SELECT count(*) AS n, max(last_ok_at) AS last_ok FROM intake_sources',
      ),
    };
  }

  read(): DataCurrency {
    const newest = this.s.newest.get();
    const sources = this.s.sources.get()!;
    return {
      newest: newest && fromStored(newest.occurred, newest.precision),
      newestBuiltIn: newest !== undefined && !this.s.recordedHere.get(newest.occurred_start),
      sources: sources.n,
      lastPolledOk: sources.last_ok ?? undefined,
    };
  }
}

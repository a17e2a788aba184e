// What "Data to …" is made of, read in one statement of three indexed lookups: the newest live event,
// whether an editor or news intake recorded one on that date, and the news sources with their last
// successful poll.
import type { Precision } from '../domain/types.ts';
import { fromStored } from '../domain/dates.ts';
import type { DataCurrency } from '../presentation/currency.ts';
import { bySql, type Sql } from './sql.ts';

interface Row {
  occurred: string | null;
  precision: Precision | null;
  recorded_here: number | boolean | null;
  sources: number;
  last_ok: string | null;
}

export class DataCurrencyStore {
  private readonly text: string;

  constructor(private readonly sql: Sql) {
    // The newest is one step down the partial index events_occurred_live (migration 007). On SQLite the
    // unary + keeps the planner on that index: the seed_key one would walk every hand-recorded event.
    const handMade = bySql(sql, { sqlite: '+seed_key IS NULL', postgres: 'seed_key IS NULL' });
    this.text = `SELECT n.occurred, n.precision,
        (SELECT count(*) > 0 FROM (SELECT 1 FROM events WHERE deleted_at IS NULL AND occurred_start = n.occurred_start AND ${handMade} LIMIT 1) h) AS recorded_here,
        (SELECT count(*) FROM intake_sources) AS sources,
        (SELECT max(last_ok_at) FROM intake_sources) AS last_ok
      FROM (SELECT 1 AS one) o
      LEFT JOIN (SELECT occurred, precision, occurred_start FROM events WHERE deleted_at IS NULL ORDER BY occurred_start DESC LIMIT 1) n ON 1 = 1`;
  }

  async read(): Promise<DataCurrency> {
    const r = (await this.sql.get<Row>(this.text))!;
    return {
      newest: r.occurred && r.precision ? fromStored(r.occurred, r.precision) : undefined,
      newestBuiltIn: r.occurred !== null && !r.recorded_here,
      sources: r.sources,
      lastPolledOk: r.last_ok ?? undefined,
    };
  }
}

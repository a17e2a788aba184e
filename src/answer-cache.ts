// Answers to read-only commands (a status, a timeline page, a search) depend only on what was asked,
// the caller's admin flag, today's date and the stored data. Most traffic asks the same few questions,
// so answers are kept until the data changes. "Changed" is the store's change token (Sql.changes): on
// SQLite exact across processes and a microsecond a request (data_version moves when another
// connection commits, total_changes() when this one writes); on PostgreSQL, this process's writes and
// a notification of every other process's commit (src/store/postgres.ts). A miss runs the handler's
// indexed queries as usual.
import type { Outcome } from './reply.ts';
import type { Sql } from './store/sql.ts';

export class AnswerCache {
  private generation = '';
  private readonly entries = new Map<string, Outcome>();

  constructor(
    private readonly sql: Pick<Sql, 'changes'>,
    private readonly maxEntries = 1000,
  ) {}

  async get(key: string, compute: () => Promise<Outcome>): Promise<Outcome> {
    const generation = await this.sql.changes();
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const outcome = await compute();
    // Only keep answers computed against the generation they will be served under.
    if ((await this.sql.changes()) === generation && !isFailure(outcome)) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, outcome);
    }
    return outcome;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Errors ("something went wrong") are never cached; a retry must run the handler again. */
function isFailure(o: Outcome): boolean {
  return o.kind === 'reply' && o.tone === 'error';
}

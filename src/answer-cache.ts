// Answers to read-only commands (a status, a timeline page, a search) depend only on what was asked,
// the caller's admin flag, today's date and the stored data. Most traffic asks the same few questions,
// so answers are kept until the data changes. "Changed" is exact and costs one microsecond a request:
// SQLite's data_version moves when another connection (another bot process) commits, and
// total_changes() moves when this connection writes. A miss runs the handler's indexed queries as usual.
import type { Statement } from 'better-sqlite3';
import type { Outcome } from './reply.ts';
import type { Db } from './store/db.ts';

export class AnswerCache {
  private readonly probe: Statement<[], [number, number]>;
  private generation = '';
  private readonly entries = new Map<string, Outcome>();

  constructor(
    db: Db,
    private readonly maxEntries = 1000,
  ) {
    this.probe = db.prepare<[], [number, number]>('SELECT total_changes(), data_version FROM pragma_data_version').raw();
  }

  async get(key: string, compute: () => Promise<Outcome>): Promise<Outcome> {
    const [changes, version] = this.probe.get()!;
    const generation = `${changes}:${version}`;
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
    const [c2, v2] = this.probe.get()!;
    if (`${c2}:${v2}` === generation && !isFailure(outcome)) {
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

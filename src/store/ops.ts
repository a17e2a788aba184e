// What operators watch about the database itself: that it answers (GET /healthz) and how big it is
// (GET /metrics).
import { SqliteSql } from './sqlite.ts';
import { bySql, type Sql } from './sql.ts';

const SIZE = {
  // The main file (page_count × page_size); the WAL file is not included.
  sqlite: 'SELECT page_count * page_size AS bytes FROM pragma_page_count, pragma_page_size',
  postgres: 'SELECT pg_database_size(current_database()) AS bytes',
};

export class OpsStore {
  constructor(private readonly sql: Sql) {}

  /** True when the database answers a query. */
  async ping(): Promise<boolean> {
    try {
      return (await this.sql.get<{ ok: number }>('SELECT 1 AS ok'))?.ok === 1;
    } catch {
      return false;
    }
  }

  /**
   * Writes a consistent copy while the bot writes: SQLite's online backup into a new SQLite file.
   * Resolves to what was written, for the command line to say.
   */
  async backup(file: string): Promise<string> {
    if (!(this.sql instanceof SqliteSql)) throw new BackupRefused(PG_DUMP);
    const r = await this.sql.db.backup(file);
    return `${r.totalPages} pages`;
  }

  async databaseBytes(): Promise<number> {
    return (await this.sql.get<{ bytes: number }>(bySql(this.sql, SIZE)))!.bytes;
  }
}

const PG_DUMP =
  'backup copies SQLite files. For PostgreSQL use its own tool, e.g. `pg_dump --format=custom --file=blocwatch.dump "$DATABASE_URL"`, or make a SQLite copy with `blocwatch copy-db --from "$DATABASE_URL" --to sqlite:FILE`.';

export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

// Numbered SQL migrations, applied in order, each inside its own transaction, and recorded with a
// checksum. A migration already applied whose file has since changed stops the start: the database
// would otherwise silently disagree with the code that reads it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d+_[\w-]+\.sql$/.test(f));
  const migrations = files
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(file.split('_')[0]),
        name: file,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]!.version === m.version) {
      throw new MigrationError(`two migrations share number ${m.version}: ${migrations[i - 1]!.name} and ${m.name}`);
    }
  });
  return migrations;
}

export interface MigrateResult {
  applied: string[];
  current: number;
}

export function migrate(db: Db, migrations = loadMigrations()): MigrateResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`);
  const done = new Map(
    (
      db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as { version: number; name: string; checksum: string }[]
    ).map((r) => [r.version, r]),
  );
  for (const m of migrations) {
    const row = done.get(m.version);
    if (row && row.checksum !== m.checksum) {
      throw new MigrationError(
        `migration ${m.name} was changed after it was applied to this database (recorded as ${row.name}, ` +
          `checksum ${row.checksum.slice(0, 12)}…, file now ${m.checksum.slice(0, 12)}…). ` +
          'Restore the original file and add a new numbered migration for the change.',
      );
    }
  }
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...done.keys()].filter((v) => !known.has(v));
  if (unknown.length) {
    throw new MigrationError(
      `this database has migrations this version of blocwatch does not know (${unknown.join(', ')}); it was written by a newer version`,
    );
  }
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
    }).immediate();
    applied.push(m.name);
  }
  return { applied, current: migrations.at(-1)?.version ?? 0 };
}

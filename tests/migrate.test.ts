import { copyFileSync, mkdirSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/db.ts';
import { loadMigrations, migrate, MigrationError, MIGRATIONS_DIR } from '../src/store/migrate.ts';
import { tempDir } from './helpers.ts';

describe('migrations', () => {
  const tmp = tempDir();
  afterEach(() => undefined);

  function copyMigrations(): string {
    const dir = join(tmp.dir, `m-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, f), join(dir, f));
    return dir;
  }

  it('applies every migration on a fresh database, then nothing on a re-run', () => {
    const db = openDatabase(join(tmp.dir, 'fresh.db'));
    const first = migrate(db);
    expect(first.applied.length).toBe(loadMigrations().length);
    expect(migrate(db).applied).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index')").all().map((r: any) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['events', 'event_entities', 'memberships', 'audit_log', 'events_fts', 'entity_aliases']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses to start when an applied migration was edited', () => {
    const dir = copyMigrations();
    const db = openDatabase(join(tmp.dir, 'tampered.db'));
    migrate(db, loadMigrations(dir));
    const first = readdirSync(dir).sort()[0]!;
    appendFileSync(join(dir, first), '\n-- sneaky edit\n');
    expect(() => migrate(db, loadMigrations(dir))).toThrow(MigrationError);
    expect(() => migrate(db, loadMigrations(dir))).toThrow(/was changed after it was applied/);
    db.close();
  });

  it('rolls back a failing migration entirely', () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, '900_broken.sql'), 'CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;');
    const db = openDatabase(join(tmp.dir, 'broken.db'));
    expect(() => migrate(db, loadMigrations(dir))).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations WHERE version = 900').get()).toEqual({ n: 0 });
    db.close();
  });
});

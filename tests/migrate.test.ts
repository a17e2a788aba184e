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
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index')")
      .all()
      .map((r: any) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['events', 'event_entities', 'memberships', 'audit_log', 'events_fts', 'entity_aliases']),
    );
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

  it('005 widens the audit actions and keeps every audit row and id (digest cursors point at them)', () => {
    const before = loadMigrations().filter((m) => m.version < 5);
    const db = openDatabase(join(tmp.dir, 'audit.db'));
    migrate(db, before);
    db.prepare(
      "INSERT INTO audit_log (id, at, actor, action, event_id, revision, before, after) VALUES (41, '2026-01-01T00:00:00Z', 'discord:1', 'add', NULL, 1, NULL, '{}')",
    ).run();
    expect(() => db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'y', 'restore')").run()).toThrow(/CHECK/);
    expect(migrate(db).applied).toContain('005_audit_actions.sql');
    expect(db.prepare('SELECT id, actor, action FROM audit_log').all()).toEqual([{ id: 41, actor: 'discord:1', action: 'add' }]);
    for (const action of ['restore', 'approve', 'reject'])
      db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'y', ?)").run(action);
    expect(() => db.prepare("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'y', 'frobnicate')").run()).toThrow(/CHECK/);
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'")
      .all()
      .map((r: any) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['audit_log_event', 'audit_log_at']));
    db.close();
  });
});

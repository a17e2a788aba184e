import { copyFileSync, mkdirSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationError, migrationsDir } from '../src/store/migrate.ts';
import { openSqlite } from '../src/store/sqlite.ts';

const MIGRATIONS_DIR = migrationsDir('sqlite');
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

  it('applies every migration on a fresh database, then nothing on a re-run', async () => {
    const db = openSqlite(join(tmp.dir, 'fresh.db'));
    const first = await migrate(db);
    expect(first.applied.length).toBe(loadMigrations().length);
    expect((await migrate(db)).applied).toEqual([]);
    const tables = (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table','index')")).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['events', 'event_entities', 'memberships', 'audit_log', 'events_fts', 'entity_aliases']),
    );
    expect(db.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await db.close();
  });

  it('refuses to start when an applied migration was edited', async () => {
    const dir = copyMigrations();
    const db = openSqlite(join(tmp.dir, 'tampered.db'));
    await migrate(db, loadMigrations(dir));
    const first = readdirSync(dir).sort()[0]!;
    appendFileSync(join(dir, first), '\n-- sneaky edit\n');
    await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(MigrationError);
    await expect(migrate(db, loadMigrations(dir))).rejects.toThrow(/was changed after it was applied/);
    await db.close();
  });

  it('rolls back a failing migration entirely', async () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, '900_broken.sql'), 'CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;');
    const db = openSqlite(join(tmp.dir, 'broken.db'));
    await expect(migrate(db, loadMigrations(dir))).rejects.toThrow();
    expect(await db.get("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'")).toEqual({ n: 0 });
    expect(await db.get('SELECT count(*) AS n FROM schema_migrations WHERE version = 900')).toEqual({ n: 0 });
    await db.close();
  });

  it('005 widens the audit actions and keeps every audit row and id (digest cursors point at them)', async () => {
    const before = loadMigrations().filter((m) => m.version < 5);
    const db = openSqlite(join(tmp.dir, 'audit.db'));
    await migrate(db, before);
    await db.run(
      "INSERT INTO audit_log (id, at, actor, action, event_id, revision, before, after) VALUES (41, '2026-01-01T00:00:00Z', 'discord:1', 'add', NULL, 1, NULL, '{}')",
    );
    await expect(db.run("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'y', 'restore')")).rejects.toThrow(/CHECK/);
    expect((await migrate(db)).applied).toContain('005_audit_actions.sql');
    expect(await db.all('SELECT id, actor, action FROM audit_log')).toEqual([{ id: 41, actor: 'discord:1', action: 'add' }]);
    for (const action of ['restore', 'approve', 'reject'])
      await db.run("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'y', ?)", [action]);
    await expect(db.run("INSERT INTO audit_log (at, actor, action) VALUES ('x', 'y', 'frobnicate')")).rejects.toThrow(/CHECK/);
    const indexes = (await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log'")).map(
      (r) => r.name,
    );
    expect(indexes).toEqual(expect.arrayContaining(['audit_log_event', 'audit_log_at']));
    await db.close();
  });
});

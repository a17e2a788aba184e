// How the bot's PostgreSQL connections are set up: without JIT, which would cost a search on a large
// database more than it saves, and with the search planned once per connection (src/store/postgres.ts).
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.ts';
import { openPostgres, type PostgresSql } from '../../src/store/postgres.ts';
import { ENGINES, freshPostgresDatabase } from '../engines.ts';

async function withConnection(use: (sql: PostgresSql, url: string) => Promise<void>): Promise<void> {
  const db = await freshPostgresDatabase();
  // One connection: what one statement prepared, the next one sees.
  const sql = await openPostgres(db.url, { max: 1 });
  try {
    await use(sql, db.url);
  } finally {
    await sql.close();
    await db.drop();
  }
}

describe.runIf(ENGINES.includes('postgres'))('a PostgreSQL connection of the store', () => {
  it('runs without JIT', () =>
    withConnection(async (sql) => {
      expect(await sql.get<{ jit: string }>('SHOW jit')).toEqual({ jit: 'off' });
    }));

  it('plans a statement read with keepPlan once, for any parameters, and no other', () =>
    withConnection(async (sql) => {
      await migrate(sql);
      const kept = "SELECT count(*) AS n FROM events WHERE search @@ to_tsquery('simple', @words) AND deleted_at IS NULL";
      for (const words of ['armenia', 'belarus & sco', 'csto']) await sql.all(kept, { words }, { keepPlan: true });
      await sql.all('SELECT count(*) AS n FROM events WHERE id > ?', [0]);
      const prepared = await sql.all<{ statement: string; generic_plans: number; custom_plans: number }>(
        'SELECT statement, generic_plans::int AS generic_plans, custom_plans::int AS custom_plans FROM pg_prepared_statements',
      );
      expect(prepared).toEqual([expect.objectContaining({ generic_plans: 3, custom_plans: 0 })]);
      expect(prepared[0]!.statement).toContain('to_tsquery');
    }));

  it('names a kept plan after its statement, so that two processes never mean two statements by one name', () =>
    withConnection(async (first, url) => {
      await migrate(first);
      const second = await openPostgres(url, { max: 1 });
      try {
        const a = 'SELECT count(*) AS n FROM events WHERE id > @after';
        const b = 'SELECT count(*) AS n FROM events WHERE id < @after';
        const namesAfter = async (sql: PostgresSql, texts: string[]) => {
          for (const text of texts) await sql.all(text, { after: 0 }, { keepPlan: true });
          const rows = await sql.all<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements');
          return Object.fromEntries(rows.map((r) => [r.statement.includes('id >') ? 'a' : 'b', r.name]));
        };
        const one = await namesAfter(first, [a, b]);
        const other = await namesAfter(second, [b, a]);
        expect(other).toEqual(one);
        expect(one.a).not.toEqual(one.b);
      } finally {
        await second.close();
      }
    }));

  it('stops keeping plans, and still answers, when the server has lost one (a pooler in transaction mode)', () =>
    withConnection(async (sql) => {
      await migrate(sql);
      const kept = 'SELECT count(*)::int AS n FROM events WHERE id > @after';
      expect(await sql.all(kept, { after: 0 }, { keepPlan: true })).toEqual([{ n: 0 }]);
      // What PgBouncer's transaction mode does: the next statement lands where the plan was never made.
      await sql.run('DEALLOCATE ALL');
      expect(await sql.all(kept, { after: 0 }, { keepPlan: true })).toEqual([{ n: 0 }]);
      expect(await sql.all(kept, { after: 0 }, { keepPlan: true })).toEqual([{ n: 0 }]);
      expect(await sql.all('SELECT count(*)::int AS n FROM pg_prepared_statements')).toEqual([{ n: 0 }]);
    }));
});

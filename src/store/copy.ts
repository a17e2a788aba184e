// Moving a deployment between engines (`blocwatch copy-db`): every row of every table, ids kept, written
// in one transaction on the target, so a copy that fails leaves the target as it was. Both databases are
// first brought to the current schema by their own engine's migrations; what each engine derives by
// itself (SQLite's FTS5 index, PostgreSQL's tsvector column and search counts) follows from the rows.
import { migrate } from './migrate.ts';
import type { Sql } from './sql.ts';

/** Tables in an order their foreign keys allow (a row's parents come first). */
export const COPIED_TABLES = [
  'entities',
  'entity_aliases',
  'events',
  'event_sources',
  'event_entities',
  'event_pairs',
  'memberships',
  'audit_log',
  'dataset_state',
  'form_drafts',
  'digest_subscriptions',
  'digest_parts',
  'leases',
  'intake_sources',
  'intake_seen',
  'intake_drafts',
  'intake_draft_sources',
  'intake_draft_entities',
  'intake_draft_reports',
  'alert_subscriptions',
  'alert_posts',
] as const;

/** Identity columns on PostgreSQL, moved past the highest copied id so new rows never collide. */
const IDENTITIES: Record<string, string> = {
  events: 'id',
  memberships: 'id',
  audit_log: 'id',
  form_drafts: 'id',
  digest_subscriptions: 'id',
  intake_sources: 'id',
  intake_seen: 'id',
  intake_drafts: 'id',
  intake_draft_reports: 'seq',
  alert_subscriptions: 'id',
  alert_posts: 'id',
};

export class CopyRefused extends Error {
  override name = 'CopyRefused';
}

/** Rows read a statement. */
export const COPY_PAGE = 2000;

/** The columns a table's rows are written with: the stored ones (PostgreSQL's generated search column is not). */
async function columnsOf(sql: Sql, table: string): Promise<string[]> {
  if (sql.engine === 'sqlite') {
    const rows = await sql.all<{ name: string; hidden: number }>('SELECT name, hidden FROM pragma_table_xinfo(?) ORDER BY cid', [table]);
    return rows.filter((r) => r.hidden === 0).map((r) => r.name);
  }
  const rows = await sql.all<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

async function primaryKeyOf(sql: Sql, table: string): Promise<string[]> {
  if (sql.engine === 'sqlite') {
    const rows = await sql.all<{ name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', [table]);
    return rows.map((r) => r.name);
  }
  const rows = await sql.all<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [table],
  );
  return rows.map((r) => r.name);
}

export type CopyCounts = { table: string; rows: number }[];

/**
 * Copies every row of `from` into `to`. A target that holds any row is refused unless `replace`, which
 * empties it first (in the same transaction).
 */
export async function copyDatabase(from: Sql, to: Sql, opts: { replace?: boolean } = {}): Promise<CopyCounts> {
  await migrate(from);
  await migrate(to);
  const plan = await Promise.all(
    COPIED_TABLES.map(async (table) => {
      const target = new Set(await columnsOf(to, table));
      return { table, columns: (await columnsOf(from, table)).filter((c) => target.has(c)), key: await primaryKeyOf(from, table) };
    }),
  );
  return to.transaction(async () => {
    const held = [];
    for (const { table } of plan) {
      const n = (await to.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
      if (n) held.push(`${n} ${table}`);
    }
    if (held.length && !opts.replace) {
      throw new CopyRefused(`the target already holds data (${held.join(', ')}); nothing was copied. Pass --replace to overwrite it.`);
    }
    for (const { table } of [...plan].reverse()) await to.run(`DELETE FROM ${table}`);
    const counts: CopyCounts = [];
    for (const { table, columns, key } of plan) {
      const list = columns.map((c) => `"${c}"`).join(', ');
      // Paged by the primary key from the last row read, so each page is one index range (an OFFSET
      // would walk past every row before it: quadratic in the table's size).
      if (!key.length) throw new Error(`copy-db pages each table by its primary key, and ${table} has none`);
      const order = key.map((c) => `"${c}"`).join(', ');
      const after = `WHERE (${order}) > (${key.map(() => '?').join(', ')})`;
      let rows = 0;
      for (let last: unknown[] | undefined; ; ) {
        const page = await from.all<Record<string, unknown>>(
          `SELECT ${list} FROM ${table} ${last ? after : ''} ORDER BY ${order} LIMIT ?`,
          [...(last ?? []), COPY_PAGE],
        );
        if (!page.length) break;
        last = key.map((c) => page.at(-1)![c]);
        // Several rows a statement, within both engines' limits on parameters.
        const perInsert = Math.max(1, Math.floor(900 / columns.length));
        for (let i = 0; i < page.length; i += perInsert) {
          const chunk = page.slice(i, i + perInsert);
          const values = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
          await to.run(
            `INSERT INTO ${table} (${list}) VALUES ${values}`,
            chunk.flatMap((r) => columns.map((c) => r[c] ?? null)),
          );
        }
        rows += page.length;
      }
      counts.push({ table, rows });
    }
    if (to.engine === 'postgres') {
      for (const [table, column] of Object.entries(IDENTITIES)) {
        await to.get(
          `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce(max(${column}), 0) + 1, false) AS v FROM ${table}`,
        );
      }
    }
    return counts;
  });
}

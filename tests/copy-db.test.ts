// `blocwatch copy-db`: a deployment moved from SQLite to PostgreSQL and back keeps every row and id
// (the built-in dataset, an editor's event, a digest journal, alert subscriptions and posts): `export`
// answers byte for byte alike on all three, a non-empty target is refused unless --replace, and ids go
// on from where they were.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../src/core.ts';
import { validateEvent } from '../src/domain/event-input.ts';
import { exportEvents } from '../src/io.ts';
import type { StoreLocation } from '../src/store/open.ts';
import { COPY_PAGE, copyDatabase } from '../src/store/copy.ts';
import type { Sql } from '../src/store/sql.ts';
import { openSqlite } from '../src/store/sqlite.ts';
import { ENGINES, engineCore, freshPostgresDatabase, freshSql } from './engines.ts';
import { TEST_NOW, tempDir } from './helpers.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'blocwatch.js');
const now = () => TEST_NOW;

function copyDb(from: string, to: string, ...more: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE|DISCORD|SLACK)_/.test(k)));
  const r = spawnSync(process.execPath, [BIN, 'copy-db', '--from', from, '--to', to, ...more], {
    env: { ...env, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** What a deployment holds, as the program shows it: the export, and the digest journal and alert posts as rows. */
async function snapshot(location: StoreLocation): Promise<string[]> {
  const core = await openCore(location, { now, seed: false });
  try {
    let exported = '';
    for await (const chunk of exportEvents(core, 'json')) exported += chunk;
    const journal = await core.sql.all('SELECT subscription_id, digest_key, part, body, nonce, state FROM digest_parts ORDER BY 1, 2, 3');
    const posts = await core.sql.all('SELECT id, subscription_id, event_id, state FROM alert_posts ORDER BY id');
    const audit = await core.sql.all<{ n: number; last: number }>('SELECT count(*) AS n, max(id) AS last FROM audit_log');
    return [exported, JSON.stringify(journal), JSON.stringify(posts), JSON.stringify(audit)];
  } finally {
    await core.close();
  }
}

describe.runIf(ENGINES.includes('postgres'))('copy-db', () => {
  it('moves a deployment to PostgreSQL and back with every row and id, refusing a non-empty target unless --replace', async () => {
    const tmp = tempDir('blocwatch-copy-');
    const first = join(tmp.dir, 'first.db');
    const back = join(tmp.dir, 'back.db');
    const pg = await freshPostgresDatabase();
    try {
      const core = await openCore(first, { now });
      const v = validateEvent(
        {
          title: 'Copied status change',
          date: '2026-11-20',
          countries: 'Armenia',
          sources: 'https://example.org/copy',
          kind: 'status_change',
        },
        core.entities,
        now(),
      );
      if (!v.ok) throw new Error(JSON.stringify(v.errors));
      const sub = (
        await core.digests.subscribe(
          {
            platform: 'slack',
            spaceId: 'T1',
            channelId: 'C1',
            localTime: '08:00',
            timezone: 'UTC',
            countries: [],
            blocs: [],
            createdBy: 'test',
          },
          now(),
        )
      ).subscription;
      await core.alerts.subscribe(
        { platform: 'slack', spaceId: 'T1', channelId: 'C1', countries: [], blocs: [], kinds: ['status_change'], createdBy: 'test' },
        now(),
      );
      await core.events.add(v.value, 'test', now());
      await core.digests.journal(
        [
          {
            subscriptionId: sub.id,
            digestKey: '2026-11-23',
            part: 1,
            parts: 1,
            cursorTo: 1,
            eventCount: 1,
            body: 'Digest — café «quoted»',
            nonce: 'n1',
          },
        ],
        now(),
      );
      await core.close();
      const original = await snapshot({ engine: 'sqlite', path: first });

      const there = copyDb(`sqlite:${first}`, pg.url);
      expect(there.err).toBe('');
      expect(there.code).toBe(0);
      expect(there.out).toMatch(/^events\s+\d+$/m);
      expect(there.out).toMatch(/^digest_parts\s+1$/m);
      expect(there.out).toMatch(/^alert_posts\s+1$/m);
      expect(there.out).not.toContain(new URL(pg.url).password || '\u0000');
      expect(await snapshot({ engine: 'postgres', url: pg.url })).toEqual(original);

      const refused = copyDb(`sqlite:${first}`, pg.url);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/already holds data \(\d+ entities/);
      expect(refused.err).toContain('--replace');
      expect(refused.err.trim().split('\n')).toHaveLength(1);
      expect(copyDb(`sqlite:${first}`, pg.url, '--replace').code).toBe(0);

      const home = copyDb(pg.url, `sqlite:${back}`);
      expect(home.code).toBe(0);
      expect(await snapshot({ engine: 'sqlite', path: back })).toEqual(original);

      // Ids go on from the copied ones on both engines.
      for (const location of [
        { engine: 'postgres', url: pg.url },
        { engine: 'sqlite', path: back },
      ] as const) {
        const c = await openCore(location, { now, seed: false });
        const highest = (await c.sql.get<{ id: number }>('SELECT max(id) AS id FROM events'))!.id;
        expect((await c.events.add(v.value, 'test', now())).id).toBe(highest + 1);
        await c.close();
      }
    } finally {
      await pg.drop();
    }
  }, 120_000);

  it('pages each table by its key: a table of several pages arrives whole, in both directions, and no page is skipped to by OFFSET', async () => {
    const source = await engineCore('sqlite', now);
    const [onPostgres, back] = [await freshSql('postgres'), openSqlite(':memory:')];
    try {
      // Two and a bit pages of a table keyed by two columns.
      const extra = Math.ceil(COPY_PAGE * 2.2);
      await source.transaction(async () => {
        for (let i = 0; i < extra; i++) {
          await source.sql.run('INSERT INTO event_sources (event_id, position, url, publisher) VALUES (?, ?, ?, ?)', [
            1 + (i % 7),
            100 + i,
            `https://example.org/${i}`,
            'example.org',
          ]);
        }
      });
      const rowsOf = (sql: Sql) => sql.all('SELECT event_id, position, url FROM event_sources ORDER BY event_id, position');
      const expected = await rowsOf(source.sql);
      const statements: string[] = [];
      for (const sql of [source.sql, onPostgres]) {
        const all = sql.all.bind(sql);
        sql.all = (text, params) => {
          statements.push(text);
          return all(text, params);
        };
      }
      await copyDatabase(source.sql, onPostgres);
      await copyDatabase(onPostgres, back);
      const pages = statements.filter((t) => /FROM event_sources\b/.test(t));
      expect(pages).toHaveLength(2 * (Math.ceil(expected.length / COPY_PAGE) + 1));
      expect(statements.filter((t) => /\bOFFSET\b/i.test(t))).toEqual([]);
      expect(await rowsOf(onPostgres)).toEqual(expected);
      expect(await rowsOf(back)).toEqual(expected);
    } finally {
      await source.close();
      await onPostgres.close();
      await back.close();
    }
  }, 120_000);
});

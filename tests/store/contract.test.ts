// The store's contract on both engines: what one engine answers, the other answers byte for byte; every
// write is atomic; search ranks alike; an edited, already-applied migration stops the start, naming it.
// PostgreSQL runs wherever tests/global-setup.ts found a server (or TEST_DATABASE_URL); otherwise only
// SQLite does, and the run says so on its last lines.
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core.ts';
import { validateEvent } from '../../src/domain/event-input.ts';
import { exportEvents } from '../../src/io.ts';
import { loadMigrations, migrate, MigrationError, migrationsDir } from '../../src/store/migrate.ts';
import { COMMANDS } from '../../commands/index.ts';
import { openCore } from '../../src/core.ts';
import { Dispatcher } from '../../src/dispatch.ts';
import { PostgresSql } from '../../src/store/postgres.ts';
import { StoreUnavailableError } from '../../src/store/sql.ts';
import { ENGINES, engineCore, freshPostgresDatabase, freshSql } from '../engines.ts';
import { member, TEST_NOW, textOf } from '../helpers.ts';

const now = () => TEST_NOW;
const opened: Core[] = [];
afterAll(async () => {
  for (const c of opened) await c.close();
});

async function core(engine: (typeof ENGINES)[number]): Promise<Core> {
  const c = await engineCore(engine, now);
  opened.push(c);
  return c;
}

async function addEvent(c: Core, title: string, countries: string, summary = `${title}: what happened.`): Promise<number> {
  const v = validateEvent(
    { title, date: '2026-11-20', countries, summary, sources: 'https://example.org/contract', kind: 'diplomatic' },
    c.entities,
    now(),
  );
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return (await c.events.add(v.value, 'contract', now())).id;
}

/** One editor's session and the reads that show it, as JSON: what must come out alike on every engine. */
async function session(c: Core): Promise<string[]> {
  const a = await addEvent(c, 'Armenia and Belarus sign a water treaty', 'Armenia, Belarus');
  const b = await addEvent(c, 'Kazakhstan hosts a café summit', 'Kazakhstan', 'Ministers met at a café in Astana; Æsop was quoted.');
  const before = (await c.events.get(a))!;
  await c.events.edit(
    a,
    { ...before, countryIds: ['armenia'], blocIds: ['csto'], title: 'Armenia signs a water treaty' },
    'contract',
    now(),
    1,
  );
  await c.events.delete(b, 'contract', now());
  await c.events.restore(b, 'contract', now());
  await c.digests.subscribe(
    {
      platform: 'discord',
      spaceId: 's1',
      channelId: '900000000000000001',
      localTime: '08:00',
      timezone: 'Asia/Yerevan',
      countries: ['armenia'],
      blocs: [],
      createdBy: 'contract',
    },
    now(),
  );
  await c.alerts.subscribe(
    { platform: 'slack', spaceId: 'T1', channelId: 'C1', countries: [], blocs: ['csto'], kinds: ['diplomatic'], createdBy: 'contract' },
    now(),
  );
  let exported = '';
  for await (const chunk of exportEvents(c, 'json')) exported += chunk;
  const answers = [
    await c.events.get(a),
    await c.events.get(b),
    await c.events.timeline({ entityId: 'armenia', limit: 5 }),
    await c.events.search('water treaty', 5),
    await c.events.search('cafe', 5),
    await c.memberships.statusAsOf('armenia', 'csto', '2026-11-22'),
    await c.memberships.roster('csto', '2026-11-22'),
    await c.digests.inSpace('discord', 's1'),
    await c.alerts.inSpace('slack', 'T1'),
    await c.alerts.waiting(),
    await c.history.of(a),
    await c.currency.read(),
  ];
  return [exported, ...answers.map((x) => JSON.stringify(x instanceof Map ? [...x] : x))];
}

describe.each(ENGINES)('the store on %s', (engine) => {
  it('keeps what a session writes, and shows it', async () => {
    const c = await core(engine);
    const [exported, a] = await session(c);
    expect(exported).toContain('Armenia signs a water treaty');
    expect(JSON.parse(a!)).toMatchObject({ title: 'Armenia signs a water treaty', revision: 2, blocs: [{ id: 'csto' }] });
    // The edit queued an alert for the CSTO subscription only if it was published after: it was not.
    expect(await c.alerts.waiting()).toEqual(new Map());
  });

  it('a transaction that throws leaves nothing behind, its nested writes included', async () => {
    const c = await core(engine);
    const count = async () => (await c.sql.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n;
    const before = await count();
    await expect(
      c.transaction(async () => {
        await addEvent(c, 'Written then undone', 'Armenia');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await count()).toBe(before);
    expect(await c.sql.get('SELECT 1 AS one FROM audit_log WHERE actor = ? AND action = ?', ['contract', 'add'])).toBeUndefined();
  });

  it('refuses to start on a database whose applied migration was edited, naming it', async () => {
    const sql = await freshSql(engine);
    try {
      const migrations = loadMigrations(migrationsDir(engine));
      await migrate(sql, migrations);
      expect((await migrate(sql, migrations)).applied).toEqual([]);
      // The file as if edited after it was applied: what it says, and so its checksum, differs.
      const edited = migrations.map((m) =>
        m.version === 4 ? { ...m, checksum: m.checksum.replace(/^./, (c) => (c === '0' ? '1' : '0')) } : m,
      );
      await expect(migrate(sql, edited)).rejects.toThrow(MigrationError);
      await expect(migrate(sql, edited)).rejects.toThrow(/004_digests\.sql was changed after it was applied/);
    } finally {
      await sql.close();
    }
  });

  it('numbers its migrations as the other engine does', () => {
    const versions = (e: (typeof ENGINES)[number]) => loadMigrations(migrationsDir(e)).map((m) => m.version);
    expect(versions(engine)).toEqual(versions('sqlite'));
    expect(loadMigrations(migrationsDir('postgres')).map((m) => m.version)).toEqual(versions('sqlite'));
  });
});

describe.runIf(ENGINES.includes('postgres'))('SQLite and PostgreSQL', () => {
  it('answer the same session byte for byte alike', async () => {
    const [onSqlite, onPostgres] = await Promise.all([core('sqlite').then(session), core('postgres').then(session)]);
    expect(onPostgres).toEqual(onSqlite);
  });

  it('rank the same top results for the dataset search questions', async () => {
    const [s, p] = await Promise.all([core('sqlite'), core('postgres')]);
    for (const q of ['ambassador', 'withdraw', 'Armenia CSTO', 'summit', 'sanctions', 'peacekeep', 'Bela']) {
      const top = async (c: Core) => (await c.events.search(q, 3)).hits.map((h) => h.event.id);
      expect(await top(p), q).toEqual(await top(s));
    }
  });
});

describe.runIf(ENGINES.includes('postgres'))('PostgreSQL shared by processes', () => {
  it("moves a process's change token when another process commits, so its cached answers go", async () => {
    const db = await freshPostgresDatabase(TEST_NOW);
    const location = { engine: 'postgres', url: db.url } as const;
    const [writer, reader] = [await openCore(location, { now, seed: false }), await openCore(location, { now, seed: false })];
    try {
      const d = new Dispatcher(reader, COMMANDS);
      const ask = async () => textOf(await d.runText('search', 'quillwort', member));
      expect(await ask()).toContain('Nothing matches');
      await addEvent(writer, 'Quillwort treaty signed', 'Armenia');
      const deadline = Date.now() + 3000;
      while (!(await ask()).includes('Quillwort treaty') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await ask()).toContain('Quillwort treaty');
    } finally {
      await writer.close();
      await reader.close();
      await db.drop();
    }
  });
});

describe.runIf(ENGINES.includes('postgres'))('PostgreSQL out of reach', () => {
  it('replaces connections the server cut, and the next answer comes as usual', async () => {
    const c = await core('postgres');
    const d = new Dispatcher(c, COMMANDS, undefined, { answerCache: false });
    expect(textOf(await d.runText('csto', 'status armenia', member))).toContain('Armenia');
    // The server ends every connection of this database (a restart, a failover).
    await c.sql.get(
      'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    expect(textOf(await d.runText('csto', 'status armenia', member))).toContain('Armenia');
    await addEvent(c, 'Written after the cut', 'Armenia');
    expect(JSON.stringify(await c.events.search('written after the cut', 1))).toContain('Written after the cut');
  });

  it('answers "try again" while the database cannot be reached, and nothing is half-written', async () => {
    const c = await core('postgres');
    const d = new Dispatcher(c, COMMANDS);
    const count = async () => (await c.sql.get<{ n: number }>('SELECT count(*) AS n FROM events'))!.n;
    const before = await count();
    const unreachable = new StoreUnavailableError('cannot reach postgres://127.0.0.1:1/x: ECONNREFUSED');
    // Mid-transaction the connection is gone: the event's first writes are in, its audit row never comes.
    const audit = c.sql.run.bind(c.sql);
    c.sql.run = async (text, params) => (/INSERT INTO audit_log/.test(text) ? Promise.reject(unreachable) : audit(text, params));
    try {
      const v = validateEvent(
        { title: 'Never half-stored', date: '2026-11-20', countries: 'Armenia', sources: 'https://example.org/x', kind: 'other' },
        c.entities,
        now(),
      );
      if (!v.ok) throw new Error('invalid');
      await expect(c.events.add(v.value, 'contract', now())).rejects.toThrow(StoreUnavailableError);
      const spy = c.events.statusEvents.bind(c.events);
      c.events.statusEvents = () => Promise.reject(unreachable);
      const answer = textOf(await d.runText('csto', 'status armenia', member));
      c.events.statusEvents = spy;
      expect(answer).toContain('The database is not answering right now, so nothing was changed. Please try again');
    } finally {
      c.sql.run = audit;
    }
    expect(await count()).toBe(before);
  });

  it('gives up on a server that does not answer after a short wait, with host and port', async () => {
    const sql = new PostgresSql('postgres://bot:s3cret@127.0.0.1:1/blocwatch');
    const t = Date.now();
    const err = await sql.get('SELECT 1 AS one').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(String((err as Error).message)).toMatch(/127\.0\.0\.1:1.*ECONNREFUSED/);
    expect(String((err as Error).message)).not.toContain('s3cret');
    expect(Date.now() - t).toBeLessThan(3000);
    await sql.close();
  });
});

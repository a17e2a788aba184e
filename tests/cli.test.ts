// The CLI and the console as a user runs them: spawned processes, real files.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blocSplit, expectBlocPage, memoryCore, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const BIN = join(import.meta.dirname, '..', 'bin', 'blocwatch.js');
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|DIGEST|HTTP|DATABASE)_/.test(k)));

function run(args: string[], opts: { input?: string; db?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? '',
    env: { ...cleanEnv, DATABASE_PATH: opts.db ?? join(tmp.dir, 'cli.db'), LOG_LEVEL: 'warn', NO_COLOR: '1', ...opts.env },
    cwd: tmp.dir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** One answer of a console session: from its first line (`from`) to the first `to` after it. */
function section(out: string, from: string, to: string): string {
  const start = out.indexOf(from);
  const end = out.indexOf(to, start);
  expect({ start: start >= 0, end: end >= 0 }).toEqual({ start: true, end: true });
  return out.slice(start, end + to.length);
}

describe('console', () => {
  it('answers piped commands, one per line, on the built-in dataset', async () => {
    const script = [
      '/csto status armenia',
      '/csto status',
      '/csto status armenia as_of:2023-06-01',
      '/timeline belarus',
      '/timeline belarus from:2024-01 bloc:sco',
      '/search ambassador',
      '/event show 12',
      '2',
    ].join('\n');
    const started = Date.now();
    const r = run(['console'], { input: `${script}\n`, db: join(tmp.dir, 'console.db') });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Armenia in the CSTO: Member, participation frozen');
    expect(r.out).toContain('Since: 22 Feb 2024');
    expect(r.out).toContain('Former members');
    // The as_of answer: a plain member then, before the freeze.
    const asOf = section(r.out, 'Armenia in the CSTO: Member (founding)', 'As of 1 Jun 2023');
    expect(asOf).not.toContain('frozen');
    expect(asOf).not.toMatch(/20(2[4-9])/);
    const sco = section(r.out, 'Belarus: timeline (SCO · from 1 Jan 2024)', '\nPage ');
    expect(sco).toContain('4 Jul 2024');
    expectBlocPage(sco, await blocSplit(await memoryCore(), 'belarus', 'sco', '2024-01-01'));
    expect(r.out).toContain('Search: ambassador');
    expect(r.out).toContain('#12 · ');
    // Pressing button 2 of the last answer with buttons is not valid for /event show (no buttons).
    expect(r.out).toContain('No such button');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('fills the event form from the following lines, and refuses a bad date', async () => {
    const db = join(tmp.dir, 'form.db');
    const bad = run(['console'], {
      db,
      input: ['/event add', 'A console event', '2024-02-30', 'Armenia', 'Typed in the console.', 'https://example.org/1', ''].join('\n'),
    });
    expect(bad.out).toContain('Nothing was saved');
    expect(bad.out).toMatch(/Date.*not a date/);
    const good = run(['console'], {
      db,
      input: [
        '/event add',
        'A console event',
        '2024-02-29',
        'Armenia',
        'Typed in the console.',
        'https://example.org/1',
        '/search console event',
        '',
      ].join('\n'),
    });
    expect(good.out).toMatch(/Event #\d+ added/);
    expect(good.out).toContain('Search: console event');
  });
});

describe('cli', () => {
  it('start without credentials or a terminal names the variables and exits non-zero', async () => {
    const r = run(['start']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('DISCORD_TOKEN');
    expect(r.err).toContain('SLACK_BOT_TOKEN');
  });

  it('reports configuration problems by name', async () => {
    const r = run(['start'], { env: { HTTP_PORT: 'x', DIGEST_TIMEZONE: 'Nowhere/Else' } });
    expect(r.code).toBe(2);
    expect(r.err).toContain('HTTP_PORT');
    expect(r.err).toContain('DIGEST_TIMEZONE');
  });

  it('migrate and seed are idempotent', async () => {
    const db = join(tmp.dir, 'seed.db');
    expect(run(['migrate'], { db }).out).toMatch(/Applied 001_core\.sql/);
    expect(run(['migrate'], { db }).out).toMatch(/Up to date/);
    expect(run(['seed'], { db }).out).toMatch(/Seeded [1-9]\d* entities, \d+ aliases, [1-9]\d* events, [1-9]\d* membership/);
    expect(run(['seed'], { db }).out).toMatch(/Seeded 0 entities, 0 aliases, 0 events, 0 membership/);
  });

  it('imports all rows or none, naming every bad row and field', async () => {
    const db = join(tmp.dir, 'import.db');
    const file = join(tmp.dir, 'events.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          title: 'Imported one',
          date: '2025-05-01',
          countries: ['Armenia'],
          blocs: ['CSTO'],
          summary: 'One.',
          sources: ['https://example.org/1'],
          kind: 'statement',
        },
        { title: 'x', date: '2025-13-01', countries: ['Atlantis'], sources: [] },
      ]),
    );
    const bad = run(['import', file], { db });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('row 2');
    expect(bad.err).toMatch(/title/);
    expect(bad.err).toMatch(/date/);
    expect(bad.err).toMatch(/countries/);
    expect(bad.err).toMatch(/sources/);
    expect(run(['export'], { db }).out).not.toContain('Imported one');

    writeFileSync(
      file,
      JSON.stringify([
        {
          title: 'Imported one',
          date: '2025-05-01',
          countries: ['Armenia'],
          blocs: ['CSTO'],
          summary: 'One.',
          sources: ['https://example.org/1'],
          kind: 'statement',
        },
      ]),
    );
    expect(run(['import', file], { db }).out).toContain('Imported 1 events');
    const exported = JSON.parse(run(['export', '--format', 'json'], { db }).out) as {
      title: string;
      countries: string[];
      blocs: string[];
    }[];
    expect(exported.find((e) => e.title === 'Imported one')).toMatchObject({ countries: ['armenia'], blocs: ['csto'] });
    const csv = run(['export', '--format', 'csv'], { db }).out;
    expect(csv.split('\n')[0]).toBe('id,date,precision,kind,title,summary,countries,blocs,sources,created_at,updated_at,revision');
    expect(csv).toContain('Imported one');
    // An export imports cleanly into a fresh database.
    const round = join(tmp.dir, 'round.json');
    writeFileSync(round, JSON.stringify(exported));
    expect(run(['import', round], { db: join(tmp.dir, 'round.db') }).code).toBe(0);
  });

  it('backs up a consistent copy', async () => {
    const db = join(tmp.dir, 'backup-src.db');
    run(['seed'], { db });
    const copy = join(tmp.dir, 'copy.db');
    const r = run(['backup', copy], { db });
    expect(r.code).toBe(0);
    expect(existsSync(copy)).toBe(true);
    expect(run(['console'], { db: copy, input: '/event show 1\n' }).out).toContain('#1 · ');
    expect(readFileSync(copy).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});

describe('start-up failures end with one line naming the variable', () => {
  // Slack over HTTP needs no network to start; its API base points nowhere reachable.
  const slack = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: 'http://127.0.0.1:9/api/', HTTP_PORT: '0' };

  function oneLine(r: { code: number | null; err: string; out: string }, variable: string) {
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    const lines = r.err.trim().split('\n');
    expect(lines, r.err).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(r.err).not.toMatch(/\n\s+at /);
  }

  it('--role that is not web, worker or all (and BLOCWATCH_ROLE likewise)', async () => {
    const bad = run(['start', '--role', 'scheduler'], { env: slack });
    oneLine(bad, '--role');
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe('--role must be web, worker or all (got "scheduler").');
    const fromEnv = run(['start'], { env: { ...slack, BLOCWATCH_ROLE: 'webb' } });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.err).toContain('BLOCWATCH_ROLE must be web, worker or all (got "webb")');
  });

  it('DATABASE_PATH that is a directory, under a file, or not a database', async () => {
    const notDb = join(tmp.dir, 'not-a-database.db');
    writeFileSync(notDb, 'this is plain text, not SQLite\n'.repeat(200));
    const underFile = join(notDb, 'inside.db');
    for (const db of [tmp.dir, underFile]) oneLine(run(['start'], { db, env: slack }), 'DATABASE_PATH');
    for (const command of ['start', 'migrate']) {
      const r = run([command], { db: notDb, env: slack });
      oneLine(r, 'DATABASE_PATH');
      expect(r.err).toContain('not a SQLite database');
    }
  }, 60_000);

  it('DATABASE_URL naming a PostgreSQL server that does not answer: one line with host and port, never the password', async () => {
    const { createServer } = await import('node:net');
    // A port nothing listens on: bound, noted and closed again.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    for (const command of ['start', 'migrate']) {
      const r = run([command], { env: { ...slack, DATABASE_URL: `postgres://bot:s3cret@127.0.0.1:${port}/blocwatch` } });
      oneLine(r, 'DATABASE_URL');
      expect(r.code).toBe(3);
      expect(r.err).toContain(`127.0.0.1:${port}`);
      expect(r.err).toContain('ECONNREFUSED');
      expect(r.err).not.toContain('s3cret');
    }
  }, 60_000);

  it('HTTP_PORT already in use', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const { spawn } = await import('node:child_process');
      // Spawned asynchronously: this process must keep serving the port while the CLI tries it.
      const child = spawn(process.execPath, [BIN, 'start'], {
        env: {
          ...cleanEnv,
          ...slack,
          DATABASE_PATH: join(tmp.dir, 'port.db'),
          HTTP_HOST: '127.0.0.1',
          HTTP_PORT: String(port),
          LOG_LEVEL: 'silent',
        },
        cwd: tmp.dir,
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d));
      child.stdout.resume();
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      oneLine({ code, err, out: '' }, 'HTTP_PORT');
      expect(err).toContain(`127.0.0.1:${port} is already in use`);
    } finally {
      server.close();
    }
  }, 60_000);

  it('`blocwatch export | head` ends quietly', async () => {
    const db = join(tmp.dir, 'pipe.db');
    // Enough events that the export outgrows the pipe's buffer before `head` has closed it.
    const many = Array.from({ length: 400 }, (_, n) => ({
      title: `Piped event ${n}`,
      date: '2025-05-01',
      countries: ['Armenia'],
      summary: 'x'.repeat(400),
      sources: [`https://example.org/${n}`],
      kind: 'other',
    }));
    writeFileSync(join(tmp.dir, 'many.json'), JSON.stringify(many));
    expect(run(['import', join(tmp.dir, 'many.json')], { db }).code).toBe(0);
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${BIN}" export | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`],
      {
        env: { ...cleanEnv, DATABASE_PATH: db, LOG_LEVEL: 'warn' },
        cwd: tmp.dir,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(r.stderr.trim()).toBe('status=0');
  }, 60_000);
});

// The intake CLI as an operator runs it: spawned processes, a real database file, feeds and pages
// from the local news server, and the `--json` shapes DESIGN.md fixes.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { articlePage, NewsServer } from './feed-server.ts';
import { itemFor, PUBLISHED, SEEDS, servePages } from './setup.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blocwatch.js');
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|DIGEST|HTTP|DATABASE|INTAKE)_/.test(k)));
const tmp = tempDir();
const server = new NewsServer();
const DB = join(tmp.dir, 'cli.db');

beforeAll(async () => {
  await server.start();
  servePages(server);
  server.feed('/a/feed.xml', { title: 'Outlet A', items: [0, 1, 3].map((i) => itemFor(SEEDS[i]!, i)) });
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

/** Spawned without blocking: the news server lives in this process and must keep answering. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...cleanEnv, DATABASE_PATH: DB, LOG_LEVEL: 'warn', NO_COLOR: '1', INTAKE_ALLOW_PRIVATE: 'true', ...env },
      cwd: tmp.dir,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const DRAFT_KEYS = [
  'id',
  'title',
  'summary',
  'date',
  'precision',
  'countries',
  'blocs',
  'kind',
  'sources',
  'status',
  'event_id',
  'lang',
  'relevance',
  'date_reason',
];

describe('intake CLI', () => {
  it('source add, list --json, poll, drafts --json, approve (two at once: one event), reject', async () => {
    const add = await run([
      'source',
      'add',
      server.url('/a/feed.xml'),
      '--name',
      'Outlet A',
      '--countries',
      'armenia,belarus',
      '--backfill',
      '2',
    ]);
    expect(add.err).toBe('');
    expect(add.out).toContain('Source #1 added: Outlet A');

    const poll = await run(['poll']);
    expect(poll.code).toBe(0);
    expect(poll.out).toContain('#1 Outlet A: 2 new item(s), 2 draft(s)');
    // The built program found its reader threads' module (dist/src/intake/article/reader-worker.js).
    expect(poll.err).not.toContain('reader threads cannot start');

    const sources = JSON.parse((await run(['source', 'list', '--json'])).out) as Record<string, unknown>[];
    expect(sources).toHaveLength(1);
    expect(Object.keys(sources[0]!)).toEqual(['id', 'url', 'name', 'disabled_reason', 'failures', 'last_ok_at']);
    expect(sources[0]).toMatchObject({
      id: 1,
      url: server.url('/a/feed.xml'),
      name: 'Outlet A',
      disabled_reason: null,
      failures: 0,
      last_ok_at: expect.any(String),
    });

    const drafts = JSON.parse((await run(['drafts', '--json'])).out) as Record<string, unknown>[];
    expect(drafts).toHaveLength(2);
    for (const d of drafts) {
      expect(Object.keys(d)).toEqual(DRAFT_KEYS);
      expect(d).toMatchObject({ status: 'pending', event_id: null, precision: expect.stringMatching(/^(day|month|year)$/) });
      expect(d.countries).toContain('AM');
      expect(d.sources).toEqual([{ url: expect.stringContaining(server.base), publisher: 'Outlet A', lang: 'eng' }]);
    }

    const [one, two] = await Promise.all([
      run(['drafts', 'approve', String(drafts[0]!.id)]),
      run(['drafts', 'approve', String(drafts[0]!.id)]),
    ]);
    const results = [one, two].sort((a, b) => (a.code ?? 0) - (b.code ?? 0));
    expect(results.map((r) => r.code)).toEqual([0, 1]);
    expect(results[0]!.out).toMatch(/Draft #\d+ approved: event #\d+/);
    expect(results[1]!.err).toContain('already approved by console:cli');
    const db = new Database(DB, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE json_extract(after, '$.draft') = ?").get(drafts[0]!.id)).toEqual({
        n: 1,
      });
    } finally {
      db.close();
    }

    expect((await run(['drafts', 'reject', String(drafts[1]!.id)])).out).toContain('rejected');
    // Refusals (a page that is not a feed, an unknown draft) are covered through the dispatcher and the store.
    expect(JSON.parse((await run(['drafts', '--json'])).out)).toEqual([]);
  }, 150_000);

  it('every refusal exits non-zero with its answer on stderr; --backfill takes 0 to 100', async () => {
    server.page('/a/home', '<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>');
    server.feed('/a/new.xml', { title: 'New outlet', items: [] });
    for (const args of [
      ['source', 'add', server.url('/a/new.xml'), '--backfill', '101'],
      ['source', 'add', server.url('/a/new.xml'), '--backfill', 'many'],
      ['source', 'add', server.url('/a/home')],
      ['source', 'remove', '999'],
      ['drafts', 'approve', '999'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.out, args.join(' ')).toBe('');
      expect(r.err.length, args.join(' ')).toBeGreaterThan(10);
    }
    expect((await run(['source', 'add', server.url('/a/home')])).err).toContain('not a feed');
    // A feed with no items yet is a valid feed, and 100 is the most a first poll may draft.
    const added = await run(['source', 'add', server.url('/a/new.xml'), '--backfill', '100']);
    expect(added.code).toBe(0);
    expect(added.out).toContain('added');
    await run(['source', 'remove', added.out.match(/Source #(\d+)/)![1]!]);
  }, 150_000);

  it('import-article from a URL, a plain-text file and an HTML file, with --json', async () => {
    const fromUrl = await run(['import-article', server.url('/a/seed-2'), '--json']);
    expect(fromUrl.err).toBe('');
    const d = JSON.parse(fromUrl.out) as Record<string, unknown>;
    expect(Object.keys(d)).toEqual(DRAFT_KEYS);
    expect(d).toMatchObject({
      status: 'pending',
      sources: [{ url: server.url('/a/seed-2'), publisher: 'Outlet A', lang: 'eng' }],
      lang: 'eng',
      relevance: expect.stringMatching(/^\d\.\d\d: /),
      date_reason: expect.any(String),
    });

    // A seed as the plain text it is, with the address it was published at.
    const text = join(tmp.dir, 'seed.txt');
    writeFileSync(text, [SEEDS[3]!.title, ...SEEDS[3]!.paragraphs].join('\n\n'));
    const plain = JSON.parse(
      (await run(['import-article', text, '--json', '--url', 'https://example.org/news/armenia-us?utm_source=x'])).out,
    ) as Record<string, unknown>;
    expect(plain).toMatchObject({
      title: expect.stringContaining('Armenia'),
      sources: [{ url: 'https://example.org/news/armenia-us?utm_source=x', publisher: 'example.org' }],
    });

    // An HTML page saved to disk names its own address.
    const html = join(tmp.dir, 'page.html');
    writeFileSync(
      html,
      articlePage(SEEDS[0]!, 'Outlet C', PUBLISHED[0]!).replace(
        '<head>',
        '<head><link rel="canonical" href="https://outlet-c.example/armenia-us">',
      ),
    );
    const page = JSON.parse((await run(['import-article', html, '--json'])).out) as Record<string, unknown>;
    expect(page).toMatchObject({ sources: [{ url: 'https://outlet-c.example/armenia-us', publisher: 'Outlet C' }] });

    const nothing = join(tmp.dir, 'weather.txt');
    writeFileSync(nothing, 'Sunny weekend ahead\n\nForecasters expect warm sunshine along the coast this weekend.');
    const refused = await run(['import-article', nothing]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('mentions no tracked country or bloc');
  }, 150_000);
});

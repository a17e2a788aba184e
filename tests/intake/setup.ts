// Shared setup for intake tests: a news server with the five seed articles as pages of two outlets,
// a core on a real SQLite file, and the intake service with private addresses allowed (127.0.0.1).
import { join } from 'node:path';
import { openCore, type Core } from '../../src/core.ts';
import type { Draft } from '../../src/intake/pipeline/drafts.ts';
import { IntakeService, type IntakeOptions, type PassReport } from '../../src/intake/pipeline/service.ts';
import type { Reply } from '../../src/reply.ts';
import { DEFAULT_ENGINE, freshPostgresDatabase } from '../engines.ts';
import { TEST_NOW, tempDir } from '../helpers.ts';
import type { StoreLocation } from '../../src/store/open.ts';
import { articlePage, NewsServer, seedArticles, type FeedItemSpec, type SeedArticle } from './feed-server.ts';

export const SEEDS = seedArticles();
export const LIMITS = { timeoutMs: 3000, maxBytes: 2_000_000, allowPrivate: true };
/** Publication times of the seed pages: the days before the suite's "now". */
export const PUBLISHED = [
  '2026-11-17T08:00:00Z',
  '2026-11-18T08:00:00Z',
  '2026-11-19T08:00:00Z',
  '2026-11-20T08:00:00Z',
  '2026-11-21T08:00:00Z',
];

/** The seed pages as Outlet A publishes them, at /a/seed-N. */
export function servePages(server: NewsServer, outlet = 'Outlet A', prefix = '/a'): void {
  for (const [i, s] of SEEDS.entries()) server.page(`${prefix}/${s.slug}`, articlePage(s, outlet, PUBLISHED[i]!));
}

export function itemFor(s: SeedArticle, i: number, prefix = '/a'): FeedItemSpec {
  return {
    guid: `${prefix}-${s.slug}`,
    link: `${prefix}/${s.slug}`,
    title: s.title,
    description: s.paragraphs[0],
    publishedAt: PUBLISHED[i]!,
  };
}

/** A pass's new drafts as the store holds them (a pass reports them by id and title). */
export async function draftsOf(intake: IntakeService, report: PassReport): Promise<Draft[]> {
  return Promise.all(report.drafted.map(async (ref) => (await intake.drafts.get(ref.id))!));
}

export interface IntakeWorld {
  server: NewsServer;
  core: Core;
  dbPath: string;
  intake: IntakeService;
  told: Reply[];
  openAnother(): Promise<Core>;
  cleanup(): Promise<void>;
}

export async function intakeWorld(opts: IntakeOptions = {}): Promise<IntakeWorld> {
  const server = await new NewsServer().start();
  servePages(server);
  const tmp = tempDir('blocwatch-intake-');
  const dbPath = join(tmp.dir, 'intake.db');
  const settings = { intake: LIMITS };
  // On PostgreSQL (the `postgres` test project) a fresh seeded database stands for the file.
  const pg = DEFAULT_ENGINE === 'postgres' ? await freshPostgresDatabase(TEST_NOW) : undefined;
  const location: StoreLocation = pg ? { engine: 'postgres', url: pg.url } : { engine: 'sqlite', path: dbPath };
  const core = await openCore(location, { now: () => TEST_NOW, settings });
  const told: Reply[] = [];
  const intake = new IntakeService(core, { limits: LIMITS, tell: async (r) => void told.push(r), ...opts });
  const others: Core[] = [];
  return {
    server,
    core,
    dbPath,
    intake,
    told,
    async openAnother() {
      const c = await openCore(location, { now: () => TEST_NOW, settings });
      others.push(c);
      return c;
    },
    async cleanup() {
      await server.close();
      for (const c of [core, ...others]) await c.close();
      await pg?.drop();
      tmp.cleanup();
    },
  };
}

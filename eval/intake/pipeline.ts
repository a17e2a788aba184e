// One run of the real intake over a part of the corpus: a fresh SQLite database seeded with the
// built-in dataset, a local site serving each outlet's feed and pages, one source per outlet, one poll
// pass with reader threads, exactly as `blocwatch poll` runs it. What comes out is every draft with
// the corpus articles it holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../src/core.ts';
import { normalizeUrl } from '../../src/intake/net/index.ts';
import { ReaderPool } from '../../src/intake/pipeline/parts.ts';
import { IntakeService } from '../../src/intake/pipeline/service.ts';
import type { CorpusArticle } from './corpus.ts';
import { CorpusSite, outletsOf } from './site.ts';

/** The day the evaluation pretends it is: after every article in the corpus. */
export const EVAL_NOW = new Date('2026-12-07T12:00:00Z');

export interface RunDraft {
  id: number;
  title: string;
  summary: string;
  date: string;
  precision: string;
  dateReason: string;
  countries: string[];
  blocs: string[];
  kind: string;
  language: string;
  matchedBecause: string;
  /** The dataset key of the published event it would add sources to, or null. */
  eventKey: string | null;
  /** Indexes into the run's article list. */
  articles: number[];
  sourceLangs: string[];
}

export interface RunOptions {
  /** Delay each answer of the site by up to this many ms (reads then finish in another order). */
  jitterMs?: number;
  seed?: number;
  threads?: number;
}

export async function runIntake(articles: CorpusArticle[], opts: RunOptions = {}): Promise<RunDraft[]> {
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-eval-'));
  const outlets = outletsOf(articles);
  const site = await new CorpusSite(outlets, opts.jitterMs ?? 0, opts.seed ?? 1).start();
  const limits = { timeoutMs: 15_000, maxBytes: 2_000_000, allowPrivate: true };
  const core = await openCore(join(dir, 'eval.db'), { now: () => EVAL_NOW, settings: { intake: limits } });
  const reader = new ReaderPool({ threads: opts.threads ?? 2, timeoutMs: 15_000 });
  try {
    const intake = new IntakeService(core, { limits, reader, concurrency: 8 });
    for (const o of outlets) {
      const url = site.feedUrl(o);
      await intake.sources.add(
        { url, urlKey: normalizeUrl(url)!, name: o.name, countries: [], blocs: [], backfill: 100, addedBy: 'eval' },
        EVAL_NOW,
      );
    }
    await intake.pass({ force: true });

    // Which corpus article each served URL is.
    const indexOfUrl = new Map<string, number>();
    for (const o of outlets)
      for (const a of o.articles) indexOfUrl.set(normalizeUrl(`${site.base}${a.path}`)!, articles.indexOf(stripPath(a, articles)));
    const keyOfEvent = new Map<number, string>();
    for (const r of await core.sql.all<{ id: number; seed_key: string }>('SELECT id, seed_key FROM events WHERE seed_key IS NOT NULL'))
      keyOfEvent.set(r.id, r.seed_key);

    const drafts: RunDraft[] = [];
    for (let after = 0; ; ) {
      const page = await intake.drafts.pending(200, after);
      if (page.length === 0) break;
      for (const d of page) {
        drafts.push({
          id: d.id,
          title: d.title,
          summary: d.summary,
          date: d.date.text,
          precision: d.date.precision,
          dateReason: d.dateReason,
          countries: d.countries,
          blocs: d.blocs,
          kind: d.kind,
          language: d.language,
          matchedBecause: d.matchedBecause,
          eventKey: d.eventId === null ? null : (keyOfEvent.get(d.eventId) ?? `#${d.eventId}`),
          articles: d.sources.map((s) => indexOfUrl.get(s.urlKey) ?? -1),
          sourceLangs: d.sources.map((s) => (s as { lang?: string }).lang ?? d.language),
        });
        after = d.id;
      }
    }
    return drafts;
  } finally {
    await reader.close();
    await core.close();
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The input article a served one was made from (same object but for its path). */
function stripPath(served: CorpusArticle & { path: string }, articles: CorpusArticle[]): CorpusArticle {
  return articles.find((a) => a.url === served.url)!;
}

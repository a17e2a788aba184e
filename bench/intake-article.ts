// Article-reading bench: extract + propose over the five fixture pages repeated to 2,000 articles,
// next to a bare linkedom + Readability loop over the same pages (the floor any extraction pays), then
// extractArticle and proposeDraft each on their own.
// Run: node --import tsx bench/intake-article.ts   (BENCH_ARTICLES to change the count)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ENTITIES } from '../src/dataset/entities.ts';
import { buildMatcher, extractArticle, proposeDraft, trackedEntitiesFrom } from '../src/intake/article/index.ts';
import { ms, paired, stats } from './stats.ts';

const PAGES_DIR = join(import.meta.dirname, '..', 'tests', 'intake', 'fixtures', 'pages');
const N = Number(process.env.BENCH_ARTICLES ?? 2000);

export async function benchIntakeArticle(): Promise<void> {
  const pages = readdirSync(PAGES_DIR)
    .filter((f) => /^00[0-4]-.*\.html$/.test(f))
    .sort()
    .map((f) => ({ url: `https://example.com/${f}`, html: readFileSync(join(PAGES_DIR, f), 'utf8') }));
  const matcher = buildMatcher(trackedEntitiesFrom(ENTITIES));
  const now = new Date('2026-01-01T00:00:00Z');
  let i = 0;
  let j = 0;
  const full = (): unknown => {
    const page = pages[i++ % pages.length]!;
    const article = extractArticle(page.html, page.url);
    return article && proposeDraft({ article, url: page.url, publisher: 'Bench', matcher, now });
  };
  // Every page must become a draft, or the bench would time a shortcut.
  const drafts = pages.filter(() => full() !== undefined).length;
  if (drafts !== pages.length) throw new Error(`only ${drafts} of ${pages.length} pages became drafts`);
  const bare = (): void => {
    const page = pages[j++ % pages.length]!;
    const { document } = parseHTML(page.html);
    new Readability(document as never).parse();
  };

  const [fullMs, bareMs] = await paired(full, bare, N);
  const f = stats(fullMs);
  const b = stats(bareMs);
  const total = (xs: number[]): number => xs.reduce((a, x) => a + x, 0);
  // CPU time as well as wall time, interleaved like the medians: on a shared machine the wall clock
  // also counts waiting for a core.
  let fullCpuUs = 0;
  let bareCpuUs = 0;
  const cpu = (fn: () => unknown): number => {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    return used.user + used.system;
  };
  for (let k = 0; k < N; k++) {
    fullCpuUs += cpu(full);
    bareCpuUs += cpu(bare);
  }
  const fullCpu = fullCpuUs / 1000 / N;
  const bareCpu = bareCpuUs / 1000 / N;
  console.log(`intake article: ${N} articles (${pages.length} seed pages repeated, each a draft)`);
  console.log(
    `  extract+propose  median ${ms(f.median)}  p99 ${ms(f.p99)}  ${(N / (total(fullMs) / 1000)).toFixed(0)} articles/s wall, ${(1000 / fullCpu).toFixed(0)} per CPU-second`,
  );
  console.log(
    `  bare Readability median ${ms(b.median)}  p99 ${ms(b.p99)}  ${(N / (total(bareMs) / 1000)).toFixed(0)} articles/s wall, ${(1000 / bareCpu).toFixed(0)} per CPU-second`,
  );
  console.log(`  extract+propose runs at ${(b.median / f.median).toFixed(2)}× the bare loop's speed (medians, same run)`);

  // The two halves on their own, interleaved, to show where a change to either one lands.
  const articles = pages.map((p) => extractArticle(p.html, p.url)!);
  let x = 0;
  let y = 0;
  const [extractMs, proposeMs] = await paired(
    () => {
      const page = pages[x++ % pages.length]!;
      return extractArticle(page.html, page.url);
    },
    () => proposeDraft({ article: articles[y++ % articles.length]!, url: 'https://example.com/', publisher: 'Bench', matcher, now }),
    N,
  );
  console.log(`  extractArticle   median ${ms(stats(extractMs).median)}  p99 ${ms(stats(extractMs).p99)}`);
  console.log(`  proposeDraft     median ${ms(stats(proposeMs).median)}  p99 ${ms(stats(proposeMs).p99)}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await benchIntakeArticle();

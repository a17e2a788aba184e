// The intake commands of `blocwatch` (registered by src/cli.ts): source add/list/remove, poll, drafts (approve, reject) and
// import-article. Chat-equivalent actions go through the same dispatcher and command handlers as
// /source, so validation and answers are identical; `--json` prints the shapes DESIGN.md fixes.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { COMMANDS } from '../commands/index.ts';
import type { Caller } from '../commands/types.ts';
import type { Config } from './config.ts';
import type { Core } from './core.ts';
import { Dispatcher, outcomeOf } from './dispatch.ts';
import type { Logger } from './log.ts';
import type { Outcome } from './reply.ts';
import { renderReply } from './console/render.ts';
import { draftCard } from './intake/pipeline/card.ts';
import type { Draft } from './intake/pipeline/drafts.ts';
import { attachIntake } from './intake/pipeline/index.ts';
import { normalizeUrl } from './intake/net/normalize-url.ts';
import type { IntakeService } from './intake/pipeline/service.ts';
import type { IntakeSource } from './store/sources.ts';

export interface IntakeCliDeps {
  config(): Config;
  core(c: Config): Promise<Core>;
  logger(c: Config): Logger;
  /** Leaves with a message and an exit code. */
  fail(code: number, message: string): Error;
}

const OPERATOR: Caller = { platform: 'console', userId: 'cli', displayName: 'command line', isEditor: true, isSpaceAdmin: true };
const ACTOR = 'console:cli';
const style = () => ({ width: Math.min(process.stdout.columns || 100, 100), color: false });

/** A draft as DESIGN.md's `--json` contract shapes it. */
export function draftJson(core: Core, d: Draft) {
  const iso2 = (id: string) => core.entities.get(id)?.iso2 ?? id;
  return {
    id: d.id,
    title: d.title,
    summary: d.summary,
    date: d.date.text,
    precision: d.date.precision,
    countries: d.countries.map(iso2),
    blocs: d.blocs,
    kind: d.kind,
    sources: d.sources.map((s) => ({ url: s.url, publisher: s.publisher, lang: s.lang ?? d.language })),
    status: d.status,
    event_id: d.eventId,
    lang: d.language,
    relevance: d.relevance,
    date_reason: d.dateReason,
  };
}

export function sourceJson(s: IntakeSource) {
  return { id: s.id, url: s.url, name: s.name, disabled_reason: s.disabledReason, failures: s.failures, last_ok_at: s.lastOkAt };
}

export function registerIntakeCommands(program: Command, deps: IntakeCliDeps): void {
  /** Runs fn with the intake service of a freshly opened database, closing it after. */
  const withIntake = async <T>(
    fn: (intake: IntakeService, core: Core, c: Config) => Promise<T> | T,
    opts: { announce?: boolean; readers?: boolean } = {},
  ): Promise<T> => {
    const c = deps.config();
    const log = deps.logger(c);
    // The platform senders (discord REST, Bolt's client) load only for commands that may post a card.
    const tell = opts.announce ? await reviewPoster(c, log) : undefined;
    // Fetching and article reading load here, not at start: `blocwatch console` need not wait for them.
    const { IntakeService, ReaderPool } = await import('./intake/pipeline/service.ts');
    const core = await deps.core(c);
    // A pass reads many pages: on reader threads, as the bot's scheduled passes do.
    const reader = opts.readers ? new ReaderPool({ timeoutMs: c.INTAKE_TIMEOUT_MS, log }) : undefined;
    try {
      return await fn(attachIntake(core, new IntakeService(core, { log, tell, reader })), core, c);
    } finally {
      await reader?.close();
      await core.close();
    }
  };
  const print = (o: Outcome) => {
    if (o.kind !== 'reply') throw deps.fail(1, 'unexpected form');
    // A refusal (bad option, unknown id, a page that is not a feed) exits non-zero with its answer on
    // stderr, whatever tone the chat gives it (usage shown for a problem is a warning there).
    if (outcomeOf(o) !== 'ok') throw deps.fail(1, renderReply(o, style()).trimEnd());
    console.log(renderReply(o, style()).trimEnd());
  };
  const id = (s: string) => {
    if (!/^\d{1,12}$/.test(s)) throw deps.fail(1, `"${s}" is not a number.`);
    return Number(s);
  };

  const source = program.command('source').description('the news feeds blocwatch reads');
  source
    .command('add')
    .description('read a feed (RSS, Atom, RDF or JSON Feed) and draft events from its new items')
    .argument('<url>', 'feed address')
    .option('--name <name>', 'name shown for it (default: the feed title)')
    .option('--countries <list>', 'only articles about these countries (comma-separated)')
    .option('--blocs <list>', 'only articles about these blocs (comma-separated)')
    .option('--backfill <n>', 'draft the newest N items already in the feed')
    .action((url: string, o: { name?: string; countries?: string; blocs?: string; backfill?: string }) =>
      withIntake(async (_i, core) => print(await new Dispatcher(core, COMMANDS).runCommand('source', 'add', { url, ...o }, OPERATOR))),
    );
  source
    .command('list')
    .description('every source with its health')
    .option('--json', 'machine-readable output')
    .action((o: { json?: boolean }) =>
      withIntake(async (intake, core) => {
        if (o.json) return console.log(JSON.stringify((await intake.sources.list()).map(sourceJson), null, 2));
        print(await new Dispatcher(core, COMMANDS).runCommand('source', 'list', {}, OPERATOR));
      }),
    );
  source
    .command('remove')
    .description('stop reading a source')
    .argument('<id>', 'source number')
    .action((sid: string) =>
      withIntake(async (_i, core) => print(await new Dispatcher(core, COMMANDS).runCommand('source', 'remove', { id: sid }, OPERATOR))),
    );

  program
    .command('poll')
    .description('one pass over the sources that are due, then exit')
    .option('--source <id>', 'poll this source only')
    .option('--force', 'poll every enabled source, due or not')
    .action((o: { source?: string; force?: boolean }) =>
      withIntake(
        async (intake) => {
          const sourceId = o.source === undefined ? undefined : id(o.source);
          if (sourceId !== undefined && !(await intake.sources.get(sourceId))) throw deps.fail(1, `No source #${sourceId}.`);
          const r = await intake.pass({ force: Boolean(o.force), sourceId });
          if (!r.leased)
            throw deps.fail(
              1,
              `Another process (${(await intake.lease.holder())?.owner ?? 'unknown'}) is polling the sources; try again later.`,
            );
          for (const p of r.polled) {
            const what =
              p.status === 'not_modified'
                ? 'not modified'
                : p.status === 'ok'
                  ? `${p.newItems} new item(s), ${p.drafted.length} draft(s), ${p.merged.length} merged`
                  : `${p.status}: ${p.error}`;
            console.log(`#${p.sourceId} ${p.name}: ${what}`);
          }
          console.log(`Polled ${r.polled.length} source(s); ${r.drafted.length} new draft(s) wait in review.`);
        },
        { announce: true, readers: true },
      ),
    );

  const drafts = program
    .command('drafts')
    .description('pending drafts; approve or reject one')
    .option('--json', 'machine-readable output')
    .action((o: { json?: boolean }) =>
      withIntake(async (intake, core) => {
        const pending: Draft[] = [];
        for (let page = await intake.drafts.pending(500); page.length; page = await intake.drafts.pending(500, page.at(-1)!.id))
          pending.push(...page);
        if (o.json)
          return console.log(
            JSON.stringify(
              pending.map((d) => draftJson(core, d)),
              null,
              2,
            ),
          );
        if (!pending.length) return console.log('No drafts are waiting.');
        for (const d of pending) console.log(`${renderReply({ ...(await draftCard(core, d)), actions: undefined }, style()).trimEnd()}\n`);
      }),
    );
  drafts
    .command('approve')
    .description('publish a draft (a new event, or a further source of its event)')
    .argument('<id>', 'draft number')
    .action((did: string) =>
      withIntake(async (intake, core) => {
        try {
          const e = await intake.drafts.approve(id(did), ACTOR, core.now());
          console.log(`Draft #${did} approved: event #${e.id} (${e.title}).`);
        } catch (err) {
          if (err instanceof Error && (err.name === 'DraftDecidedError' || err.name === 'ConflictError' || err.name === 'NotFoundError'))
            throw deps.fail(1, err.message);
          throw err;
        }
      }),
    );
  drafts
    .command('reject')
    .description('drop a draft')
    .argument('<id>', 'draft number')
    .action((did: string) =>
      withIntake(async (intake, core) => {
        try {
          await intake.drafts.reject(id(did), ACTOR, core.now());
          console.log(`Draft #${did} rejected.`);
        } catch (err) {
          if (err instanceof Error && (err.name === 'DraftDecidedError' || err.name === 'NotFoundError')) throw deps.fail(1, err.message);
          throw err;
        }
      }),
    );

  program
    .command('import-article')
    .description('make one draft from an article: a URL, or a FILE of plain text or HTML')
    .argument('<target>', 'https://… or a file path')
    .option('--url <url>', 'for a FILE: the address it was published at (default: its canonical link)')
    .option('--json', 'machine-readable output')
    .action((target: string, o: { url?: string; json?: boolean }) =>
      withIntake(
        async (intake, core) => {
          const outcome = /^https?:\/\//i.test(target) ? await importUrl(intake, target) : await importFile(intake, target, o.url);
          if (outcome.kind === 'irrelevant')
            throw deps.fail(1, 'The article mentions no tracked country or bloc (or holds no readable text); nothing was drafted.');
          const d = outcome.draft;
          if (!d) throw deps.fail(1, 'That article was drafted by another process just now; see `drafts`.');
          if (o.json) return console.log(JSON.stringify(draftJson(core, d), null, 2));
          const note =
            outcome.kind === 'duplicate'
              ? 'Already drafted.'
              : outcome.kind === 'merged'
                ? 'Added to an existing draft of the same story.'
                : 'Drafted.';
          console.log(`${note}\n${renderReply({ ...(await draftCard(core, d)), actions: undefined }, style()).trimEnd()}`);
        },
        { announce: true },
      ),
    );

  async function importUrl(intake: IntakeService, url: string) {
    try {
      return await intake.importUrl(url, ACTOR);
    } catch (err) {
      if (err instanceof Error && err.name === 'FetchFailure') throw deps.fail(1, `Could not read ${url}: ${err.message}`);
      throw err;
    }
  }

  async function importFile(intake: IntakeService, file: string, given: string | undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw deps.fail(1, `Cannot read ${file}: ${(err as Error).message}`);
    }
    const { articleReading, htmlToText } = await import('./intake/pipeline/parts.ts');
    const { articleFromText, extractArticle } = await articleReading();
    const html = /<(html|body|article|p|div)[\s>]/i.test(text);
    const url = given ?? (html ? await canonicalLink(text) : undefined);
    if (url !== undefined && !/^https?:\/\/\S+$/i.test(url))
      throw deps.fail(1, `--url must be an http(s) address, not "${url.slice(0, 80)}".`);
    const article = html
      ? (extractArticle(text, url ?? 'https://example.invalid/') ?? articleFromText(htmlToText(text)))
      : articleFromText(text);
    return intake.importArticle(article, { url, urlKey: url ? normalizeUrl(url) : undefined, actor: ACTOR });
  }
}

/** Review cards go to the review channels through the app's platform senders (loaded only when needed). */
async function reviewPoster(c: Config, log: Logger) {
  const [{ digestSenders }, { reviewChannelPoster }] = await Promise.all([
    import('./app.ts'),
    import('./intake/pipeline/review-channels.ts'),
  ]);
  return reviewChannelPoster(c, await digestSenders(c, log), log);
}

/** The page's own address, from <link rel="canonical"> or og:url. */
async function canonicalLink(html: string): Promise<string | undefined> {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(html);
  const href =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    document.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return href && /^https?:\/\//i.test(href) ? href : undefined;
}

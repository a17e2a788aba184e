// `blocwatch <command>`: every entry point of the program.
// Platform modules (discord.js, Bolt) load only for the commands that need them: the console starts fast.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Commander from 'commander';
import { COMMANDS } from '../commands/index.ts';
import { config, core, database, Exit } from './cli-kit.ts';
import { platforms, ROLES, type Config, type Role } from './config.ts';
import { runConsole } from './console/index.ts';
import { createCore } from './core.ts';
import { Dispatcher } from './dispatch.ts';
import { registerAlertCommands } from './alert-cli.ts';
import { registerDbCommands } from './db-cli.ts';
import { registerIntakeCommands } from './intake-cli.ts';
import { backup, exportEvents, importEvents } from './io.ts';
import { createLogger, lazyLogger, type Logger } from './log.ts';
import { migrate, MigrationError } from './store/migrate.ts';
import { updateDataset } from './store/dataset-update.ts';
import { BackupRefused } from './store/ops.ts';
import { seed } from './store/seed.ts';

/** One line naming HTTP_HOST/HTTP_PORT when the server cannot listen. */
function listenExit(c: Config, err: unknown): unknown {
  const code = (err as { code?: unknown })?.code;
  const where = `${c.HTTP_HOST}:${c.HTTP_PORT}`;
  if (code === 'EADDRINUSE')
    return new Exit(4, `HTTP_PORT=${c.HTTP_PORT}: ${where} is already in use by another process; stop it or choose another HTTP_PORT.`);
  if (code === 'EACCES')
    return new Exit(
      4,
      `HTTP_PORT=${c.HTTP_PORT}: not allowed to listen on ${where} (ports below 1024 need privileges); choose another HTTP_PORT.`,
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new Exit(4, `HTTP_HOST=${c.HTTP_HOST}: not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its addresses.`);
  return err;
}

function drainOrClose(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * The last line of defence in a running bot: every request path validates its input and every handler
 * catches its own failures, so what arrives here is a library failing on one request. It is logged and
 * the process stays up: one bad request must not take Discord, Slack and the digests down with it.
 */
function keepRunningOnStrayErrors(log: Logger): void {
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection; still running'));
  process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception; still running'));
}

async function openConsole(c: Config, log: Logger): Promise<void> {
  const k = await core(c);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  await runConsole(new Dispatcher(k, COMMANDS, log), {
    input: process.stdin,
    output: process.stdout,
    interactive,
    style: { width: Math.min(process.stdout.columns || 100, 100), color: interactive && !process.env.NO_COLOR },
  });
  await k.close();
}

const NO_CREDENTIALS = `No chat platform is configured, and there is no terminal for the local console.
Set, in the environment or in .env (see .env.example):
  Discord: DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_PUBLIC_KEY with DISCORD_INTERACTIONS=http)
  Slack:   SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)
  Web:     WEB_ENABLED=true serves the public web pages, feeds and API alone
or run \`blocwatch console\` to use the console from a pipe.`;

/** The console on its own: reachable without commander (see main). */
async function consoleCommand(): Promise<void> {
  const c = config();
  await openConsole(c, lazyLogger(c.LOG_LEVEL === 'info' ? 'warn' : c.LOG_LEVEL));
}

export function buildProgram(): Commander.Command {
  // Required here, not imported: `blocwatch console` runs without commander (see main).
  const { Command, Option } = createRequire(import.meta.url)('commander') as typeof Commander;
  const program = new Command('blocwatch')
    .description('News-briefing bot for Discord and Slack about the CSTO and the blocs around it')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('start')
    .description('run the bot: configured platforms, digests and the HTTP server (the console when no platform is configured)')
    .option(
      '--role <role>',
      'web (HTTP interactions and pages), worker (schedulers, polls, deliveries) or all (default: BLOCWATCH_ROLE, else all)',
    )
    .action(async (opts: { role?: string }) => {
      if (opts.role !== undefined && !(ROLES as readonly string[]).includes(opts.role))
        throw new Exit(2, `--role must be web, worker or all (got "${opts.role}").`);
      const c = config();
      const role = (opts.role as Role | undefined) ?? c.BLOCWATCH_ROLE;
      const enabled = platforms(c);
      // The public web alone is a deployment too: a read-only site of the dataset, no chat platform.
      if (!enabled.discord && !enabled.slack && !c.WEB_ENABLED) {
        if (process.stdin.isTTY && process.stdout.isTTY) return openConsole(c, lazyLogger(c.LOG_LEVEL));
        throw new Exit(1, NO_CREDENTIALS);
      }
      const log = createLogger(c.LOG_LEVEL);
      let app: Awaited<ReturnType<typeof import('./app.ts').startApp>>;
      const k = await core(c);
      try {
        const { startApp } = await import('./app.ts');
        app = await startApp(c, log, { core: k, role });
      } catch (err) {
        if (err instanceof MigrationError) throw new Exit(3, err.message);
        throw listenExit(c, err);
      }
      keepRunningOnStrayErrors(log);
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          log.info({ signal }, 'shutting down');
          void app.stop().then(resolve);
        };
        process.once('SIGTERM', () => shutdown('SIGTERM'));
        process.once('SIGINT', () => shutdown('SIGINT'));
      });
    });

  program.command('console').description('type slash commands and read the answers, on the local database').action(consoleCommand);

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const c = config();
      const db = await database(c);
      try {
        const r = await migrate(db);
        console.log(
          r.applied.length ? `Applied ${r.applied.join(', ')}; schema version ${r.current}.` : `Up to date; schema version ${r.current}.`,
        );
      } catch (err) {
        if (err instanceof MigrationError) throw new Exit(3, err.message);
        throw err;
      } finally {
        await db.close();
      }
    });

  program
    .command('seed')
    .description('load the curated dataset (idempotent: what exists is left alone)')
    .action(async () => {
      const c = config();
      const db = await database(c);
      try {
        const k = await createCore(db, { seed: false });
        // A database of an older release first gets this release's corrections and additions, as at start.
        const hadData = Boolean(await db.get('SELECT 1 AS one FROM entities LIMIT 1'));
        const u = hadData ? await updateDataset(db, k.now()) : undefined;
        const r = await seed(db, k.now());
        console.log(
          `Seeded ${r.entities} entities, ${r.aliases} aliases, ${r.events} events, ${r.memberships} membership records (existing rows left unchanged).`,
        );
        if (u) {
          console.log(
            `Dataset updated from version ${u.from} to ${u.to}: ${u.edited.length} events corrected, ${u.added.length} added, ` +
              `${u.keptByEditors.length} left as editors changed them, ${u.alreadyRecorded.length} already recorded by editors.`,
          );
        }
      } catch (err) {
        if (err instanceof MigrationError) throw new Exit(3, err.message);
        throw err;
      } finally {
        await db.close();
      }
    });

  program
    .command('import')
    .description('import events from a JSON file: all rows, or none if any is invalid')
    .argument('<file>', 'JSON array of events ({title, date, countries, blocs, summary, sources, kind})')
    .action(async (file: string) => {
      const c = config();
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new Exit(1, `Cannot read ${file}: ${(err as Error).message}`);
      }
      const k = await core(c);
      try {
        const r = await importEvents(k, text, `cli:import:${file}`);
        if (!r.ok) throw new Exit(1, `Nothing imported; fix these and try again:\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
        console.log(`Imported ${r.added} events.`);
      } finally {
        await k.close();
      }
    });

  program
    .command('export')
    .description('write every event to stdout')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('json'))
    .action(async (opts: { format: 'json' | 'csv' }) => {
      const k = await core(config());
      try {
        for await (const chunk of exportEvents(k, opts.format)) {
          // The reader went away (`blocwatch export | head`): stop quietly, as other tools do.
          if (process.stdout.destroyed) break;
          if (!process.stdout.write(chunk)) await drainOrClose(process.stdout);
        }
      } finally {
        await k.close();
      }
    });

  program
    .command('backup')
    .description('write a consistent copy of the database while the bot runs')
    .argument('<file>', 'where to write the copy')
    .action(async (file: string) => {
      const k = await core(config());
      try {
        console.log(`Backed up ${await backup(k, file)} to ${file}.`);
      } catch (err) {
        if (err instanceof BackupRefused) throw new Exit(1, err.message);
        throw err;
      } finally {
        await k.close();
      }
    });

  program
    .command('register-commands')
    .description('register the slash commands with Discord (one guild: instant; otherwise global)')
    .option('--guild <id>', 'register to this guild only (default: DISCORD_GUILD_ID, else global)')
    .action(async (opts: { guild?: string }) => {
      const c = config();
      if (!c.DISCORD_TOKEN || !c.DISCORD_APPLICATION_ID)
        throw new Exit(2, 'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register commands.');
      const { registerCommands } = await import('./discord/register.ts');
      console.log(await registerCommands(c, { guild: opts.guild ?? c.DISCORD_GUILD_ID }));
    });

  program
    .command('slack-manifest')
    .description('print a Slack app manifest for these commands (Socket Mode, or HTTP with --url)')
    .option('--url <base>', 'public base URL of this server for HTTP mode, e.g. https://bot.example.org')
    .action(async (opts: { url?: string }) => {
      let manifest: Record<string, unknown>;
      try {
        const { slackManifest } = await import('./slack/manifest.ts');
        manifest = slackManifest(config(), { url: opts.url });
      } catch (err) {
        throw new Exit(2, (err as Error).message);
      }
      console.log(JSON.stringify(manifest, null, 2));
    });

  program
    .command('digest')
    .description('digest tools')
    .command('run')
    .description('deliver every digest that is due now')
    .option('--all', "deliver every subscription's pending entries regardless of time")
    .action(async (opts: { all?: boolean }) => {
      const c = config();
      const log = createLogger(c.LOG_LEVEL);
      const k = await core(c);
      try {
        const { runDigestsOnce } = await import('./digest/run.ts');
        const { digestSenders } = await import('./app.ts');
        console.log(await runDigestsOnce(k, await digestSenders(c, log), log, { all: Boolean(opts.all) }));
      } catch (err) {
        throw new Exit(1, (err as Error).message);
      } finally {
        await k.close();
      }
    });

  const chart = program.command('chart').description('membership history as a PNG picture');
  const writeChart = async (kind: 'bloc' | 'country', id: string, out: string | undefined) => {
    const k = await core(config());
    try {
      const { writeChartFile } = await import('./chart/file.ts');
      console.log(await writeChartFile(k, kind, id, out));
    } catch (err) {
      throw new Exit(1, (err as Error).message);
    } finally {
      await k.close();
    }
  };
  chart
    .command('membership')
    .description("a bloc's membership history (default: the CSTO)")
    .option('--bloc <id>', 'bloc id or name', 'csto')
    .option('--out <file>', 'PNG file to write (default: under the temp directory)')
    .action((opts: { bloc: string; out?: string }) => writeChart('bloc', opts.bloc, opts.out));
  chart
    .command('country')
    .description("a country's membership history across the blocs")
    .argument('<id>', 'country id or name')
    .option('--out <file>', 'PNG file to write (default: under the temp directory)')
    .action((id: string, opts: { out?: string }) => writeChart('country', id, opts.out));

  const deps = {
    config,
    core,
    logger: (c: Config) => createLogger(c.LOG_LEVEL),
    fail: (code: number, message: string) => new Exit(code, message),
  };
  registerAlertCommands(program, deps);
  registerDbCommands(program, deps);
  registerIntakeCommands(program, deps);

  return program;
}

export async function main(argv = process.argv): Promise<number> {
  // A closed pipe on stdout is the reader saying "enough", not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  try {
    // `blocwatch console` alone, the command a person sits waiting on, skips the parser: loading commander
    // is a tenth of the console's start-up. Anything more (`console --help`, a typo) is parsed as ever.
    if (argv.length === 3 && argv[2] === 'console') {
      await consoleCommand();
      return 0;
    }
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof Exit) {
      console.error(err.message);
      return err.code;
    }
    if (
      err &&
      typeof err === 'object' &&
      'exitCode' in err &&
      'code' in err &&
      String((err as { code: string }).code).startsWith('commander.')
    ) {
      return (err as { exitCode: number }).exitCode;
    }
    console.error(err);
    return 1;
  }
}

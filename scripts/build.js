#!/usr/bin/env node
// `npm run build`: type-checks src/ and commands/ with the project's TypeScript compiler
// (tsconfig.build.json), then bundles the program from src/cli.ts into dist/ with esbuild, and copies
// migrations/ beside it, so dist/ runs on Node with the production dependencies alone.
// Why a bundle: on Node 20 a start spent most of its time resolving and compiling ~70 modules of our own
// and zod's 95 files; a handful of bundle files start in about half the time. Code splitting keeps every
// dynamic import() (Discord, Slack, metrics, charts, intake) a lazy chunk of its own, and every package
// but zod stays in node_modules, resolved by Node at run time: native modules (better-sqlite3, canvas),
// packages that read their own files (pino's transports, node-cron's daemon, dejavu-fonts-ttf) and the
// platform libraries load exactly as they did.
// `--if-stale` builds only when dist/ is missing or older than a source: `npm start`, `npm run cli` and
// the test suite call it, so a checkout never runs yesterday's build.
// The build goes to a fresh directory that replaces dist/ in one rename: a process starting meanwhile
// sees the old build or the new one, never half of one.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
/** Written last: its presence means the build finished, its time is the build's. */
export const STAMP = join(DIST, '.built');
const INPUTS = ['src', 'commands', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.js'];
/** The packages compiled into the bundle: pure ES modules that read no files of their own. */
const BUNDLED = /^zod(\/|$)/;
/**
 * The reader thread's module (src/intake/article/reader-pool.ts starts it by this path under dist/): an
 * entry of its own, since a thread loads a file, not a chunk's export.
 */
const READER_WORKER = 'src/intake/article/reader-worker.ts';
/**
 * Modules whose location at run time matters: src/store/migrate.ts finds migrations/ at `../../`. As an
 * entry point of its own its code lands in dist/src/store/ or in a shared chunk in dist/src/chunks/, both
 * two levels below dist/ as in the checkout, never in dist/src/cli.js one level up.
 */
const ENTRIES = ['src/cli.ts', 'src/store/migrate.ts', READER_WORKER];

/** Newest modification time among the inputs; directories count, so a deleted file makes dist stale. */
function newestInput(path = ROOT, names = INPUTS) {
  let newest = 0;
  for (const name of names) {
    const p = join(path, name);
    if (!existsSync(p)) continue;
    const s = statSync(p);
    newest = Math.max(newest, s.mtimeMs);
    if (s.isDirectory()) newest = Math.max(newest, newestInput(p, readdirSync(p)));
  }
  return newest;
}

export function isStale() {
  return !existsSync(STAMP) || statSync(STAMP).mtimeMs < newestInput();
}

/** A build tool from the dev dependencies, or a clear message when only production ones are installed. */
function devTool(name, load) {
  try {
    return load(createRequire(import.meta.url));
  } catch {
    throw new Error(
      `dist/ is missing or out of date and ${name} is not installed: run \`npm install\` (with dev dependencies), then \`npm run build\`.`,
    );
  }
}

/** Fails the build if a bundle file that finds migrations/ relative to itself would not find it. */
function checkMigrationsPath(out) {
  for (const file of readdirSync(out, { recursive: true })) {
    if (!String(file).endsWith('.js')) continue;
    const path = join(out, String(file));
    if (!/['"`]\.\.\/\.\.\/migrations\/['"`]/.test(readFileSync(path, 'utf8'))) continue;
    const dir = resolve(dirname(path), '../../migrations');
    if (dir !== join(out, 'migrations')) throw new Error(`${relative(out, path)} would look for migrations in ${dir}`);
  }
}

export async function build() {
  const tsc = devTool('the TypeScript compiler', (req) => join(dirname(req.resolve('typescript/package.json')), 'bin', 'tsc'));
  const esbuild = devTool('esbuild', (req) => req.resolve('esbuild'));
  console.error('Building dist/ from the TypeScript sources…');
  const checked = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit', cwd: ROOT });
  if (checked.status !== 0) throw new Error(`the TypeScript check failed (exit ${checked.status ?? checked.signal})`);
  const out = join(ROOT, `dist.tmp-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  try {
    const { build: bundle } = await import(esbuild);
    await bundle({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      outdir: out,
      outbase: ROOT,
      entryNames: '[dir]/[name]',
      chunkNames: 'src/chunks/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      // Functions and classes keep their own names where the bundle renames a clash (pino logs err.type).
      keepNames: true,
      logLevel: 'warning',
      plugins: [
        {
          name: 'node-modules-external',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, ({ path }) =>
              path.startsWith('node:') || BUNDLED.test(path) ? undefined : { external: true },
            );
          },
        },
      ],
    });
    cpSync(join(ROOT, 'migrations'), join(out, 'migrations'), { recursive: true });
    checkMigrationsPath(out);
    writeFileSync(join(out, '.built'), `${new Date().toISOString()}\n`);
    rmSync(DIST, { recursive: true, force: true });
    renameSync(out, DIST);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (!process.argv.includes('--if-stale') || isStale()) await build();
  } catch (err) {
    console.error(`build: ${err.message}`);
    process.exit(1);
  }
}

#!/usr/bin/env node
// `npm run build`: type-checks src/ and commands/ with the project's TypeScript compiler
// (tsconfig.build.json), then bundles the program from src/cli.ts into one CommonJS file,
// dist/src/bundle/cli.js (the intake reader thread's module into one of its own), with esbuild, and
// copies migrations/ beside it, so dist/ runs on Node with the production dependencies alone.
// Why one CommonJS file: start-up. On Node 20 the console spent most of its start loading modules: first
// ~70 of our own and zod's 95 files, then (bundled as ES modules with code splitting) some twenty chunks,
// each read, resolved and linked through the asynchronous ES module loader. One file read and compiled
// synchronously answers the console's first question 20 ms sooner. Nothing is loaded early for it:
// esbuild wraps every module reached through a dynamic import() (Discord, Slack, metrics, charts, intake)
// in a function that runs on that import(), and the packages those modules use are require()d there.
// Every package but zod stays in node_modules, resolved by Node at run time: native modules
// (better-sqlite3, canvas), packages that read their own files (pino's transports, node-cron's daemon,
// dejavu-fonts-ttf) and the platform libraries load exactly as they did. ES-module-only packages
// (linkedom, franc-min) load through require(), which Node 20.19 (package.json engines) supports.
// Then the build runs the console once and keeps V8's code cache for the bundle (warmCodeCache below,
// bin/load-bundle.js): compiling was most of what remained of the console's start-up.
// `--if-stale` builds only when dist/ is missing or older than a source: `npm start`, `npm run cli` and
// the test suite call it, so a checkout never runs yesterday's build.
// The build goes to a fresh directory that replaces dist/ in one rename: a process starting meanwhile
// sees the old build or the new one, never half of one.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
/** Written last: its presence means the build finished, its time is the build's. */
export const STAMP = join(DIST, '.built');
const INPUTS = ['src', 'commands', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.js'];
/** The packages compiled into the bundle: pure ES modules that read no files of their own. */
const BUNDLED = /^zod(\/|$)/;
/**
 * The bundle, run by bin/blocwatch.js. Its location matters: src/store/migrate.ts finds migrations/ at
 * `../../`, so the bundle sits two levels below dist/ as that file does in the checkout.
 */
export const BUNDLE = 'src/bundle/cli.js';
/**
 * The reader thread's module (src/intake/article/reader-pool.ts starts it by this path under dist/): a
 * bundle of its own, since a thread loads a file; the thread has its own copies of the modules it uses.
 */
const READER_WORKER = 'src/intake/article/reader-worker.ts';

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
    const options = {
      absWorkingDir: ROOT,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // The sources are ES modules: strict, and import.meta.url is the file's own URL.
      banner: { js: `"use strict";\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
      define: { 'import.meta.url': '__importMetaUrl' },
      // import() of a package becomes require(): bin/load-bundle.js runs the bundle as a vm.Script, which
      // has no module loader of its own, and Node 20.19 requires ES modules too.
      supported: { 'dynamic-import': false },
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
    };
    await bundle({ ...options, entryPoints: ['src/cli.ts'], outfile: join(out, BUNDLE) });
    await bundle({ ...options, entryPoints: [READER_WORKER], outfile: join(out, READER_WORKER.replace(/\.ts$/, '.js')) });
    // dist/ is CommonJS; the checkout around it is "type": "module".
    writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs', private: true }, null, 2)}\n`);
    cpSync(join(ROOT, 'migrations'), join(out, 'migrations'), { recursive: true });
    checkMigrationsPath(out);
    writeFileSync(join(out, '.built'), `${new Date().toISOString()}\n`);
    rmSync(DIST, { recursive: true, force: true });
    renameSync(out, DIST);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  warmCodeCache();
}

/**
 * Leaves V8's code cache beside the bundle (see bin/load-bundle.js): seeds a temporary database, starts
 * the console on it once, answers one question, and keeps what V8 compiled for that. Without a cache the
 * program runs as well, only starts slower, so a failed warm-up is reported and the build stands.
 */
function warmCodeCache() {
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-build-'));
  // Its own directory (no .env) and a bare environment: no operator settings, no NODE_OPTIONS whose V8
  // flags would make the cache one that other starts refuse.
  const env = { PATH: process.env.PATH, DATABASE_PATH: join(dir, 'warm.db'), LOG_LEVEL: 'warn', NO_COLOR: '1' };
  const loader = JSON.stringify(pathToFileURL(join(ROOT, 'bin', 'load-bundle.js')).href);
  const run = (command, input) =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { loadBundle } from ${loader}; process.exitCode = await loadBundle(${command === 'console' ? '{ writeCache: true }' : ''}).main(['node', 'blocwatch', '${command}']);`,
      ],
      { cwd: dir, env, input, stdio: ['pipe', 'ignore', 'pipe'], encoding: 'utf8', timeout: 120_000 },
    );
  try {
    for (const [command, input] of [
      ['seed', ''],
      ['console', '/csto status armenia\n'],
    ]) {
      const r = run(command, input);
      if (r.status !== 0) throw new Error((r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`).trim());
    }
  } catch (err) {
    console.error(`build: no code cache, the program will start slower (${err.message})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
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

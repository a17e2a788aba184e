#!/usr/bin/env node
// `npm run build`: compiles src/ and commands/ to dist/ with the project's own TypeScript compiler
// (tsconfig.build.json rewrites the sources' `./x.ts` imports to `./x.js`) and copies migrations/ beside
// them, so dist/ runs on Node with the production dependencies alone.
// `--if-stale` builds only when dist/ is missing or older than a source: `npm start`, `npm run cli` and
// the test suite call it, so a checkout never runs yesterday's build.
// The build goes to a fresh directory that replaces dist/ in one rename: a process starting meanwhile
// sees the old build or the new one, never half of one.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
/** Written last: its presence means the build finished, its time is the build's. */
export const STAMP = join(DIST, '.built');
const INPUTS = ['src', 'commands', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

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

export function build() {
  let tsc;
  try {
    tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  } catch {
    throw new Error(
      'dist/ is missing or out of date and the TypeScript compiler is not installed: run `npm install` (with dev dependencies), then `npm run build`.',
    );
  }
  console.error('Building dist/ from the TypeScript sources…');
  const out = join(ROOT, `dist.tmp-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  try {
    const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', out], { stdio: 'inherit', cwd: ROOT });
    if (r.status !== 0) throw new Error(`the TypeScript build failed (exit ${r.status ?? r.signal})`);
    cpSync(join(ROOT, 'migrations'), join(out, 'migrations'), { recursive: true });
    writeFileSync(join(out, '.built'), `${new Date().toISOString()}\n`);
    rmSync(DIST, { recursive: true, force: true });
    renameSync(out, DIST);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (!process.argv.includes('--if-stale') || isStale()) build();
  } catch (err) {
    console.error(`build: ${err.message}`);
    process.exit(1);
  }
}

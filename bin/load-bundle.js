// Loads the built program, dist/src/bundle/cli.js (a CommonJS file), with V8's code cache when the build
// left one beside it. Compiling the bundle and the functions a start runs was a third of the console's
// start-up on Node 20, which has no module.enableCompileCache (Node 22); vm.Script's cachedData is the
// API that cache is built on. `npm run build` starts the console once and keeps what V8 compiled
// (scripts/build.js); a cache that V8 refuses (another Node version or V8 flags) only means compiling as
// before. The cache is named after the bundle's SHA-256: a bundle changed after the build is never run
// with code compiled from another.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist/src/bundle/cli.js', import.meta.url));

/** The file V8's code cache for this bundle text is kept in. */
export const cacheFileFor = (source) => `${BUNDLE}.${createHash('sha256').update(source).digest('hex').slice(0, 16)}.v8-cache`;

/** The bundle compiled, from cachedData when given and V8 accepts it (see script.cachedDataRejected). */
export function compileBundle(source, cachedData) {
  // The wrapper Node's CommonJS loader puts around a file: the bundle runs as require() would run it.
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData });
}

/**
 * The bundle's exports, as require() would give them. With `writeCache`, the code V8 compiled by the time
 * the process exits is written to the cache file (the build's warm-up run).
 */
export function loadBundle({ writeCache = false } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  const cacheFile = cacheFileFor(source);
  const script = compileBundle(source, writeCache ? undefined : readIfThere(cacheFile));
  if (writeCache) {
    process.on('exit', () => {
      const partial = `${cacheFile}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    });
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return module.exports;
}

function readIfThere(path) {
  try {
    return readFileSync(path);
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

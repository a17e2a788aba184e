#!/usr/bin/env node
// Runs the built program in dist/ (`npm run build`), on Node and the production dependencies alone.
// In a checkout, `npm start` and `npm run cli` build first when the sources are newer than dist/.
// The entry is a computed path, not a literal import: it names a build output, not a source file. The
// bundle is CommonJS, so it is required: importing it would first scan all of it for its exports.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/bundle/cli.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('blocwatch is not built yet: run `npm run build` (or `npm start`, which builds when needed).');
  process.exit(1);
}
const { main } = createRequire(import.meta.url)(fileURLToPath(entry));
const code = await main();
// A failed start may leave a platform client retrying in the background (Bolt's auth.test): leave now.
if (code !== 0) process.exit(code);
process.exitCode = code;

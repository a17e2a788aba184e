#!/usr/bin/env node
// Runs the built program in dist/ (`npm run build`), on Node and the production dependencies alone.
// In a checkout, `npm start` and `npm run cli` build first when the sources are newer than dist/.
// The bundle is named in load-bundle.js, not imported: it is a build output, not a source file.
import { existsSync } from 'node:fs';
import { BUNDLE, loadBundle } from './load-bundle.js';

if (!existsSync(BUNDLE)) {
  console.error('blocwatch is not built yet: run `npm run build` (or `npm start`, which builds when needed).');
  process.exit(1);
}
const { main } = loadBundle();
const code = await main();
// A failed start may leave a platform client retrying in the background (Bolt's auth.test): leave now.
if (code !== 0) process.exit(code);
process.exitCode = code;

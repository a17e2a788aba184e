#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a checkout and a running bot.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main();
// A failed start may leave a platform client retrying in the background (Bolt's auth.test): leave now.
if (code !== 0) process.exit(code);
process.exitCode = code;

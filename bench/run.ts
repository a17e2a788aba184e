// `npm run bench [-- core|discord|digest|chart]`: every bench, or the ones named.
import { benchChart } from './chart.ts';
import { benchCore } from './core.ts';
import { benchDigest } from './digest.ts';
import { benchDiscord } from './discord.ts';

const all: Record<string, () => Promise<void>> = { core: benchCore, discord: benchDiscord, digest: benchDigest, chart: benchChart };
const wanted = process.argv.slice(2).filter((a) => a in all);
for (const name of wanted.length ? wanted : Object.keys(all)) await all[name]!();

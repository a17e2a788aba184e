// `npm run bench [-- core|discord|digest]`: every bench, or the ones named.
import { benchCore } from './core.ts';

const all: Record<string, () => Promise<void>> = { core: benchCore };
const wanted = process.argv.slice(2).filter((a) => a in all);
for (const name of wanted.length ? wanted : Object.keys(all)) await all[name]!();

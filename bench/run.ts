// `npm run bench [-- core|discord|digest|alerts|chart|intake|web|replicas|replicas-web|startup] [--db postgres]`: every bench, or the ones named
// (`startup` is part of `core`; alone, it times start-up on a small database). `--db postgres` runs `core`
// and `digest` on PostgreSQL (./postgres-server.ts finds or starts the server).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAlerts } from './alerts.ts';
import { benchChart } from './chart.ts';
import { benchCore, benchStartup } from './core.ts';
import { benchCorePostgres } from './core-postgres.ts';
import { benchDigest } from './digest.ts';
import { benchDiscord } from './discord.ts';
import { benchIntake } from './intake.ts';
import { benchReplicas } from './replicas.ts';
import { benchReplicasWeb } from './replicas-web.ts';
import { benchWeb } from './web.ts';

/** Start-up alone, on a freshly seeded database (the curated dataset), without building the large one. */
async function startupOnly(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'blocwatch-bench-'));
  try {
    const db = join(dir, 'startup.db');
    spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'blocwatch.js'), 'seed'], {
      env: { ...process.env, DATABASE_PATH: db },
      stdio: 'ignore',
    });
    const r = await benchStartup(db);
    console.log(`${r.firstAnswer.median <= 2 * r.floor.median ? 'PASS' : 'MISS'} start to first answer <= 2x bare node + open db (median)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const onPostgres = args[args.indexOf('--db') + 1] === 'postgres' && args.includes('--db');
const all: Record<string, () => Promise<void>> = {
  core: onPostgres ? benchCorePostgres : benchCore,
  discord: benchDiscord,
  digest: () => benchDigest(onPostgres ? 'postgres' : 'sqlite'),
  alerts: benchAlerts,
  chart: benchChart,
  intake: benchIntake,
  web: benchWeb,
  replicas: benchReplicas,
  'replicas-web': benchReplicasWeb,
};
const wanted = args.filter((a) => a in all || a === 'startup');
if (wanted.includes('startup')) await startupOnly();
for (const name of wanted.length ? wanted.filter((w) => w !== 'startup') : Object.keys(all)) await all[name]!();

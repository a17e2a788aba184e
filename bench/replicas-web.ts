// `npm run bench -- replicas-web`: the web half of many processes on one PostgreSQL.
//
// 1. HTTP interactions throughput (signed Discord /csto status and /timeline, 16 concurrent clients on
//    loopback) of two `blocwatch start --role web` replicas behind nginx (deploy/nginx.conf, adapted to
//    loopback), against one replica behind the same proxy and one replica asked directly, in
//    alternating rounds of the same run. On a 2-core machine the replicas, nginx, PostgreSQL and the load
//    generator share two cores: the ratio says what a second replica buys on this machine, not on two hosts.
// 2. How a process learns that another process wrote (the answer cache's change token): LISTEN/NOTIFY
//    (what the store does) against a revision number read per request, each measured per request and
//    for staleness (a commit in one process until the other's token moves).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createCore } from '../src/core.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { chatInput, generateInteractionKeys } from '../tests/fakes/discord/index.ts';
import { freePort } from '../tests/global-setup.ts';
import { CONCURRENCY, load, type Signed } from './discord.ts';
import { benchPostgres } from './postgres-server.ts';
import { nginxProgram, startProxy, type NginxProxy } from '../tests/roles/nginx.ts';
import { ms, paired, stats } from './stats.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = 3;
const ROOT = join(import.meta.dirname, '..');

export async function benchReplicasWeb(): Promise<void> {
  console.log('\n== replicas-web: web replicas behind nginx on one PostgreSQL ==');
  const server = await benchPostgres();
  if (!server) {
    console.log('SKIPPED replicas-web: no PostgreSQL server programs (initdb, pg_ctl) and no BENCH_DATABASE_URL');
    return;
  }
  const name = `bench_replicas_web_${process.pid}`;
  try {
    const { url } = await server.database(name);
    await changeToken(url);
    const nginx = nginxProgram();
    if (!nginx) console.log('SKIPPED replicas-web throughput: nginx is not installed (apt-get install nginx)');
    else await throughput(url, nginx);
  } finally {
    await server.drop(name);
    server.stop();
  }
}

async function throughput(databaseUrl: string, nginx: string): Promise<void> {
  const keys = generateInteractionKeys();
  const running: { stop(): Promise<void> }[] = [];
  try {
    // The first replica migrates and seeds the empty database; the second finds it ready.
    const a = await replica(databaseUrl, keys.publicKeyHex);
    running.push(a);
    const b = await replica(databaseUrl, keys.publicKeyHex);
    running.push(b);
    const one: NginxProxy = await startProxy(nginx, await freePort(), [a.hostPort]);
    running.push(one);
    const two: NginxProxy = await startProxy(nginx, await freePort(), [a.hostPort, b.hostPort]);
    running.push(two);
    const bodies = signedBodies(keys);
    const targets = {
      direct: `http://${a.hostPort}/discord/interactions`,
      'proxy, 1 replica': `${one.url}/discord/interactions`,
      'proxy, 2 replicas': `${two.url}/discord/interactions`,
    };
    const results: Record<string, { rps: number[]; latencies: number[] }> = {};
    for (const k of Object.keys(targets)) results[k] = { rps: [], latencies: [] };
    // Warm every path (JIT, answer caches, nginx's upstream connections) before measuring.
    for (const target of Object.values(targets)) await load(target, bodies, 400);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [k, target] of Object.entries(targets)) {
        const r = await load(target, bodies, REQUESTS);
        results[k]!.rps.push(r.rps);
        results[k]!.latencies.push(...r.latencies);
      }
    }
    const best = (k: string) => Math.max(...results[k]!.rps);
    console.log(
      `HTTP interactions, ${REQUESTS} signed requests x ${ROUNDS} rounds, ${CONCURRENCY} concurrent (best round; median and p99 latency):`,
    );
    for (const k of Object.keys(targets)) {
      const s = stats(results[k]!.latencies);
      console.log(`  ${k.padEnd(18)} ${best(k).toFixed(0).padStart(6)} req/s   median ${ms(s.median)}   p99 ${ms(s.p99)}`);
    }
    console.log(
      `  2 replicas behind the proxy / 1 replica behind the proxy: ${(best('proxy, 2 replicas') / best('proxy, 1 replica')).toFixed(2)}x`,
    );
    console.log(`  2 replicas behind the proxy / 1 replica direct:           ${(best('proxy, 2 replicas') / best('direct')).toFixed(2)}x`);
    console.log(
      `  1 replica behind the proxy / 1 replica direct (the proxy's cost): ${(best('proxy, 1 replica') / best('direct')).toFixed(2)}x`,
    );
  } finally {
    for (const r of running.reverse()) await r.stop();
  }
}

/** Signed /csto status and /timeline requests, answered from each replica's answer cache once warm. */
function signedBodies(keys: ReturnType<typeof generateInteractionKeys>): Signed[] {
  const ts = String(Math.floor(Date.now() / 1000));
  return ['armenia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'tajikistan', 'russia'].flatMap((country) =>
    [chatInput({ name: 'csto', subcommand: 'status', options: { country } }), chatInput({ name: 'timeline', options: { country } })].map(
      (p) => {
        const body = JSON.stringify(p);
        return {
          body,
          headers: { 'content-type': 'application/json', 'x-signature-ed25519': keys.sign(ts, body), 'x-signature-timestamp': ts },
        };
      },
    ),
  );
}

async function replica(
  databaseUrl: string,
  publicKeyHex: string,
): Promise<{ hostPort: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'blocwatch.js'), 'start', '--role', 'web'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      DISCORD_TOKEN: 'bench',
      DISCORD_APPLICATION_ID: '900000000000000100',
      DISCORD_INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let hostPort: string | undefined;
  for await (const line of createInterface({ input: child.stderr! })) {
    hostPort = /"url":"http:\/\/([^"]+)"/.exec(line)?.[1];
    if (hostPort) break;
  }
  if (!hostPort) throw new Error('a replica did not start');
  child.stderr!.resume();
  return {
    hostPort,
    child,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * The change token two ways, between two stores on one database (two pools, as two processes have):
 * per request, what the answer cache pays to ask "did anything change?"; staleness, how long after a
 * commit in one the other's answer would follow it.
 */
async function changeToken(url: string): Promise<void> {
  const writer = await openPostgres(url, { max: 2 });
  const reader = await openPostgres(url, { max: 2 });
  try {
    await createCore(writer);
    // The alternative: a counter every data-table commit bumps (a statement trigger, as notify_changed is), read per request.
    await writer.exec(`CREATE TABLE IF NOT EXISTS bench_revision (id int PRIMARY KEY, n bigint NOT NULL);
      INSERT INTO bench_revision VALUES (1, 0) ON CONFLICT DO NOTHING;
      CREATE OR REPLACE FUNCTION bench_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE bench_revision SET n = n + 1 WHERE id = 1; RETURN NULL; END $$;
      DROP TRIGGER IF EXISTS bench_events_bump ON events;
      CREATE TRIGGER bench_events_bump AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH STATEMENT EXECUTE FUNCTION bench_bump();`);
    const revision = async () => (await reader.get<{ n: number }>('SELECT n FROM bench_revision WHERE id = 1'))!.n;
    const [listen, read] = await paired(
      () => reader.changes(),
      () => revision(),
      5000,
    );
    const l = stats(listen);
    const r = stats(read);
    console.log('Change token, per request (median / p99):');
    console.log(`  LISTEN/NOTIFY (Sql.changes(), in memory)  ${ms(l.median)} / ${ms(l.p99)}`);
    console.log(`  revision number read per request          ${ms(r.median)} / ${ms(r.p99)}   (${(r.median / l.median).toFixed(0)}x)`);

    const lags: number[] = [];
    let readStale = 0;
    for (let i = 0; i < 300; i++) {
      const token = await reader.changes();
      const before = await revision();
      await writer.run('UPDATE events SET updated_at = updated_at WHERE id = 1');
      const committed = process.hrtime.bigint();
      // The revision read, asked right after the commit, already sees it (or the method would be wrong).
      if ((await revision()) === before) readStale++;
      while ((await reader.changes()) === token) await new Promise((res) => setImmediate(res));
      lags.push(Number(process.hrtime.bigint() - committed) / 1e6);
    }
    const s = stats(lags);
    console.log('Staleness: a commit in one process until the other follows it (300 commits):');
    console.log(`  LISTEN/NOTIFY        median ${ms(s.median)}, p99 ${ms(s.p99)}, max ${ms(Math.max(...lags))}`);
    console.log(`  revision read        0 ms after the commit (${readStale} of 300 reads right after a commit missed it)`);
  } finally {
    await writer.close();
    await reader.close();
  }
}

// compose.yaml's processes, started by hand as compose would start them (Docker cannot run here): one
// empty PostgreSQL database, two `web` replicas and one `worker` with the compose environment, all
// started as compose starts them, and nginx with deploy/nginx.conf (its upstreams moved to loopback) in front of the
// replicas. They come up healthy (by the image's own HEALTHCHECK command), the proxy reaches both
// replicas, and the worker delivers a due digest to the Discord stand-in.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { chatInput, generateInteractionKeys, postSignedInteraction, startDiscordFake, type DiscordFake } from '../fakes/discord/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { freshPostgresDatabase } from '../engines.ts';
import { freePort } from '../global-setup.ts';
import { tempDir } from '../helpers.ts';
import { nginxProgram, startProxy } from './nginx.ts';
import { cleanEnv, discordHttpEnv, dueDigest, startBot, waitFor, type Bot } from './processes.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CHANNEL = '930000000000000077';
const nginx = nginxProgram();
if (!nginx) console.warn('*** tests/roles/compose.test.ts SKIPPED: nginx is not installed (apt-get install nginx) ***');

let discord: DiscordFake;
const tmp = tempDir();
failOnViolations(() => discord);
beforeAll(async () => {
  discord = await startDiscordFake();
});
afterAll(async () => {
  await discord?.close();
  tmp.cleanup();
});

/** The Dockerfile's HEALTHCHECK command, run against a process on `port`: its exit status. */
function imageHealthcheck(port: string): number | null {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const line = text.split('\n').find((l) => l.startsWith('HEALTHCHECK'))!;
  const cmd = JSON.parse(line.slice(line.indexOf('['))) as string[];
  return spawnSync(cmd[0] === 'node' ? process.execPath : cmd[0]!, cmd.slice(1), { env: { ...cleanEnv, HTTP_PORT: port }, timeout: 20_000 })
    .status;
}

it.skipIf(!nginx)(
  '2 web replicas behind nginx and 1 worker on an empty database: healthy, proxied, and the digest delivered',
  async () => {
    const db = await freshPostgresDatabase();
    onTestFinished(() => db.drop());
    const keys = generateInteractionKeys();
    // What .env holds in this deployment (Discord over HTTP, pointed at the stand-in) and what compose sets.
    const env = {
      ...discordHttpEnv(discord, keys.publicKeyHex, db.url),
      DATABASE_PATH: join(tmp.dir, 'blocwatch.db'),
      HTTP_HOST: '127.0.0.1',
      // To count what each replica answered.
      METRICS_ENABLED: 'true',
    };
    // The two replicas at once on the empty database, as `docker compose up` starts them: they migrate and seed it together.
    const [web1, web2] = await Promise.all([startBot({ ...env, BLOCWATCH_ROLE: 'web' }), startBot({ ...env, BLOCWATCH_ROLE: 'web' })]);
    const port = (b: Bot) => new URL(b.url).port;

    const proxy = await startProxy(nginx!, await freePort(), [`127.0.0.1:${port(web1)}`, `127.0.0.1:${port(web2)}`]);
    onTestFinished(() => proxy.stop());
    // Through the proxy: both replicas answer (least_conn spreads concurrent requests), each a signed interaction.
    const asked = Array.from({ length: 12 }, () => chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia' } }));
    const answers = await Promise.all(
      asked.map(async (p) => {
        discord.expectInteraction(p);
        const r = await postSignedInteraction(`${proxy.url}/discord/interactions`, p, keys);
        expect(discord.acknowledgeHttp(p, r.json)).toEqual([]);
        return r.status;
      }),
    );
    expect(answers.every((s) => s === 200)).toBe(true);
    for (let i = 0; i < 4; i++) expect(await (await fetch(`${proxy.url}/healthz`)).json()).toMatchObject({ ok: true, role: 'web' });
    const served = await Promise.all([web1, web2].map(interactionsAnswered));
    expect(served[0]! + served[1]!).toBe(asked.length);
    expect(Math.min(...served)).toBeGreaterThan(0);

    // A digest that came due: the worker (and only it) delivers it.
    await dueDigest(db.url, CHANNEL, 'Delivered by the compose worker');
    const worker = await startBot({ ...env, BLOCWATCH_ROLE: 'worker' });
    for (const b of [web1, web2, worker]) expect(imageHealthcheck(port(b)), b.logs()).toBe(0);
    expect(await worker.health()).toMatchObject({ ok: true, role: 'worker', platforms: ['digests', 'alerts', 'intake'] });
    const delivered = await waitFor(() => discord.messagesIn(CHANNEL).length > 0, 10_000);
    expect(delivered, worker.logs()).toBe(true);
    expect(JSON.stringify(discord.messagesIn(CHANNEL)[0]!.embeds)).toContain('Delivered by the compose worker');
    expect(worker.logs()).toContain('digests: scheduler running');
    expect(web1.logs() + web2.logs()).not.toContain('scheduler running');
    console.log(`through the proxy: web-1 answered ${served[0]} interactions, web-2 ${served[1]}`);
  },
  90_000,
);

/** Interactions a replica answered, from its own /metrics. */
async function interactionsAnswered(b: Bot): Promise<number> {
  const text = await (await fetch(`${b.url}/metrics`)).text();
  return [...text.matchAll(/^blocwatch_interactions_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

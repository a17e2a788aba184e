// Child process of the Discord bench: serves either the real app's /discord/interactions ('app') or a
// bare signature-checking server ('bare'), so that the load generator does not share its CPU.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createCore } from '../src/core.ts';
import { discordPublicKey, verifyDiscordRequest } from '../src/discord/verify.ts';
import { readRawBody } from '../src/http/server.ts';
import { openSqlite } from '../src/store/sqlite.ts';

const [mode, publicKeyHex] = process.argv.slice(2) as ['app' | 'bare', string];
if (mode === 'app') {
  const config = loadConfig({
    DISCORD_TOKEN: 'bench',
    DISCORD_APPLICATION_ID: '900000000000000100',
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_API_URL: 'http://127.0.0.1:9/api',
    HTTP_PORT: '0',
  });
  const app = await startApp(config, pino({ level: 'silent' }), { core: await createCore(openSqlite(':memory:')) });
  console.log(`${app.url}/discord/interactions`);
} else {
  const key = discordPublicKey(publicKeyHex);
  const fixed = JSON.stringify({ type: 4, data: { content: 'ok', allowed_mentions: { parse: [] } } });
  const bare = createServer(async (req, res) => {
    const body = (await readRawBody(req))!;
    const ok = verifyDiscordRequest(
      key,
      req.headers['x-signature-ed25519'] as string,
      req.headers['x-signature-timestamp'] as string,
      body,
    );
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(fixed);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
  console.log(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`);
}
// Exit normally on SIGTERM so that `--cpu-prof` (BENCH_CPU_PROF=1) can write its profile.
process.on('SIGTERM', () => process.exit(0));

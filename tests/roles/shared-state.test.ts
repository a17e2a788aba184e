// What several web processes behind a load balancer share through PostgreSQL: one decision per draft,
// Slack's replay protection, and answers that follow another process's writes within a second.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminMember,
  button,
  chatInput,
  generateInteractionKeys,
  modalSubmit,
  postSignedInteraction,
  startDiscordFake,
  type DiscordFake,
} from '../fakes/discord/index.ts';
import { ADMIN_ID, signSlack, slashCommand, startSlackFake, type SlackFake } from '../fakes/slack/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { articlePage } from '../intake/feed-server.ts';
import { SEEDS } from '../intake/setup.ts';
import { tempDir } from '../helpers.ts';
import { visible } from '../discord/setup.ts';
import { cli, discordHttpEnv, sharedDatabase, sleep, startBot, waitFor, type Bot } from './processes.ts';

const SECOND_EDITOR = { ...adminMember, userId: '800000000000000009' };
let discord: DiscordFake;
let slack: SlackFake;
const keys = generateInteractionKeys();
const tmp = tempDir();
failOnViolations(
  () => discord,
  () => slack,
);
beforeAll(async () => {
  [discord, slack] = await Promise.all([startDiscordFake(), startSlackFake()]);
});
afterAll(async () => {
  await Promise.all([discord?.close(), slack?.close()]);
  tmp.cleanup();
});

/** Discord over HTTP and Slack over HTTP, on the given database, as every web replica is configured. */
const webEnv = (databaseUrl: string) => ({
  ...discordHttpEnv(discord, keys.publicKeyHex, databaseUrl),
  DISCORD_EDITOR_USER_IDS: `${adminMember.userId},${SECOND_EDITOR.userId}`,
  SLACK_BOT_TOKEN: slack.botToken,
  SLACK_SIGNING_SECRET: slack.signingSecret,
  SLACK_API_URL: slack.apiUrl,
  SLACK_EDITOR_USER_IDS: ADMIN_ID,
});

/** Two web replicas on one fresh database. */
async function twoReplicas(): Promise<{ env: Record<string, string>; a: Bot; b: Bot }> {
  const env = webEnv(await sharedDatabase());
  const [a, b] = await Promise.all([startBot(env, 'web'), startBot(env, 'web')]);
  return { env, a, b };
}

/** A Discord interaction answered over HTTP by one replica, its answer checked by the stand-in. */
async function ask(bot: Bot, payload: unknown) {
  discord.expectInteraction(payload);
  const r = await postSignedInteraction(`${bot.url}/discord/interactions`, payload, keys);
  expect(r.status).toBe(200);
  expect(discord.acknowledgeHttp(payload, r.json)).toEqual([]);
  return r.json;
}

describe('several web processes on one PostgreSQL database', () => {
  it('two editors press Approve on the same draft on two processes at once: one event, and the other is told', async () => {
    const { env, a, b } = await twoReplicas();
    const file = join(tmp.dir, 'article.html');
    writeFileSync(file, articlePage(SEEDS[1]!, 'Outlet A', '2026-11-18T08:00:00Z'));
    const imported = cli(env, ['import-article', file, '--url', 'https://outlet-a.example/seed', '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    const draft = JSON.parse(imported.stdout) as { id: number; title: string };

    const press = (bot: Bot, member: typeof adminMember) => ask(bot, button({ customId: `review:approve:${draft.id}`, member }));
    const answers = await Promise.all([press(a, adminMember), press(b, SECOND_EDITOR)]);
    const texts = answers.map((r) => visible(r.data));
    const won = texts.filter((t) => new RegExp(`Draft #${draft.id} approved: event #\\d+`).test(t));
    const lost = texts.filter((t) => new RegExp(`Draft #${draft.id} was already approved by discord:\\d+`).test(t));
    expect({ won: won.length, lost: lost.length }, texts.join('\n---\n')).toEqual({ won: 1, lost: 1 });
    // One event with the draft's title, however the two transactions interleaved.
    const search = await ask(a, chatInput({ name: 'search', options: { query: draft.title.split(' ').slice(0, 4).join(' ') } }));
    expect(visible(search.data).split(draft.title).length - 1).toBe(1);
    const listed = cli(env, ['drafts', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  }, 60_000);

  it('a signed Slack request replayed to another process is refused there', async () => {
    const { a, b } = await twoReplicas();
    const responseUrl = slack.responseUrl();
    const body = new URLSearchParams(
      slashCommand({ command: '/csto', text: 'status armenia', user: ADMIN_ID, responseUrl, triggerId: slack.triggerId() }),
    ).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(slack.signingSecret, body) };
    const send = (bot: Bot) => fetch(`${bot.url}/slack/events`, { method: 'POST', headers, body });
    expect((await send(a)).status).toBe(200);
    const responses = slack.responses.get(responseUrl.split('/').pop()!)!;
    await waitFor(() => responses.length > 0, 5000);
    expect(responses).toHaveLength(1);
    // The same bytes and signature, to the other replica: acknowledged (Slack would otherwise retry) and not run.
    const replay = await send(b);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('');
    await sleep(1000);
    expect(responses).toHaveLength(1);
    expect(b.logs()).toContain('replayed request ignored');
  }, 60_000);

  it('an event added or edited through one process is in /timeline answered by another within a second', async () => {
    const { a, b } = await twoReplicas();
    const timeline = async () => visible((await ask(b, chatInput({ name: 'timeline', options: { country: 'armenia' } }))).data);
    // The other process has the answer cached from before the write.
    const before = await timeline();
    expect(await timeline()).toBe(before);

    const title = `Replica freshness check ${Date.now()}`;
    const today = new Date().toISOString().slice(0, 10);
    const fields = {
      title,
      date: today,
      countries: 'Armenia',
      summary: 'Written through one process.',
      sources: 'https://example.org/fresh',
    };
    const added = await ask(a, modalSubmit({ customId: 'event:add:other', fields, member: adminMember }));
    const id = /#(\d+)/.exec(visible(added.data))?.[1];
    expect(id, visible(added.data)).toBeDefined();
    const addedAt = Date.now();
    expect(await waitFor(async () => (await timeline()).includes(title), 1000)).toBe(true);
    const addSeen = Date.now() - addedAt;

    const edited = `${title} (corrected)`;
    await ask(a, modalSubmit({ customId: `event:edit:${id}:1:other`, fields: { ...fields, title: edited }, member: adminMember }));
    const editedAt = Date.now();
    expect(await waitFor(async () => (await timeline()).includes(edited), 1000)).toBe(true);
    console.log(`another process answered with the new event after ${addSeen} ms, with the correction after ${Date.now() - editedAt} ms`);
  }, 60_000);
});

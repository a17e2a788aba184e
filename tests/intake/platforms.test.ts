// Review on the real platforms: the review card posted to the review channel by a poll, and an
// Approve press through the real Discord adapter and the real Bolt app against their stand-ins.
import { afterEach, describe, expect, it } from 'vitest';
import { adminMember, button, plainMember, postSignedInteraction } from '../fakes/discord/index.ts';
import { ADMIN_ID, MEMBER_ID } from '../fakes/slack/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { intakeOf } from '../../src/intake/pipeline/index.ts';
import { normalizeUrl } from '../../src/intake/pipeline/parts.ts';
import type { Core } from '../../src/core.ts';
import { startDiscordApp, visible as discordVisible, type DiscordHarness } from '../discord/setup.ts';
import { startSlackApp, until, visible as slackVisible, type SlackHarness } from '../slack/setup.ts';
import { NewsServer } from './feed-server.ts';
import { itemFor, SEEDS, servePages } from './setup.ts';

const REVIEW_DISCORD = '910000000000000077';
const REVIEW_SLACK = 'C0REVIEW01';
let news: NewsServer;
let closers: (() => Promise<void>)[] = [];
let discord: DiscordHarness | undefined;
let slack: SlackHarness | undefined;
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers = [];
});
failOnViolations(
  () => discord?.fake,
  () => slack?.fake,
);

/** A news server with one feed, a source on it (backfill 1), and one pass: one new draft. */
async function draftOne(core: Core) {
  news = await new NewsServer().start();
  closers.push(() => news.close());
  servePages(news);
  news.feed('/feed.xml', { title: 'Outlet A', items: [itemFor(SEEDS[1]!, 1)] });
  const intake = await intakeOf(core);
  await intake.sources.add(
    {
      url: news.url('/feed.xml'),
      urlKey: normalizeUrl(news.url('/feed.xml')),
      name: 'Outlet A',
      countries: [],
      blocs: [],
      backfill: 1,
      addedBy: 'test',
    },
    core.now(),
  );
  const r = await intake.pass();
  expect(r.drafted).toHaveLength(1);
  return r.drafted[0]!;
}

describe('Discord', () => {
  it('posts the review card to the review channel; Approve by an editor publishes, by anyone else is refused', async () => {
    const h: DiscordHarness = await startDiscordApp('http', {
      INTAKE_ALLOW_PRIVATE: 'true',
      INTAKE_REVIEW_CHANNEL_DISCORD: REVIEW_DISCORD,
    });
    discord = h;
    closers.push(() => h.close());
    const draft = await draftOne(h.core);
    const [card] = h.fake.messagesIn(REVIEW_DISCORD);
    expect(card).toBeDefined();
    expect(discordVisible(card)).toContain(draft.title);
    expect(card!.allowed_mentions).toEqual({ parse: [] });
    const ids = card!.components.flatMap((row: { components: { custom_id: string }[] }) => row.components.map((c) => c.custom_id));
    expect(ids).toEqual([`review:approve:${draft.id}`, `review:edit:${draft.id}`, `review:reject:${draft.id}`]);

    const press = async (member: typeof adminMember) => {
      const payload = button({ customId: `review:approve:${draft.id}`, member, message: card });
      const r = await postSignedInteraction(`${h.app.url}/discord/interactions`, payload, h.keys);
      expect(r.status).toBe(200);
      expect(h.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
      return r.json;
    };
    const refused = await press(plainMember);
    expect(discordVisible(refused.data)).toContain('Only editors');
    expect((await (await intakeOf(h.core)).drafts.get(draft.id))!.status).toBe('pending');

    const ok = await press(adminMember);
    expect(ok.type).toBe(7);
    expect(discordVisible(ok.data)).toMatch(new RegExp(`Draft #${draft.id} approved: event #\\d+`));
    const approved = (await (await intakeOf(h.core)).drafts.get(draft.id))!;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: `discord:${adminMember.userId}` });
    expect((await h.core.events.get(approved.resultingEventId!))!.title).toBe(draft.title);
  }, 30_000);
});

describe('Slack', () => {
  it('posts the review card to the review channel; Approve by an editor publishes, by anyone else is refused', async () => {
    const h: SlackHarness = await startSlackApp('http', { INTAKE_ALLOW_PRIVATE: 'true', INTAKE_REVIEW_CHANNEL_SLACK: REVIEW_SLACK });
    slack = h;
    closers.push(() => h.close());
    const draft = await draftOne(h.core);
    const [card] = h.fake.messages.get(REVIEW_SLACK) ?? [];
    expect(card).toBeDefined();
    expect(slackVisible(card)).toContain(draft.title);
    const refused = await h.press(`review:approve:${draft.id}`, MEMBER_ID);
    expect(refused.status).toBe(200);
    await until(() => refused.responses.length > 0);
    expect(slackVisible(refused.responses[0])).toContain('Only editors');
    const ok = await h.press(`review:approve:${draft.id}`, ADMIN_ID);
    await until(() => ok.responses.length > 0);
    expect(slackVisible(ok.responses[0])).toContain(`Draft #${draft.id} approved`);
    const approved = (await (await intakeOf(h.core)).drafts.get(draft.id))!;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: `slack:${ADMIN_ID}` });
  }, 30_000);
});

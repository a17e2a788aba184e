// Finding a Discord digest part whose reply was lost, past the nonce window: the lookup reads the channel
// from shortly before the part was handed over, page by page (Discord gives at most 100 a page), so a
// busy channel never hides the part and makes the bot post it twice.
import { afterEach, expect, it } from 'vitest';
import { failOnViolations } from '../fakes/violations.ts';
import { textOf } from '../helpers.ts';
import { DISCORD_NEWS, digestHarness, discordAdmin, expectJournalComplete, type DigestHarness } from './setup.ts';

let h: DigestHarness;
failOnViolations(
  () => h?.discord,
  () => h?.slack,
);
afterEach(async () => {
  await h?.close();
});

async function chatter(n: number) {
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${h.discord.apiUrl}/v10/channels/${DISCORD_NEWS}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${h.discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: `chatter ${i}` }),
    });
    expect(res.status).toBe(200);
  }
}

it('a lost part is found behind more than a page of messages posted just before it', async () => {
  h = await digestHarness('2026-11-22T10:00:00Z');
  expect(textOf(await h.dispatcher.runText('digest', 'subscribe at:08:00 tz:UTC', discordAdmin))).toContain('Digest subscribed');
  await h.addEvent('Busy-channel event', 'Armenia');
  // 150 messages in the half minute before the digest goes out.
  h.clock.set('2026-11-23T07:59:30Z');
  await chatter(150);
  h.discord.failNext(/POST \/channels\/\d+\/messages/, { status: 500, afterStore: true });
  h.clock.set('2026-11-23T08:00:00Z');
  const svc = h.service({ maxAttempts: 1 });
  expect(await svc.tick()).toMatchObject({ delivered: 0, deferred: 1 });
  h.clock.advance(10 * 60_000);
  expect(await svc.tick()).toMatchObject({ delivered: 1 });
  const digests = h.discord.messagesIn(DISCORD_NEWS).filter((m) => m.embeds.length > 0);
  expect(digests).toHaveLength(1);
  await expectJournalComplete(h);
});

// Child process of the digest bench: the Discord and Slack stand-ins with a global rate limit on
// message posts, in their own process so that their CPU and memory are not the deliverer's.
// Prints one JSON line with their addresses; answers "stats" on stdin with what they received, and
// "reset" by forgetting Discord's messages (the alert bench posts twice: its baseline, then the alerts).
import { createInterface } from 'node:readline';
import { startDiscordFake } from '../tests/fakes/discord/index.ts';
import { startSlackFake } from '../tests/fakes/slack/index.ts';

const [discordRate, slackRate] = process.argv.slice(2).map(Number) as [number, number];
const discord = await startDiscordFake();
const slack = await startSlackFake();
discord.setGlobalRateLimit(discordRate);
/** When each message post passed Discord's global limit: the hook runs right after the stand-in's check. */
const admitted: number[] = [];
discord.onMessagePost(() => {
  admitted.push(Date.now());
});
slack.setRateLimit(slackRate);
console.log(
  JSON.stringify({
    discordApi: discord.apiUrl,
    discordToken: discord.token,
    discordApplicationId: discord.applicationId,
    slackApi: slack.apiUrl,
    slackToken: slack.botToken,
    slackSigningSecret: slack.signingSecret,
  }),
);
const count = (m: Map<string, unknown[]>) => [...m.values()].reduce((n, l) => n + l.length, 0);
/** When the first and the last message were stored (epoch ms), for the alert bench's "approval to last post". */
const span = (m: Map<string, { storedAt?: number }[]>) => {
  const at = [...m.values()].flat().map((x) => x.storedAt ?? 0);
  return at.length ? { firstAt: Math.min(...at), lastAt: Math.max(...at) } : { firstAt: 0, lastAt: 0 };
};
const dupes = (m: Map<string, unknown[]>) => [...m.values()].filter((l) => l.length > 1).length;
/** The most of these instants (epoch ms) in one second, counted in the stand-ins' own windows (whole seconds). */
const perSecond = (at: number[]) => {
  const n = new Map<number, number>();
  for (const t of at) n.set(Math.floor(t / 1000), (n.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(0, ...n.values());
};
/** Discord: accepted posts a second (all channels, and the busiest channel); both: posts tried a second (429s included). */
const rates = () => {
  const discordPosts = discord.requests.filter((r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path));
  const slackPosts = slack.calls.filter((c) => c.method === 'chat.postMessage');
  return {
    discord: {
      acceptedPerSecond: perSecond(admitted),
      triedPerSecond: perSecond(discordPosts.map((r) => r.at)),
      busiestChannelPerSecond: Math.max(0, ...[...discord.messages.values()].map((l) => perSecond(l.map((m) => m.storedAt ?? 0)))),
      refused: discordPosts.length - count(discord.messages),
    },
    // Slack's stored messages carry no time: what it accepted a second is bounded by its limit (it refuses the rest).
    slack: { triedPerSecond: perSecond(slackPosts.map((c) => c.at)), refused: slackPosts.length - count(slack.messages) },
  };
};
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'reset') {
    discord.messages.clear();
    discord.requests.length = 0;
    admitted.length = 0;
    console.log('{}');
  }
  if (line === 'rates') console.log(JSON.stringify(rates()));
  if (line === 'stats') {
    const limited = (calls: number) => calls;
    console.log(
      JSON.stringify({
        discord: {
          messages: count(discord.messages),
          channelsWithDuplicates: dupes(discord.messages),
          violations: discord.violations.length,
          requests: limited(discord.requests.length),
          ...span(discord.messages),
        },
        slack: {
          messages: count(slack.messages),
          channelsWithDuplicates: dupes(slack.messages),
          violations: slack.violations.length,
          requests: limited(slack.calls.length),
        },
      }),
    );
  }
}

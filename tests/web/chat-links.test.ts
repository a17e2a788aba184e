// With PUBLIC_URL set, /timeline and /csto status end with a button to the matching web page: a Discord
// link button, a Slack button with a URL (pressing it runs nothing), a printed link in the console.
// Without PUBLIC_URL there is none. The stand-ins check each button as the platforms would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput, postSignedInteraction } from '../fakes/discord/index.ts';
import { failOnViolations } from '../fakes/violations.ts';
import { startDiscordApp, type DiscordHarness } from '../discord/setup.ts';
import { startSlackApp, until, type SlackHarness } from '../slack/setup.ts';
import { dispatcher, memoryCore, member, textOf } from '../helpers.ts';

const PUBLIC_URL = 'https://blocwatch.example';

let discord: DiscordHarness;
let slack: SlackHarness;
failOnViolations(() => discord?.fake);
failOnViolations(() => slack?.fake);
beforeAll(async () => {
  discord = await startDiscordApp('http', { PUBLIC_URL: `${PUBLIC_URL}/` });
  slack = await startSlackApp('http', { PUBLIC_URL });
});
afterAll(async () => {
  await discord?.close();
  await slack?.close();
});

async function discordButtons(payload: unknown) {
  const r = await postSignedInteraction(`${discord.app.url}/discord/interactions`, payload, discord.keys);
  expect(r.status).toBe(200);
  expect(discord.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
  return (r.json.data.components as { components: { style: number; label: string; url?: string }[] }[]).flatMap((row) => row.components);
}

describe('chat answers link to the web when PUBLIC_URL is set', () => {
  it('Discord: a "Full timeline" link button on /timeline (filters kept) and "Details" on /csto status', async () => {
    const timeline = await discordButtons(chatInput({ name: 'timeline', options: { country: 'belarus', bloc: 'sco', from: '2024-01' } }));
    expect(timeline.find((b) => b.style === 5)).toEqual({
      type: 2,
      style: 5,
      label: 'Full timeline',
      url: `${PUBLIC_URL}/country/belarus?bloc=sco&from=2024-01-01`,
    });
    const status = await discordButtons(chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia' } }));
    expect(status).toContainEqual({ type: 2, style: 5, label: 'Details', url: `${PUBLIC_URL}/country/armenia` });
    const roster = await discordButtons(chatInput({ name: 'csto', subcommand: 'status' }));
    expect(roster).toContainEqual({ type: 2, style: 5, label: 'Details', url: `${PUBLIC_URL}/bloc/csto` });
  });

  it('Slack: a button with the URL, and pressing it posts nothing', async () => {
    const r = await slack.command('/timeline', 'armenia bloc:csto');
    const [m] = await until(() => r.responses.length > 0 && r.responses);
    const buttons = m.blocks.filter((b: { type: string }) => b.type === 'actions').flatMap((b: { elements: unknown[] }) => b.elements);
    const link = buttons.find((b: { url?: string }) => b.url);
    expect(link).toMatchObject({ type: 'button', text: { text: 'Full timeline' }, url: `${PUBLIC_URL}/country/armenia?bloc=csto` });
    expect(link.value).toBeUndefined();
    const pressed = await slack.press(link.action_id);
    expect(pressed.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pressed.responses).toEqual([]);
    const status = await slack.command('/csto', 'status armenia');
    const [s] = await until(() => status.responses.length > 0 && status.responses);
    expect(JSON.stringify(s.blocks)).toContain(`"url":"${PUBLIC_URL}/country/armenia"`);
  });

  it('the console prints the link; without PUBLIC_URL no answer has one', async () => {
    const withUrl = await memoryCore(undefined, { publicUrl: PUBLIC_URL });
    expect(textOf(await (await dispatcher(withUrl)).runText('timeline', 'armenia', member))).toContain(
      `Full timeline: ${PUBLIC_URL}/country/armenia`,
    );
    const plain = await dispatcher(await memoryCore());
    for (const [command, text] of [
      ['timeline', 'armenia'],
      ['csto', 'status armenia'],
      ['csto', 'status'],
    ] as const) {
      const answer = await plain.runText(command, text, member);
      expect(answer.kind === 'reply' && answer.links).toBeFalsy();
    }
  });
});

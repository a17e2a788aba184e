// The Discord stand-in itself: each rule it enforces, checked against a raw request, so that a test
// passing against it means Discord would have accepted what the bot sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { commandJson } from '../../src/discord/commands-json.ts';
import { chatInput, GUILD_ID, PERMISSION, snowflakeAt, startDiscordFake, timeOfSnowflake, type DiscordFake } from './discord/index.ts';
import { COMMAND_CHARACTERS_MAX, commandCharacters } from './discord/validate.ts';
import { failOnViolations } from './violations.ts';

let fake: DiscordFake;
let clock = Date.parse('2026-11-23T08:00:00Z');
beforeAll(async () => {
  fake = await startDiscordFake({ now: () => clock });
});
afterAll(async () => {
  await fake?.close();
});
failOnViolations(() => fake);

const CHANNEL = '940000000000000001';
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: `Bot ${fake.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
const post = (body: unknown, headers?: Record<string, string>) => call('POST', `/channels/${CHANNEL}/messages`, body, headers);
/** Asserts the stand-in recorded violations matching each pattern, and takes them. */
function expectViolations(...patterns: RegExp[]) {
  const found = fake.takeViolations();
  expect(found).toHaveLength(patterns.length);
  patterns.forEach((p, i) => expect(found[i]).toMatch(p));
}

describe('Discord stand-in', () => {
  it('accepts a plain message and answers with a snowflake made from its clock', async () => {
    const r = await post({ content: 'hello', allowed_mentions: { parse: [] } });
    expect(r.status).toBe(200);
    expect(timeOfSnowflake(r.json.id)).toBe(clock);
    expect(r.json.timestamp).toBe(new Date(clock).toISOString());
  });

  it('refuses a JSON body sent without Content-Type: application/json, and stores nothing', async () => {
    const before = fake.messagesIn(CHANNEL).length;
    const r = await post(JSON.stringify({ content: 'no type' }), { 'content-type': 'text/plain;charset=UTF-8' });
    expect(r.status).toBe(400);
    expect(r.json.errors._errors[0].code).toBe('CONTENT_TYPE_INVALID');
    expectViolations(/not application\/json/);
    expect(fake.messagesIn(CHANNEL)).toHaveLength(before);
  });

  it('accepts files as multipart/form-data with payload_json', async () => {
    const form = new FormData();
    form.set('payload_json', JSON.stringify({ attachments: [{ id: 0, filename: 'chart.png' }] }));
    form.set('files[0]', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'chart.png');
    const res = await fetch(`${fake.apiUrl}/v10/channels/${CHANNEL}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${fake.token}` },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(fake.messagesIn(CHANNEL).at(-1)!.attachments).toMatchObject([
      { id: 0, filename: 'chart.png', contentType: 'image/png', bytes: Buffer.from([137, 80, 78, 71]) },
    ]);
  });

  it('refuses an empty message with 50006: no body, blank content, or nothing to show', async () => {
    for (const body of [{}, { content: '' }, { content: '   ' }, { embeds: [], components: [] }]) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(r.json.code).toBe(50006);
    }
    expectViolations(/empty message/, /empty message/, /empty message/, /empty message/);
  });

  it('refuses an empty interaction response and an empty follow-up', async () => {
    const i = chatInput({ name: 'csto' });
    fake.expectInteraction(i);
    const cb = await call('POST', `/interactions/${i.id}/${i.token}/callback`, { type: 4, data: { content: '' } });
    expect(cb.status).toBe(400);
    expect(cb.json.code).toBe(50006);
    expect((await call('POST', `/interactions/${i.id}/${i.token}/callback`, { type: 5 })).status).toBe(204);
    const follow = await call('POST', `/webhooks/${fake.applicationId}/${i.token}`, { content: '' });
    expect(follow.json.code).toBe(50006);
    expectViolations(/callback\.data: cannot send an empty message/, /followup: cannot send an empty message/);
  });

  it('refuses embeds with a bad url or timestamp', async () => {
    const bad = [
      { title: 't', url: 'javascript:alert(1)' },
      { title: 't', url: 'not a url' },
      { title: 't', timestamp: 'yesterday' },
      { title: 't', timestamp: '2026-11-23' },
      { title: 't', author: { name: 'a', url: 'ftp://example.org' } },
    ];
    for (const embed of bad) expect((await post({ embeds: [embed] })).status).toBe(400);
    expectViolations(
      /embeds\[0\]\.url: Scheme "javascript"/,
      /embeds\[0\]\.url: Not a well formed URL/,
      /timestamp/,
      /timestamp/,
      /author\.url: Scheme "ftp"/,
    );
    const good = await post({
      embeds: [
        { title: 't', url: 'https://example.org/x', timestamp: '2026-11-23T08:00:00.000Z', image: { url: 'attachment://chart.png' } },
      ],
    });
    expect(good.status).toBe(200);
  });

  it('refuses allowed_mentions that both parse users (or roles) and list them', async () => {
    expect((await post({ content: 'x', allowed_mentions: { parse: ['users'], users: ['800000000000000001'] } })).status).toBe(400);
    expect((await post({ content: 'x', allowed_mentions: { parse: ['roles'], roles: ['700000000000000001'] } })).status).toBe(400);
    expect((await post({ content: 'x', allowed_mentions: { parse: ['everyone', 'users'] } })).status).toBe(200);
    expect((await post({ content: 'x', allowed_mentions: { users: ['800000000000000001'] } })).status).toBe(200);
    expectViolations(/parse users and users are mutually exclusive/, /parse roles and roles are mutually exclusive/);
  });

  it('refuses a command set with a duplicate name or a command over the combined-characters limit', async () => {
    const path = `/applications/${fake.applicationId}/guilds/900000000000000001/commands`;
    const real = COMMANDS.map(commandJson);
    expect((await call('PUT', path, real)).status).toBe(200);
    // The bot's own commands stay clear of the limit (the largest is reported if it ever creeps up).
    expect(Math.max(...real.map(commandCharacters))).toBeLessThan(COMMAND_CHARACTERS_MAX);
    const dup = await call('PUT', path, [...real, { ...real[0], description: 'again' }]);
    expect(dup.status).toBe(400);
    const options = Array.from({ length: 25 }, (_, i) => ({
      name: `option-${i}`,
      description: 'd'.repeat(100),
      type: 3,
      choices: Array.from({ length: 1 }, () => ({ name: 'c'.repeat(100), value: 'v'.repeat(100) })),
    }));
    const huge = await call('PUT', path, [{ name: 'huge', description: 'Too much text', type: 1, options }]);
    expect(huge.status).toBe(400);
    expectViolations(/"csto" appears twice/, /over 4000/);
    expect(fake.commands.get('900000000000000001')).toHaveLength(real.length);
  });

  it('pages channel messages by limit, after and before, newest first, with ids from its clock', async () => {
    const channel = '940000000000000002';
    const start = clock;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock = start + i * 60_000;
      ids.push((await call('POST', `/channels/${channel}/messages`, { content: `m${i}` })).json.id);
    }
    const list = async (q: string) => (await call('GET', `/channels/${channel}/messages${q}`)).json.map((m: any) => m.content);
    expect(await list('')).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect(await list('?limit=2')).toEqual(['m4', 'm3']);
    // after: the messages just after that moment, still newest first.
    expect(await list(`?after=${snowflakeAt(start + 2 * 60_000) - 1n}`)).toEqual(['m4', 'm3', 'm2']);
    expect(await list(`?after=${ids[0]}&limit=2`)).toEqual(['m2', 'm1']);
    expect(await list(`?before=${ids[3]}`)).toEqual(['m2', 'm1', 'm0']);
    expect(await list(`?before=${ids[3]}&limit=1`)).toEqual(['m2']);
    // A moment after the newest message: nothing, as on Discord.
    expect(await list(`?after=${snowflakeAt(clock + 60_000)}`)).toEqual([]);
    for (const q of ['?limit=0', '?limit=101', `?after=${ids[0]}&before=${ids[4]}`, '?after=yesterday'])
      expect((await call('GET', `/channels/${channel}/messages${q}`)).status).toBe(400);
    expectViolations(/limit/, /limit/, /only one of/, /snowflake/);
  });

  it('honours enforce_nonce for a few minutes of its clock, then posts again', async () => {
    const channel = '940000000000000003';
    const body = { content: 'once', nonce: 'n-1', enforce_nonce: true };
    const a = await call('POST', `/channels/${channel}/messages`, body);
    clock += 60_000;
    expect((await call('POST', `/channels/${channel}/messages`, body)).json.id).toBe(a.json.id);
    clock += 5 * 60_000;
    expect((await call('POST', `/channels/${channel}/messages`, body)).json.id).not.toBe(a.json.id);
    expect(fake.messagesIn(channel)).toHaveLength(2);
  });

  it("shows a channel's denial as Discord does (a member overwrite) and refuses what it forbids", async () => {
    const channel = '940000000000000004';
    const embed = { embeds: [{ description: 'x' }], allowed_mentions: { parse: [] } };
    expect((await call('GET', `/channels/${channel}`)).json.permission_overwrites).toEqual([]);
    expect((await call('GET', `/guilds/${GUILD_ID}/roles`)).json[0]).toMatchObject({ id: GUILD_ID, name: '@everyone' });
    expect((await call('GET', `/guilds/${GUILD_ID}/members/${fake.botUser.id}`)).json).toMatchObject({ roles: [] });
    expect((await call('GET', `/guilds/${GUILD_ID}/members/800000000000000999`)).json.code).toBe(10007);
    fake.setBotDenied(channel, PERMISSION.embedLinks);
    expect((await call('GET', `/channels/${channel}`)).json.permission_overwrites).toEqual([
      { id: fake.botUser.id, type: 1, allow: '0', deny: String(PERMISSION.embedLinks) },
    ]);
    expect((await call('POST', `/channels/${channel}/messages`, embed)).json.code).toBe(50013);
    expect((await call('POST', `/channels/${channel}/messages`, { content: 'plain', allowed_mentions: { parse: [] } })).status).toBe(200);
    fake.setBotDenied(channel, PERMISSION.viewChannel);
    expect((await call('GET', `/channels/${channel}`)).json.code).toBe(50001);
    expect((await call('GET', `/channels/${channel}/messages?limit=1`)).json.code).toBe(50001);
    fake.setBotDenied(channel, 0n);
    expect((await call('POST', `/channels/${channel}/messages`, embed)).status).toBe(200);
  });

  it('records a missing or wrong bot token and unknown routes', async () => {
    expect((await call('POST', `/channels/${CHANNEL}/messages`, { content: 'x' }, { authorization: 'Bot wrong' })).status).toBe(401);
    expect((await call('GET', '/no/such/route')).status).toBe(404);
    const outside = await fetch(`${fake.apiUrl}/v9/users/@me`, { headers: { authorization: `Bot ${fake.token}` } });
    expect(outside.status).toBe(404);
    expectViolations(/wrong bot token/, /no such route/, /not an API v10 route/);
  });
});

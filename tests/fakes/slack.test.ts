// The Slack stand-in itself: each rule it enforces, checked against a raw request, so that a test
// passing against it means Slack would have accepted what the bot sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_ID, startSlackFake, type SlackFake } from './slack/index.ts';
import { failOnViolations } from './violations.ts';

let fake: SlackFake;
let clock = Date.parse('2026-11-23T08:00:00Z');
beforeAll(async () => {
  fake = await startSlackFake({ now: () => clock });
});
afterAll(async () => {
  await fake?.close();
});
failOnViolations(() => fake);

async function api(method: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${fake.apiUrl}${method}`, { method: 'POST', headers, body });
  return { status: res.status, json: (await res.json()) as any };
}
const form = (args: Record<string, string>, token = fake.botToken) =>
  api('chat.postMessage', new URLSearchParams(args).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    authorization: `Bearer ${token}`,
  });
const json = (method: string, args: unknown, headers: Record<string, string> = { authorization: `Bearer ${fake.botToken}` }) =>
  api(method, JSON.stringify(args), { 'content-type': 'application/json; charset=utf-8', ...headers });
function expectViolations(...patterns: RegExp[]) {
  const found = fake.takeViolations();
  expect(found).toHaveLength(patterns.length);
  patterns.forEach((p, i) => expect(found[i]).toMatch(p));
}

describe('Slack stand-in', () => {
  it('accepts a form-encoded and a JSON post with the token in the Authorization header', async () => {
    expect((await form({ channel: CHANNEL_ID, text: 'hello' })).json.ok).toBe(true);
    expect((await json('chat.postMessage', { channel: CHANNEL_ID, text: 'hello' })).json.ok).toBe(true);
    // A form body may carry the token itself.
    const inBody = await api('chat.postMessage', new URLSearchParams({ token: fake.botToken, channel: CHANNEL_ID, text: 'x' }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(inBody.json.ok).toBe(true);
  });

  it('records auth failures: a wrong token and none at all', async () => {
    expect((await form({ channel: CHANNEL_ID, text: 'x' }, 'xoxb-wrong')).json.error).toBe('invalid_auth');
    expect((await api('auth.test', '', { 'content-type': 'application/x-www-form-urlencoded' })).json.error).toBe('not_authed');
    expectViolations(/invalid_auth/, /not_authed/);
  });

  it('records a token sent in a JSON body, which Slack ignores', async () => {
    const r = await json('chat.postMessage', { token: fake.botToken, channel: CHANNEL_ID, text: 'x' }, {});
    expect(r.json.error).toBe('not_authed');
    expectViolations(/a token in a JSON body/, /not_authed/);
  });

  it('refuses unsupported content types', async () => {
    const r = await api('chat.postMessage', JSON.stringify({ channel: CHANNEL_ID, text: 'x' }), {
      'content-type': 'text/plain',
      authorization: `Bearer ${fake.botToken}`,
    });
    expect(r.json.error).toBe('invalid_form_data');
    expectViolations(/unsupported content type "text\/plain"/);
  });

  it('records unknown methods and unknown paths', async () => {
    expect((await json('chat.frobnicate', {})).json.error).toBe('unknown_method');
    const res = await fetch(`${fake.apiUrl.replace(/\/api\/$/, '')}/nowhere`, { method: 'POST' });
    expect(res.status).toBe(404);
    const get = await fetch(`${fake.apiUrl}chat.postMessage`);
    expect(get.status).toBe(404);
    expectViolations(/unknown_method/, /POST \/nowhere: no such route/, /GET \/api\/chat\.postMessage: no such route/);
  });

  it('refuses duplicate and over-long block_ids in a message', async () => {
    const section = (block_id: string) => ({ type: 'section', block_id, text: { type: 'mrkdwn', text: 'x' } });
    expect((await json('chat.postMessage', { channel: CHANNEL_ID, text: 'x', blocks: [section('a'), section('a')] })).json.error).toBe(
      'invalid_blocks',
    );
    expect((await json('chat.postMessage', { channel: CHANNEL_ID, text: 'x', blocks: [section('b'.repeat(256))] })).json.error).toBe(
      'invalid_blocks',
    );
    expect(
      (await json('chat.postMessage', { channel: CHANNEL_ID, text: 'x', blocks: [section('a'), section('b'.repeat(255))] })).json.ok,
    ).toBe(true);
    expectViolations(/duplicate block_id a/, /block_id must be 1-255 characters \(got 256\)/);
  });

  it('takes a response_url at most 5 times, within 30 minutes, as JSON', async () => {
    const url = fake.responseUrl();
    const answer = (body: unknown, type = 'application/json') =>
      fetch(url, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
    expect((await answer({ text: 'plain' }, 'application/x-www-form-urlencoded')).status).toBe(400);
    for (let i = 0; i < 5; i++) expect((await answer({ text: `use ${i}` })).status).toBe(200);
    expect((await answer({ text: 'sixth' })).status).toBe(404);
    const late = fake.responseUrl();
    clock += 31 * 60_000;
    expect(
      (await fetch(late, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'late' }) }))
        .status,
    ).toBe(404);
    expectViolations(/not application\/json/, /used more than 5 times/, /31 minutes after the interaction/);
    expect(fake.responses.get(late.split('/').pop()!)).toEqual([]);
  });
});

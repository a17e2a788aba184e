// Hostile input at POST /slack/events, correctly signed: malformed bodies get a 4xx and never reach
// Bolt (where a signed `null` used to end the process); an oversized body gets a 413 on a connection
// that stays usable; a replayed request runs once; wrong value types, control characters and forged
// button values are refused, storing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failOnViolations } from '../fakes/violations.ts';
import { MAX_BODY_BYTES } from '../../src/http/server.ts';
import { ADMIN_ID, blockAction, MEMBER_ID, signSlack, slashCommand, viewSubmission } from '../fakes/slack/index.ts';
import { keepAliveAgent, send } from '../keepalive.ts';
import { startSlackApp, until, visible, type SlackHarness } from './setup.ts';

let h: SlackHarness;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startSlackApp('http');
});
afterAll(async () => {
  await h?.close();
});

const rows = async () => await h.core.sql.get('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM audit_log) AS audit');
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const values = {
  title: 'A hostile-input test event',
  date: '2024-02-22',
  countries: 'Armenia',
  summary: '',
  sources: 'https://example.org/hostile',
};

async function eventForm() {
  const views = h.fake.views.length;
  await h.command('/event', 'add', ADMIN_ID);
  return until(() => h.fake.views.length > views && h.fake.views.at(-1));
}

describe('hostile input at the Slack endpoint', () => {
  it('answers malformed signed requests with 400, never a 5xx, and stays up', async () => {
    const before = await rows();
    const command = slashCommand({ command: '/csto', text: 'status', responseUrl: h.fake.responseUrl(), triggerId: h.fake.triggerId() });
    const press = blockAction({ actionId: 'timeline:page:armenia', responseUrl: h.fake.responseUrl(), triggerId: h.fake.triggerId() });
    const submit = viewSubmission({ view: { callback_id: 'event:add:other', blocks: [] }, values: {} });
    const { state: _state, ...viewWithoutState } = submit.view;
    const cases: [string, string?][] = [
      [form({ payload: 'null' })],
      [form({ payload: '42' })],
      [form({ payload: '[]' })],
      [form({ payload: '"text"' })],
      [form({ payload: '{not json' })],
      [form({ payload: JSON.stringify({ type: 'view_submission', user: { id: ADMIN_ID } }) })],
      [form({ payload: JSON.stringify({ ...submit, view: viewWithoutState }) })],
      [form({ payload: JSON.stringify({ ...submit, view: { ...submit.view, state: null } }) })],
      [form({ payload: JSON.stringify({ ...press, actions: [] }) })],
      [form({ payload: JSON.stringify({ ...press, actions: null }) })],
      [form({ payload: JSON.stringify({ ...press, user: null }) })],
      [form({ payload: JSON.stringify({ type: 'shortcut', user: { id: ADMIN_ID } }) })],
      [`${form({ payload: '{}' })}&payload=%7B%7D`],
      [form({ ...command, user_id: '' })],
      [form({ ...command, command: '/nosuchcommand' })],
      [form({ ...command, response_url: 'not a url' })],
      ['', 'application/x-www-form-urlencoded'],
      ['null', 'application/json'],
      ['[]', 'application/json'],
      ['{"type":"event_callback"}', 'application/json'],
      ['{}', 'text/plain'],
    ];
    for (const [body, contentType] of cases) {
      const r = await h.post(body, { contentType });
      expect(r.status, body).toBe(400);
    }
    expect(await rows()).toEqual(before);
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    // …and it still answers Slack.
    const ok = await h.command('/csto', 'status armenia');
    await until(() => ok.responses.length > 0);
  });

  it('delivers a 413 for a body over the limit and keeps the keep-alive connection usable', async () => {
    const agent = keepAliveAgent();
    try {
      const big = `text=${'a'.repeat(MAX_BODY_BYTES + 10)}`;
      const refused = await send(agent, `${h.app.url}/slack/events`, big, {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlack(h.fake.signingSecret, big),
      });
      expect(refused.status).toBe(413);
      const body = form(
        slashCommand({ command: '/csto', text: 'status armenia', responseUrl: h.fake.responseUrl(), triggerId: h.fake.triggerId() }),
      );
      const next = await send(agent, `${h.app.url}/slack/events`, body, {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlack(h.fake.signingSecret, body),
      });
      expect(next).toMatchObject({ status: 200, reusedSocket: true });
    } finally {
      agent.destroy();
    }
  });

  it('runs a replayed signed request once', async () => {
    const view = await eventForm();
    const before = ((await rows()) as { events: number }).events;
    const body = form({
      payload: JSON.stringify(viewSubmission({ view, values: { ...values, title: 'Replayed submission, stored once' }, user: ADMIN_ID })),
    });
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(h.fake.signingSecret, body) };
    const first = await fetch(`${h.app.url}/slack/events`, { method: 'POST', headers, body });
    const second = await fetch(`${h.app.url}/slack/events`, { method: 'POST', headers, body });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(((await rows()) as { events: number }).events).toBe(before + 1);
    const responseUrl = h.fake.responseUrl();
    const command = form(slashCommand({ command: '/csto', text: 'status armenia', responseUrl, triggerId: h.fake.triggerId() }));
    const signed = { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(h.fake.signingSecret, command) };
    for (let n = 0; n < 3; n++) await fetch(`${h.app.url}/slack/events`, { method: 'POST', headers: signed, body: command });
    await until(() => (h.fake.responses.get(responseUrl.split('/').pop()!)?.length ?? 0) > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.responses.get(responseUrl.split('/').pop()!)).toHaveLength(1);
  });

  it('refuses form values of the wrong JSON type on their fields, storing nothing', async () => {
    const view = await eventForm();
    const before = await rows();
    const payload = viewSubmission({ view, values, user: ADMIN_ID });
    const state = payload.view.state.values;
    const set = (block: string, v: unknown) => {
      state[block][Object.keys(state[block])[0]!].value = v;
    };
    set('title', 42);
    set('date', ['2024-02-22']);
    set('countries', { name: 'Armenia' });
    const r = await h.post(form({ payload: JSON.stringify(payload) }));
    expect(r.status).toBe(200);
    const ack = JSON.parse(r.text);
    expect(ack.response_action).toBe('errors');
    expect(ack.errors).toMatchObject({
      title: 'Title must be text.',
      date: 'Date must be text.',
      countries: 'Countries and blocs must be text.',
    });
    expect(await rows()).toEqual(before);
  });

  it('refuses control characters on their field, storing nothing', async () => {
    const view = await eventForm();
    const before = await rows();
    const r = await h.submit(
      view,
      { ...values, title: 'Terminal \u001b]0;pwned\u0007 title', summary: 'Bidi \u2066isolate\u2069' },
      ADMIN_ID,
    );
    expect(r.body.response_action).toBe('errors');
    expect(r.body.errors.title).toContain('control character (U+001B');
    expect(r.body.errors.summary).toContain('control character (U+2066');
    expect(await rows()).toEqual(before);
  });

  it('refuses forged or oversized button values without echoing them', async () => {
    const huge = blockAction({
      actionId: 'x',
      value: `event:delete:3:1:${'z'.repeat(3000)}`,
      user: ADMIN_ID,
      responseUrl: h.fake.responseUrl(),
      triggerId: h.fake.triggerId(),
    });
    expect((await h.post(form({ payload: JSON.stringify(huge) }))).status).toBe(400);
    const long = `search:page:5:${'q'.repeat(120)}`;
    const pressed = await h.press(long, MEMBER_ID);
    const [m] = await until(() => pressed.responses.length > 0 && pressed.responses);
    expect(visible(m)).toContain('not valid');
    expect(visible(m)).not.toContain('qqqq');
    expect(await h.core.events.get(3)).toBeDefined();
  });

  it('sent nothing Slack would reject', async () => {
    expect(h.fake.violations).toEqual([]);
  });
});

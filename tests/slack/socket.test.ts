// The real Bolt App in Socket Mode: it opens a connection with apps.connections.open on the stand-in,
// receives envelopes over the WebSocket and acknowledges each by its envelope_id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, blockAction, slashCommand, viewSubmission } from '../fakes/slack/index.ts';
import { startSlackApp, until, visible, type SlackHarness } from './setup.ts';
import { blocSplit, expectBlocPage } from '../helpers.ts';
import { failOnViolations } from '../fakes/violations.ts';

let h: SlackHarness;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startSlackApp('socket');
  await h.fake.socketConnected();
});
afterAll(async () => {
  await h?.close();
});

describe('Slack over Socket Mode', () => {
  it('connects with the app token and serves no HTTP route for Slack', async () => {
    expect(h.fake.calls.some((c) => c.method === 'apps.connections.open')).toBe(true);
    const res = await fetch(`${h.app.url}/slack/events`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
  });

  it('answers a slash command envelope: acknowledged by id, answer through response_url', async () => {
    const responseUrl = h.fake.responseUrl();
    const ack = await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/timeline', text: 'belarus from:2024-01 bloc:sco', responseUrl, triggerId: h.fake.triggerId() }),
    );
    // Acknowledged at once with nothing but its id: the answer goes to response_url, not into the ack.
    expect(ack.envelope_id).toMatch(/^[0-9a-f]{16}$/);
    expect(ack.payload ?? {}).toEqual({});
    const responses = h.fake.responses.get(responseUrl.split('/').pop()!)!;
    const [m] = await until(() => responses.length > 0 && responses);
    expect(m.response_type).toBe('in_channel');
    expect(visible(m)).toContain('4 Jul 2024');
    expectBlocPage(visible(m), await blocSplit(h.core, 'belarus', 'sco', '2024-01-01'));
  });

  it('pages with a block_actions envelope', async () => {
    const firstUrl = h.fake.responseUrl();
    await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/timeline', text: 'belarus', responseUrl: firstUrl, triggerId: h.fake.triggerId() }),
    );
    const firstResponses = h.fake.responses.get(firstUrl.split('/').pop()!)!;
    const [first] = await until(() => firstResponses.length > 0 && firstResponses);
    const older = first.blocks.find((b: any) => b.type === 'actions').elements.find((b: any) => /older/i.test(b.text.text));
    const responseUrl = h.fake.responseUrl();
    await h.fake.sendEnvelope('interactive', blockAction({ actionId: older.action_id, responseUrl, triggerId: h.fake.triggerId() }));
    const responses = h.fake.responses.get(responseUrl.split('/').pop()!)!;
    const [m] = await until(() => responses.length > 0 && responses);
    expect(m.replace_original).toBe(true);
    expect(visible(m)).toContain('Page 2');
  });

  it('opens the event modal and returns field errors in the acknowledgement', async () => {
    await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/event', text: 'add', user: ADMIN_ID, responseUrl: h.fake.responseUrl(), triggerId: h.fake.triggerId() }),
    );
    const view = await until(() => h.fake.views.at(-1));
    const ack = await h.fake.sendEnvelope(
      'interactive',
      viewSubmission({ view, values: { title: 'ok title', date: 'tomorrowish', countries: 'Narnia', sources: 'ftp://x' } }),
    );
    expect(ack.payload.response_action).toBe('errors');
    expect(Object.keys(ack.payload.errors).sort()).toEqual(['countries', 'date', 'sources']);
    expect(h.fake.violations).toEqual([]);
  });

  it('a view_submission envelope without its state is refused on the form, stores nothing, and the app keeps answering', async () => {
    await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/event', text: 'add', user: ADMIN_ID, responseUrl: h.fake.responseUrl(), triggerId: h.fake.triggerId() }),
    );
    const view = await until(() => h.fake.views.at(-1));
    const count = async () => await h.core.sql.get('SELECT count(*) AS n FROM events');
    const before = await count();
    const payload = viewSubmission({ view, values: {} });
    delete payload.view.state;
    const ack = await h.fake.sendEnvelope('interactive', payload);
    expect(ack.payload.response_action).toBe('errors');
    expect(await count()).toEqual(before);
    const responseUrl = h.fake.responseUrl();
    await h.fake.sendEnvelope(
      'slash_commands',
      slashCommand({ command: '/csto', text: 'status armenia', responseUrl, triggerId: h.fake.triggerId() }),
    );
    await until(() => (h.fake.responses.get(responseUrl.split('/').pop()!)?.length ?? 0) > 0);
  });
});

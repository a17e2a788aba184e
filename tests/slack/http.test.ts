// The real Bolt App in HTTP mode on the shared server, driven with signed requests as Slack sends them;
// answers are caught at response_url and Web API calls land in the strict Slack stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, blockAction, CHANNEL_ID, MEMBER_ID, signSlack, slashCommand, viewSubmission } from '../fakes/slack/index.ts';
import { startSlackApp, until, visible, type SlackHarness } from './setup.ts';
import { blocSplit, expectBlocPage } from '../helpers.ts';
import { failOnViolations } from '../fakes/violations.ts';

let h: SlackHarness;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startSlackApp('http');
});
afterAll(async () => {
  await h?.close();
});

const count = async () => ((await h.core.sql.get('SELECT count(*) AS n FROM events WHERE deleted_at IS NULL')) as { n: number }).n;

describe('Slack over HTTP', () => {
  it('/csto status armenia: Block Kit in the channel with status, since when, why and sources', async () => {
    const r = await h.command('/csto', 'status armenia');
    expect(r.status).toBe(200);
    const [m] = await until(() => r.responses.length > 0 && r.responses);
    expect(m.response_type).toBe('in_channel');
    expect(m.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Armenia in the CSTO: Member, participation frozen', emoji: true },
    });
    const t = visible(m);
    expect(t).toContain('22 Feb 2024');
    expect(t).toContain('<https://oc-media.org/pashinyan-armenia-has-frozen-its-participation-in-the-csto/|OC Media>');
  });

  it('/timeline belarus from:2024-01 bloc:sco pages with buttons carrying their state', async () => {
    const r = await h.command('/timeline', 'belarus from:2024-01 bloc:sco');
    const [m] = await until(() => r.responses.length > 0 && r.responses);
    expect(visible(m)).toContain('4 Jul 2024');
    expectBlocPage(visible(m), await blocSplit(h.core, 'belarus', 'sco', '2024-01-01'));
    const all = await h.command('/timeline', 'belarus');
    const [first] = await until(() => all.responses.length > 0 && all.responses);
    const buttons = first.blocks.find((b: any) => b.type === 'actions').elements;
    const older = buttons.find((b: any) => /older/i.test(b.text.text));
    expect(older.value).toMatch(/^timeline:page:/);
    const p2 = await h.press(older.action_id);
    expect(p2.status).toBe(200);
    const [page2] = await until(() => p2.responses.length > 0 && p2.responses);
    expect(page2.replace_original).toBe(true);
    expect(visible(page2)).toContain('Page 2');
    const newer = page2.blocks.find((b: any) => b.type === 'actions').elements.find((b: any) => /newer/i.test(b.text.text));
    const back = await h.press(newer.action_id);
    const [page1] = await until(() => back.responses.length > 0 && back.responses);
    expect(visible(page1)).toBe(visible(first));
  });

  it('/csto help and bad text answer with usage, privately', async () => {
    for (const text of ['help', 'status armenia as_of:yesterday', 'frobnicate']) {
      const r = await h.command('/csto', text);
      const [m] = await until(() => r.responses.length > 0 && r.responses);
      expect(m.response_type).toBe('ephemeral');
      expect(visible(m)).toContain('/csto status');
    }
  });

  it('/search: HTML entities Slack sends are decoded; stored text is escaped and cannot mention anyone', async () => {
    await h.core.events.add(
      {
        title: 'Statement <!channel> & <@U0MEMBER01> test',
        summary: 'Attempted ping: <!here> and <!everyone>.',
        kind: 'statement',
        date: { text: '2025-01-01', precision: 'day', start: '2025-01-01', end: '2025-01-01' },
        countryIds: ['armenia'],
        blocIds: [],
        sources: [{ url: 'https://example.org/a|b>c', publisher: 'Example' }],
      },
      'test',
      new Date(),
    );
    const r = await h.command('/search', 'ping &amp; statement');
    const [m] = await until(() => r.responses.length > 0 && r.responses);
    const t = visible(m);
    expect(t).toContain('&lt;!channel&gt; &amp; &lt;@U0MEMBER01&gt;');
    expect(t).toContain('<https://example.org/a%7Cb%3Ec|Example>');
    expect(h.fake.violations).toEqual([]);
  });

  it('/event add opens the modal at once; a bad date is flagged on its field and nothing is stored', async () => {
    const before = await count();
    const r = await h.command('/event', 'add kind:diplomatic', ADMIN_ID);
    expect(r.status).toBe(200);
    const view = await until(() => h.fake.views.at(-1)?.callback_id === 'event:add:diplomatic' && h.fake.views.at(-1));
    expect(view.blocks.map((b: any) => [b.block_id, b.element.action_id])).toEqual([
      ['title', 'value'],
      ['date', 'value'],
      ['countries', 'value'],
      ['summary', 'value'],
      ['sources', 'value'],
    ]);
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: CHANNEL_ID });
    const typed = {
      title: 'Slack test event',
      date: '2024-02-31',
      countries: 'Armenia, CSTO',
      summary: 'Typed in Slack.',
      sources: 'https://example.org/s',
    };
    const bad = await h.submit(view, typed);
    expect(bad.status).toBe(200);
    expect(bad.body.response_action).toBe('errors');
    expect(Object.keys(bad.body.errors)).toEqual(['date']);
    expect(bad.body.errors.date).toMatch(/not a date/);
    expect(await count()).toBe(before);

    const good = await h.submit(view, { ...typed, date: '2024-02-29' });
    expect(good.status).toBe(200);
    expect(good.body).toBeUndefined();
    expect(await count()).toBe(before + 1);
    const note = await until(() => h.fake.ephemerals.find((e) => /Slack test event|added/.test(visible(e))));
    expect(note.user).toBe(ADMIN_ID);
    expect(note.channel).toBe(CHANNEL_ID);
  });

  it('confirms a saved form by direct message when the bot is not in the channel', async () => {
    h.fake.setChannel('C0NOTJOINED', 'not_in_channel');
    const r = await h.command('/event', 'add', ADMIN_ID);
    expect(r.status).toBe(200);
    const view = await until(() => h.fake.views.at(-1));
    const ok = await h.submit(
      { ...view, private_metadata: JSON.stringify({ channel: 'C0NOTJOINED' }) },
      { title: 'DM-confirmed event', date: '2024-03-01', countries: 'Armenia', summary: '', sources: 'https://example.org/dm' },
    );
    expect(ok.status).toBe(200);
    const dm = await until(() => h.fake.messages.get(ADMIN_ID)?.find((m) => visible(m).includes('added')));
    expect(visible(dm)).toMatch(/Event #\d+ added/);
  });

  it('/event edit pre-fills the modal; /event delete asks to confirm with a button', async () => {
    await h.command('/event', 'edit 3', ADMIN_ID);
    const view = await until(() => h.fake.views.at(-1)?.callback_id?.startsWith('event:edit:3:') && h.fake.views.at(-1));
    expect(view.blocks[0].element.initial_value).toBe((await h.core.events.get(3))!.title);
    const r = await h.command('/event', 'delete 5', ADMIN_ID);
    const [confirm] = await until(() => r.responses.length > 0 && r.responses);
    expect(confirm.response_type).toBe('ephemeral');
    const del = confirm.blocks.find((b: any) => b.type === 'actions').elements.find((b: any) => b.style === 'danger');
    expect(await h.core.events.get(5)).toBeDefined();
    const done = await h.press(del.action_id, ADMIN_ID);
    await until(() => done.responses.length > 0);
    expect(await h.core.events.get(5)).toBeUndefined();
  });

  it('refuses admin commands to non-admins privately, with no modal, and changes nothing', async () => {
    const views = h.fake.views.length;
    for (const text of ['add', 'edit 3', 'delete 3']) {
      const r = await h.command('/event', text, MEMBER_ID);
      const [m] = await until(() => r.responses.length > 0 && r.responses);
      expect(m.response_type).toBe('ephemeral');
      expect(visible(m)).toContain('Only editors');
    }
    const pressed = await h.press('event:delete:3:1', MEMBER_ID);
    const [m] = await until(() => pressed.responses.length > 0 && pressed.responses);
    expect(visible(m)).toContain('Only editors');
    const forged = await h.submit({ callback_id: 'event:add:other', blocks: [] }, {}, MEMBER_ID);
    expect(forged.body).toBeUndefined();
    // A forged submission is refused in a private message; nothing is stored.
    await until(() => h.fake.messages.get(MEMBER_ID)?.some((x) => visible(x).includes('Only editors')));
    expect(h.fake.views.length).toBe(views);
    expect(await h.core.events.get(3)).toBeDefined();
  });

  it('answers 401 to a missing, wrong, stale or tampered signature, and runs nothing', async () => {
    const opened = h.fake.views.length;
    await h.command('/event', 'add', ADMIN_ID);
    const form = await until(() => h.fake.views.length > opened && h.fake.views.at(-1));
    const body = new URLSearchParams(
      slashCommand({
        command: '/event',
        text: 'delete 3',
        user: ADMIN_ID,
        responseUrl: h.fake.responseUrl(),
        triggerId: h.fake.triggerId(),
      }),
    ).toString();
    const calls = h.fake.calls.length;
    const post = (headers: Record<string, string>, b = body) =>
      fetch(`${h.app.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: b,
      }).then((r) => r.status);
    expect(await post({})).toBe(401);
    expect(await post({ ...signSlack(h.fake.signingSecret, body), 'x-slack-signature': `v0=${'0'.repeat(64)}` })).toBe(401);
    expect(await post(signSlack('not-the-secret', body))).toBe(401);
    expect(await post(signSlack(h.fake.signingSecret, body, Math.floor(Date.now() / 1000) - 6 * 60))).toBe(401);
    const signed = signSlack(h.fake.signingSecret, body);
    expect(await post(signed, body.replace('delete+3', 'delete+4'))).toBe(401);
    // Button presses and modal submissions are checked the same way.
    const press = new URLSearchParams({
      payload: JSON.stringify(
        blockAction({ actionId: 'event:delete:3:1', user: ADMIN_ID, responseUrl: h.fake.responseUrl(), triggerId: h.fake.triggerId() }),
      ),
    }).toString();
    expect(await post(signSlack(h.fake.signingSecret, press, Math.floor(Date.now() / 1000) - 301))).toBe(401);
    expect(await post(signSlack(h.fake.signingSecret, press), press.replace('event%3Adelete%3A3', 'event%3Adelete%3A4'))).toBe(401);
    expect(await post(signSlack('not-the-secret', press), press)).toBe(401);
    // Dated ahead of Slack's clock is as bad as dated behind it.
    expect(await post(signSlack(h.fake.signingSecret, body, Math.floor(Date.now() / 1000) + 6 * 60))).toBe(401);
    const before = (await h.core.sql.get('SELECT count(*) AS n FROM events')) as { n: number };
    const values = {
      title: 'Signed event that must not land',
      date: '2024-02-22',
      countries: 'Armenia',
      summary: '',
      sources: 'https://example.org/x',
    };
    const submit = new URLSearchParams({ payload: JSON.stringify(viewSubmission({ view: form, values, user: ADMIN_ID })) }).toString();
    expect(submit).toContain('must+not');
    expect(await post(signSlack('not-the-secret', submit), submit)).toBe(401);
    expect(await post({}, submit)).toBe(401);
    expect(await post(signSlack(h.fake.signingSecret, submit, Math.floor(Date.now() / 1000) - 6 * 60), submit)).toBe(401);
    expect(await post(signSlack(h.fake.signingSecret, submit), submit.replace('must+not', 'might'))).toBe(401);
    expect(h.fake.calls.slice(calls).map((c) => c.method)).toEqual([]);
    expect(await h.core.events.get(3)).toBeDefined();
    expect(await h.core.events.get(4)).toBeDefined();
    expect(await h.core.sql.get('SELECT count(*) AS n FROM events')).toEqual(before);
  });

  it('/digest subscribe #news at:08:00 tz:Asia/Yerevan countries:armenia,belarus, then list', async () => {
    const r = await h.command('/digest', 'subscribe <#C0NEWS0002|news> at:08:00 tz:Asia/Yerevan countries:armenia,belarus', ADMIN_ID);
    const [m] = await until(() => r.responses.length > 0 && r.responses);
    expect(m.response_type).toBe('ephemeral');
    expect(visible(m)).toContain('Digest subscribed');
    expect(visible(m)).toContain('<#C0NEWS0002>');
    expect(visible(m)).toContain('/invite @blocwatch');
    const l = await h.command('/digest', 'list', ADMIN_ID);
    const [list] = await until(() => l.responses.length > 0 && l.responses);
    expect(visible(list)).toContain('08:00 Asia/Yerevan');
    const bad = await h.command('/digest', 'subscribe #news', ADMIN_ID);
    const [b] = await until(() => bad.responses.length > 0 && bad.responses);
    expect(visible(b)).toContain('type # and choose it');
  });

  it('sent nothing Slack would reject', async () => {
    expect(h.fake.violations).toEqual([]);
  });
});

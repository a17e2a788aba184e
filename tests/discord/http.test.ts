// HTTP interactions mode: signed requests to POST /discord/interactions on the app's own server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminMember, chatInput, modalSubmit, postSignedInteraction } from '../fakes/discord/index.ts';
import { startDiscordApp, visible, type DiscordHarness } from './setup.ts';
import { failOnViolations } from '../fakes/violations.ts';

let h: DiscordHarness;
let url: string;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startDiscordApp('http');
  url = `${h.app.url}/discord/interactions`;
});
afterAll(async () => {
  await h?.close();
});

const ping = { id: '1', application_id: '900000000000000100', type: 1, token: 't', version: 1 };

/** Posts a signed interaction and checks the HTTP response as Discord would check a callback. */
async function answer(payload: any, harness = h) {
  const r = await postSignedInteraction(`${harness.app.url}/discord/interactions`, payload, harness.keys);
  expect(r.status).toBe(200);
  expect(harness.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
  return r;
}

describe('Discord over HTTP interactions', () => {
  it('opens no gateway connection', async () => {
    expect(h.fake.gatewayConnections).toBe(0);
    expect(h.fake.requests.some((r) => r.path === '/gateway/bot')).toBe(false);
  });

  it('answers PING with PONG', async () => {
    expect(await postSignedInteraction(url, ping, h.keys)).toEqual({ status: 200, json: { type: 1 } });
  });

  it('answers a signed command in the HTTP response', async () => {
    const payload = chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia' } });
    const r = await postSignedInteraction(url, payload, h.keys);
    expect(r.status).toBe(200);
    expect(r.json.type).toBe(4);
    expect(visible(r.json.data)).toContain('Member, participation frozen');
    expect(h.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
  });

  it('refuses missing, wrong, tampered and stale signatures with 401, before running anything', async () => {
    const payload = chatInput({ name: 'event', subcommand: 'delete', options: { id: 1 }, member: adminMember });
    expect((await postSignedInteraction(url, payload, h.keys, { omitHeaders: true })).status).toBe(401);
    expect((await postSignedInteraction(url, payload, h.keys, { badSignature: true })).status).toBe(401);
    expect((await postSignedInteraction(url, payload, h.keys, { tamperBody: true })).status).toBe(401);
    // Well past the 300-second window: a timestamp a second from the edge passes when a second boundary falls mid-test.
    const stale = String(Math.floor(Date.now() / 1000) - 310);
    expect((await postSignedInteraction(url, payload, h.keys, { timestamp: stale })).status).toBe(401);
    // A replay of a good request with a tampered body is refused too.
    const good = JSON.stringify(ping);
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = h.keys.sign(ts, good);
    const replay = await fetch(url, {
      method: 'POST',
      headers: { 'x-signature-ed25519': sig, 'x-signature-timestamp': ts },
      body: good.replace('"type":1', '"type":2'),
    });
    expect(replay.status).toBe(401);
    // A valid event form, sent with each kind of bad signature, stores nothing.
    const count = async () => ((await h.core.sql.get('SELECT count(*) AS n FROM events')) as { n: number }).n;
    const before = await count();
    const form = modalSubmit({
      customId: 'event:add:other',
      fields: { title: 'Forged event', date: '2024-02-22', countries: 'Armenia', summary: '', sources: 'https://example.org/forged' },
      member: adminMember,
    });
    for (const opts of [
      { omitHeaders: true },
      { badSignature: true },
      { tamperBody: true },
      { timestamp: stale },
      { timestamp: String(Math.floor(Date.now() / 1000) + 310) },
    ]) {
      expect((await postSignedInteraction(url, form, h.keys, opts)).status).toBe(401);
    }
    expect(await count()).toBe(before);
  });

  it('opens the event form and reports a bad date privately, storing nothing', async () => {
    const before = ((await h.core.sql.get('SELECT count(*) AS n FROM events')) as { n: number }).n;
    const modal = await answer(chatInput({ name: 'event', subcommand: 'add', member: adminMember }));
    expect(modal.json.type).toBe(9);
    const bad = await answer(
      modalSubmit({
        customId: modal.json.data.custom_id,
        fields: { title: 'HTTP event', date: 'tomorrow', countries: 'Armenia', summary: '', sources: 'https://example.org' },
        member: adminMember,
      }),
    );
    expect(bad.json.data.flags).toBe(64);
    expect(visible(bad.json.data)).toContain('not a date');
    expect(((await h.core.sql.get('SELECT count(*) AS n FROM events')) as { n: number }).n).toBe(before);
  });

  it("is stateless: another app process answers the first one's buttons, whose state is in their ids", async () => {
    const first = await answer(chatInput({ name: 'timeline', options: { country: 'armenia' } }));
    const older = first.json.data.components[0].components[1].custom_id as string;
    const other = await startDiscordApp('http');
    try {
      const { button } = await import('../fakes/discord/index.ts');
      const r = await answer(button({ customId: older }), other);
      expect(r.json.type).toBe(7);
      expect(visible(r.json.data)).toContain('Page 2');
    } finally {
      await other.close();
    }
  });

  it('serves GET /healthz', async () => {
    const r = await fetch(`${h.app.url}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      ok: true,
      role: 'all',
      store: 'sqlite',
      gateway: 'off',
      platforms: ['discord-http', 'digests', 'alerts', 'intake'],
    });
  });
});

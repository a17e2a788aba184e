// Hostile input at POST /discord/interactions, correctly signed: malformed bodies get a 4xx, never a 5xx;
// an oversized body gets a 413 that arrives and leaves the keep-alive connection usable; wrong value
// types, control characters and forged custom_ids are refused on their field or politely, storing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failOnViolations } from '../fakes/violations.ts';
import { adminMember, button, chatInput, modalSubmit, postSignedInteraction } from '../fakes/discord/index.ts';
import { MAX_BODY_BYTES } from '../../src/http/server.ts';
import { keepAliveAgent, send } from '../keepalive.ts';
import { startDiscordApp, visible, type DiscordHarness } from './setup.ts';

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

const rows = async () =>
  await h.core.sql.get(
    'SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM form_drafts) AS drafts',
  );

/** Signs any body text, as Discord signs a request. */
function signed(body: string) {
  const ts = String(Math.floor(Date.now() / 1000));
  return { 'content-type': 'application/json', 'x-signature-ed25519': h.keys.sign(ts, body), 'x-signature-timestamp': ts };
}

async function answer(payload: any) {
  const r = await postSignedInteraction(url, payload, h.keys);
  expect(r.status).toBe(200);
  expect(h.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
  return r.json;
}

const base = {
  id: '1234',
  application_id: '900000000000000100',
  token: 'tok',
  version: 1,
  guild_id: '900000000000000001',
  channel_id: '900000000000000002',
  member: { user: { id: '800000000000000002', username: 'm' }, roles: [], permissions: '0' },
};

describe('hostile input at the Discord endpoint', () => {
  it('answers malformed signed bodies with 400, never a 5xx, and stays up', async () => {
    const before = await rows();
    const bodies = [
      'null',
      '42',
      '"a string"',
      '[]',
      'true',
      '{}',
      JSON.stringify({ type: 2 }),
      JSON.stringify({ ...base, type: 2 }), // a command without data
      JSON.stringify({ ...base, type: 2, data: null }),
      JSON.stringify({ ...base, type: 5, data: { custom_id: 'event:add:other' } }), // a modal submit without components
      JSON.stringify({ ...base, type: 5, data: { custom_id: 'event:add:other', components: 'title' } }),
      JSON.stringify({ ...base, type: 3, data: { custom_id: 42 } }),
      JSON.stringify({ ...base, type: 3, data: { custom_id: `event:delete:3:1:${'x'.repeat(200)}` } }), // over Discord's 100
      JSON.stringify({ ...base, type: 99, data: {} }),
      JSON.stringify({ ...base, type: 2, member: null, data: { name: 'csto' } }), // nobody did it
      JSON.stringify({ ...base, type: 2, data: { name: 'csto', options: [{ name: 'status', type: 1, options: 'armenia' }] } }),
      JSON.stringify({ ...base, type: 2, member: { ...base.member, roles: 'admin' }, data: { name: 'csto' } }),
    ];
    for (const body of bodies) {
      const r = await fetch(url, { method: 'POST', headers: signed(body), body });
      expect(r.status, body).toBe(400);
      expect(((await r.json()) as { error: string }).error).toMatch(/^(malformed interaction|invalid JSON)/);
    }
    expect(await rows()).toEqual(before);
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
  });

  it('delivers a 413 for a body over the limit and keeps the keep-alive connection usable', async () => {
    const agent = keepAliveAgent();
    try {
      const big = Buffer.alloc(MAX_BODY_BYTES + 4096, 0x20);
      const refused = await send(agent, url, big, { 'content-type': 'application/json' });
      expect(refused.status).toBe(413);
      expect(refused.body).toContain('body too large');
      const ping = JSON.stringify({ id: '1', application_id: '900000000000000100', type: 1, token: 't', version: 1 });
      const next = await send(agent, url, ping, signed(ping));
      expect(next).toMatchObject({ status: 200, reusedSocket: true });
      expect(JSON.parse(next.body)).toEqual({ type: 1 });
      // Declared far beyond what is worth reading: refused at once, and that connection closed.
      const huge = await new Promise<{ status: number; connection?: string }>((resolve, reject) => {
        import('node:http').then(({ request }) => {
          const req = request(url, { method: 'POST', headers: { 'content-length': String(200 * MAX_BODY_BYTES) } }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
          });
          req.on('error', reject);
          req.write(Buffer.alloc(64 * 1024));
        });
      });
      expect(huge).toEqual({ status: 413, connection: 'close' });
      expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('refuses form values of the wrong JSON type on their fields, storing nothing', async () => {
    const before = await rows();
    const forged = modalSubmit({
      customId: 'event:add:other',
      fields: { title: 'x', date: 'x', countries: 'Armenia', summary: '', sources: 'https://example.org/t' },
      member: adminMember,
    });
    const values: Record<string, unknown> = { title: 42, date: null, sources: ['https://example.org/t'] };
    for (const row of forged.data.components as any[])
      if (row.component.custom_id in values) row.component.value = values[row.component.custom_id];
    const r = await answer(forged);
    expect(r.data.flags).toBe(64);
    const text = visible(r.data);
    expect(text).toContain('Title must be text');
    expect(text).toContain('Date must be text');
    expect(text).toContain('Source URLs must be text');
    expect(text).not.toContain('Something went wrong');
    expect(((await h.core.sql.get('SELECT count(*) AS n FROM events')) as { n: number }).n).toBe((before as any).events);
  });

  it('refuses control characters in titles, summaries and fields, storing nothing', async () => {
    const count = async () => ((await h.core.sql.get('SELECT count(*) AS n FROM events')) as { n: number }).n;
    const before = await count();
    const good = { title: 'A clean title', date: '2024-02-22', countries: 'Armenia', summary: 'Fine.', sources: 'https://example.org/c' };
    for (const [field, value, code] of [
      ['title', 'Bell \u0007 title', 'U+0007'],
      ['title', 'Escape \u001b[31m red', 'U+001B'],
      ['summary', 'Null \u0000 byte', 'U+0000'],
      ['summary', 'Reads \u202e backwards', 'U+202E'],
      ['countries', 'Armenia\u0085', 'U+0085'],
    ] as const) {
      const r = await answer(modalSubmit({ customId: 'event:add:other', fields: { ...good, [field]: value }, member: adminMember }));
      expect(visible(r.data)).toContain(`contains a control character (${code}`);
    }
    expect(await count()).toBe(before);
    // Tabs and line breaks in a summary are text, not controls.
    const ok = await answer(
      modalSubmit({ customId: 'event:add:other', fields: { ...good, summary: 'Line one.\n\tLine two.' }, member: adminMember }),
    );
    expect(visible(ok.data)).toContain('added');
    expect(await count()).toBe(before + 1);
  });

  it('refuses a forged custom_id by shape, politely, without echoing it', async () => {
    for (const id of ['EVENT:DELETE:3:1', 'event delete 3', ':::', 'event:delete:3:1\u0000', 'event', 'nosuch:verb:1']) {
      const r = await answer(button({ customId: id, member: adminMember }));
      expect(r.data.flags).toBe(64);
      const text = visible(r.data);
      expect(text).toMatch(/not valid|no longer valid/);
      expect(text).not.toContain(id);
    }
    expect(await h.core.events.get(3)).toBeDefined();
  });

  it('keeps echoes of what was typed to one message', async () => {
    const r = await answer(chatInput({ name: 'csto', subcommand: 'x'.repeat(32) }));
    expect(r.data.flags).toBe(64);
    const long = await answer(chatInput({ name: 'search', options: { query: 'y'.repeat(5000) } }));
    expect(JSON.stringify(long.data).length).toBeLessThan(6000);
    expect(h.fake.violations).toEqual([]);
  });
});

describe('hostile input over the gateway', () => {
  it('ignores malformed interactions without a crash, and answers the next good one', async () => {
    const g = await startDiscordApp('gateway');
    try {
      const before = await g.core.sql.get('SELECT count(*) AS n FROM audit_log');
      for (const d of [
        { ...base, id: '7001', type: 2 },
        { ...base, id: '7002', type: 5, data: { custom_id: 'event:add:other', components: null } },
        { ...base, id: '7003', type: 3, data: { custom_id: 'x'.repeat(101) } },
      ]) {
        await expect(g.fake.dispatchInteraction(d, 300)).rejects.toThrow();
      }
      const ok = await g.fake.dispatchInteraction(chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia' } }));
      expect(ok.type).toBe(4);
      expect(await g.core.sql.get('SELECT count(*) AS n FROM audit_log')).toEqual(before);
    } finally {
      await g.close();
    }
  });
});

// /chart on Discord, gateway and HTTP modes: the answer is deferred, then the original is edited with
// the PNG as a multipart attachment, which the stand-in checks as Discord does; refused, it goes as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failOnViolations } from '../fakes/violations.ts';
import { COMMANDS } from '../../commands/index.ts';
import { chartsOf } from '../../src/chart/index.ts';
import { DiscordInteractions } from '../../src/discord/interactions.ts';
import { DiscordRest } from '../../src/discord/rest.ts';
import { Dispatcher } from '../../src/dispatch.ts';
import { chatInput, postSignedInteraction, startDiscordFake } from '../fakes/discord/index.ts';
import { pngInfo } from '../chart/png.ts';
import { memoryCore } from '../helpers.ts';
import { silent, startDiscordApp, visible, type DiscordHarness } from './setup.ts';

async function until<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function expectChartOriginal(h: DiscordHarness, interactionId: string, bloc = 'csto') {
  const original = h.fake.interactions.get(interactionId)!.original!;
  const [file] = original.attachments!;
  expect(original.attachments).toHaveLength(1);
  expect(file!.filename).toBe(`${bloc}-membership.png`);
  expect(file!.contentType).toBe('image/png');
  expect(file!.description).toContain('Chart:');
  expect(pngInfo(file!.bytes).width).toBe(1100);
  expect(file!.bytes.equals((await chartsOf(h.core).bloc(bloc))!.png)).toBe(true);
  expect(original.content).toMatch(/membership, 1991 to/);
  expect(original.embeds).toEqual([]);
  expect(original.allowed_mentions).toEqual({ parse: [] });
  // Public: the deferral carried no ephemeral flag.
  expect(original.flags ?? 0).toBe(0);
  expect(h.fake.violations).toEqual([]);
}

describe('/chart over the gateway', () => {
  let h: DiscordHarness;
  failOnViolations(() => h?.fake);
  beforeAll(async () => {
    h = await startDiscordApp('gateway');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('defers, then edits the original with the PNG attached (payload_json + files[0])', async () => {
    const payload = chatInput({ name: 'chart', subcommand: 'membership' });
    const cb = await h.fake.dispatchInteraction(payload);
    expect(cb.type).toBe(5);
    await until(() => h.fake.interactions.get(payload.id)!.original?.attachments);
    await expectChartOriginal(h, payload.id);
    const patch = h.fake.requests.find((r) => r.method === 'PATCH' && r.path.includes(payload.token))!;
    expect(patch.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(patch.body.attachments).toEqual([{ id: 0, filename: 'csto-membership.png', description: expect.any(String) }]);
  });

  it('answers as text when Discord refuses the file', async () => {
    const payload = chatInput({ name: 'chart', subcommand: 'membership', options: { bloc: 'sco' } });
    h.fake.failNext(new RegExp(`^PATCH /webhooks/\\d+/${payload.token}/`), {
      status: 413,
      code: 40005,
      message: 'Request entity too large',
    });
    expect((await h.fake.dispatchInteraction(payload)).type).toBe(5);
    const original = await until(() =>
      h.fake.interactions.get(payload.id)!.original?.embeds.length ? h.fake.interactions.get(payload.id)!.original : undefined,
    );
    expect(original.attachments).toBeUndefined();
    expect(visible(original)).toContain('Iran');
    expect(visible(original)).toContain('SCO membership, 1991 to');
    expect(h.fake.violations).toEqual([]);
  });

  it('answers an unknown bloc privately, without a file', async () => {
    const cb = await h.fake.dispatchInteraction(chatInput({ name: 'chart', subcommand: 'membership', options: { bloc: 'nato' } }));
    expect(cb.type).toBe(4);
    expect(cb.data.flags & 64).toBe(64);
    expect(visible(cb.data)).toContain('No bloc called "nato"');
  });
});

describe('/chart over HTTP interactions', () => {
  let h: DiscordHarness;
  failOnViolations(() => h?.fake);
  beforeAll(async () => {
    h = await startDiscordApp('http');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers the HTTP request with a deferral, then uploads the PNG by REST', async () => {
    const payload = chatInput({ name: 'chart', subcommand: 'membership', options: { bloc: 'csto' } });
    h.fake.expectInteraction(payload);
    const r = await postSignedInteraction(`${h.app.url}/discord/interactions`, payload, h.keys);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ type: 5 });
    expect(h.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
    await until(() => h.fake.interactions.get(payload.id)!.original?.attachments);
    await expectChartOriginal(h, payload.id);
  });
});

describe('the Discord stand-in checks multipart as Discord does', () => {
  let h: DiscordHarness;
  failOnViolations(() => h?.fake);
  beforeAll(async () => {
    h = await startDiscordApp('gateway');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a file missing from attachments, an attachment without its file, and no payload_json', async () => {
    const payload = chatInput({ name: 'csto', subcommand: 'status' });
    await h.fake.dispatchInteraction(payload);
    const url = `${h.fake.apiUrl}/v10/webhooks/${h.fake.applicationId}/${payload.token}`;
    const post = async (...parts: [string, string | Blob][]) => {
      const form = new FormData();
      for (const [name, value] of parts) {
        if (typeof value === 'string') form.append(name, value);
        else form.append(name, value, 'a.png');
      }
      return (await fetch(url, { method: 'POST', body: form })).status;
    };
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const payload_json = (o: object): [string, string] => ['payload_json', JSON.stringify(o)];
    expect(await post(payload_json({ content: 'x' }), ['files[0]', png])).toBe(400);
    expect(await post(payload_json({ content: 'x', attachments: [{ id: 1, filename: 'a.png' }] }))).toBe(400);
    expect(await post(['files[0]', png])).toBe(400);
    expect(h.fake.violations.length).toBe(3);
    expect(await post(payload_json({ content: 'x', attachments: [{ id: 0, filename: 'a.png' }] }), ['files[0]', png])).toBe(200);
    h.fake.violations.length = 0;
  });
});

describe('/chart slower than the deferral window', () => {
  it('defers at once, then still puts the PNG on the original', async () => {
    class Slow extends Dispatcher {
      override async runCommand(...args: Parameters<Dispatcher['runCommand']>) {
        await new Promise((r) => setTimeout(r, 300));
        return super.runCommand(...args);
      }
    }
    const fake = await startDiscordFake();
    try {
      const rest = new DiscordRest({ apiUrl: fake.apiUrl, token: fake.token });
      const interactions = new DiscordInteractions({
        dispatcher: new Slow(await memoryCore(), COMMANDS),
        rest,
        applicationId: fake.applicationId,
        authority: { editorRoleIds: [], editorUserIds: [], adminRoleIds: [] },
        log: silent,
        deferAfterMs: 50,
      });
      const payload = chatInput({ name: 'chart', subcommand: 'country', options: { country: 'belarus' } });
      const i = fake.expectInteraction(payload);
      await interactions.handle(payload, (body) =>
        rest.request('POST', `/interactions/${payload.id}/${payload.token}/callback`, body, { auth: false }).then(() => undefined),
      );
      expect(i.callback!.type).toBe(5);
      expect(i.original!.attachments![0]!.filename).toBe('belarus-blocs.png');
      expect(pngInfo(i.original!.attachments![0]!.bytes).width).toBe(1100);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

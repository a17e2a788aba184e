// /chart on Slack: the PNG is uploaded with the files API (through Bolt's WebClient, against the
// stand-in, which checks each step as Slack does) and shared in the channel; when Slack refuses
// (no files:write, bot not in the channel), the answer is the history as text, through response_url.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failOnViolations } from '../fakes/violations.ts';
import { chartsOf } from '../../src/chart/index.ts';
import { loadConfig } from '../../src/config.ts';
import { slackManifest } from '../../src/slack/manifest.ts';
import { CHANNEL_ID } from '../fakes/slack/index.ts';
import { pngInfo } from '../chart/png.ts';
import { startSlackApp, until, visible, type SlackHarness } from './setup.ts';

let h: SlackHarness;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startSlackApp('http');
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.fake.messages.clear();
  h.fake.setChannel(CHANNEL_ID, 'ok');
  h.fake.setScope('files:write', true);
  h.fake.calls.length = 0;
});

const shared = () => (h.fake.messages.get(CHANNEL_ID) ?? []).find((m) => m.files?.length);

describe('/chart on Slack', () => {
  it('asks for files:write in the manifest', async () => {
    const manifest = slackManifest(loadConfig({}), {}) as { oauth_config: { scopes: { bot: string[] } } };
    expect(manifest.oauth_config.scopes.bot).toContain('files:write');
  });

  it('uploads the PNG with the files API and shares it in the channel with the caption', async () => {
    const r = await h.command('/chart', 'membership');
    expect(r.status).toBe(200);
    const m = await until(shared);
    const [file] = m.files!;
    expect(file!.name).toBe('csto-membership.png');
    expect(file!.alt_text).toContain('Armenia: member from 15 May 1992');
    expect(pngInfo(file!.bytes).width).toBe(1100);
    expect(file!.bytes.equals((await chartsOf(h.core).bloc('csto'))!.png)).toBe(true);
    expect(m.text).toMatch(/^CSTO membership, 1991 to .+: 9 countries/);
    expect(h.fake.calls.map((c) => c.method).filter((x) => x.startsWith('files.'))).toEqual([
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    // The picture is the answer: nothing else is said through response_url.
    await new Promise((res) => setTimeout(res, 100));
    expect(r.responses).toEqual([]);
    expect(h.fake.violations).toEqual([]);
  });

  it('answers with the text history when the app lacks files:write', async () => {
    h.fake.setScope('files:write', false);
    const r = await h.command('/chart', 'country armenia');
    const [answer] = await until(() => (r.responses.length ? r.responses : undefined));
    expect(answer.response_type).toBe('in_channel');
    expect(visible(answer)).toContain('CSTO');
    expect(visible(answer)).toContain('Member, participation frozen since 22 Feb 2024');
    expect(shared()).toBeUndefined();
    expect(h.fake.violations).toEqual([]);
  });

  it('answers with the text history when the bot is not in the channel', async () => {
    h.fake.setChannel(CHANNEL_ID, 'not_in_channel');
    const r = await h.command('/chart', 'membership sco');
    const [answer] = await until(() => (r.responses.length ? r.responses : undefined));
    expect(visible(answer)).toContain('Iran');
    expect(h.fake.calls.map((c) => c.method)).toContain('files.completeUploadExternal');
    expect(h.fake.violations).toEqual([]);
  });

  it('the stand-in refuses what Slack refuses: a file never uploaded, a wrong length, no filename', async () => {
    type Answer = { ok: boolean; error?: string; file_id?: string; upload_url?: string };
    const api = async (method: string, args: Record<string, string>) => {
      const res = await fetch(`${h.fake.apiUrl}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.fake.botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(args),
      });
      return (await res.json()) as Answer;
    };
    const files = (id: string | undefined) => JSON.stringify([{ id, title: 'x' }]);
    const got = (await api('files.getUploadURLExternal', { filename: 'a.png', length: '4' })) as Required<Answer>;
    expect((await api('files.completeUploadExternal', { files: files(got.file_id), channel_id: CHANNEL_ID })).error).toBe('file_not_found');
    await fetch(got.upload_url, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
    expect((await api('files.completeUploadExternal', { files: files(got.file_id), channel_id: CHANNEL_ID })).error).toBe(
      'invalid_arguments',
    );
    expect((await api('files.getUploadURLExternal', { length: '4' })).error).toBe('invalid_arguments');
    expect(h.fake.violations).toHaveLength(3);
    h.fake.violations.length = 0;
  });
});

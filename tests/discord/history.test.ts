// /event history through the real HTTP endpoint: an editor's edit, delete and restore are listed with
// when, who and what changed from what to what; long histories page within Discord's limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failOnViolations } from '../fakes/violations.ts';
import { adminMember, button, chatInput, modalSubmit, postSignedInteraction } from '../fakes/discord/index.ts';
import { startDiscordApp, visible, type DiscordHarness } from './setup.ts';

let h: DiscordHarness;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startDiscordApp('http');
});
afterAll(async () => {
  await h?.close();
});

async function send(payload: any) {
  const r = await postSignedInteraction(`${h.app.url}/discord/interactions`, payload, h.keys);
  expect(r.status).toBe(200);
  expect(h.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
  return r.json;
}
const plain = (s: string) => s.replace(/[\\*]/g, ''); // markdown escapes and bold

describe('/event history', () => {
  it('lists the seed, an edit with each changed field from → to, a delete and a restore, newest first, with who', async () => {
    const before = (await h.core.events.get(3))!;
    const form = await send(chatInput({ name: 'event', subcommand: 'edit', options: { id: 3 }, member: adminMember }));
    expect(form.type).toBe(9);
    const fields = {
      title: 'A corrected title for history',
      date: before.date.text,
      countries: [...before.countries, ...before.blocs].map((x) => x.name).join(', '),
      summary: before.summary,
      sources: before.sources.map((s) => s.url).join('\n'),
    };
    expect(visible((await send(modalSubmit({ customId: form.data.custom_id, fields, member: adminMember }))).data)).toContain('updated');
    const confirm = await send(chatInput({ name: 'event', subcommand: 'delete', options: { id: 3 }, member: adminMember }));
    const del = confirm.data.components[0].components.find((c: any) => c.style === 4);
    await send(button({ customId: del.custom_id, member: adminMember }));
    expect(await h.core.events.get(3)).toBeUndefined();
    // Anyone may read a deleted event's history.
    const whileDeleted = plain(visible((await send(chatInput({ name: 'event', subcommand: 'history', options: { id: 3 } }))).data));
    expect(whileDeleted).toContain('deleted by Discord user 800000000000000001');
    expect(
      visible((await send(chatInput({ name: 'event', subcommand: 'restore', options: { id: 3 }, member: adminMember }))).data),
    ).toContain('restored');
    expect((await h.core.events.get(3))?.title).toBe('A corrected title for history');

    const r = await send(chatInput({ name: 'event', subcommand: 'history', options: { id: 3 } }));
    expect(r.type).toBe(4);
    expect(r.data.flags ?? 0).toBe(0);
    const text = plain(visible(r.data));
    const order = ['restored by Discord user', 'deleted by Discord user', 'edited by Discord user', 'loaded from the curated dataset'].map(
      (s) => text.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain(`Title: "${before.title}" → "A corrected title for history"`);
    expect(text).toContain('revision 4');
    // Only the title changed: no other field is listed under the edit.
    const edit = text.slice(text.indexOf('edited by'), text.indexOf('loaded from'));
    expect(edit).not.toMatch(/Summary:|Sources:|Date:/);
    expect(text).toContain('4 revisions, newest first');
  });

  it('pages a long history with buttons: every revision once, each page within one message', async () => {
    const e = (await h.core.events.get(5))!;
    const base = {
      title: e.title,
      summary: e.summary,
      kind: e.kind,
      date: e.date,
      countryIds: e.countries.map((c) => c.id),
      blocIds: e.blocs.map((b) => b.id),
      sources: e.sources,
    };
    for (let n = 1; n <= 40; n++)
      await h.core.events.edit(
        5,
        { ...base, title: `Revision title number ${n}`, summary: `Summary ${n} `.repeat(60).trim() },
        'slack:U0EDITOR01',
        new Date(),
      );
    const seen: string[] = [];
    const texts: string[] = [];
    let page = await send(chatInput({ name: 'event', subcommand: 'history', options: { id: 5 } }));
    for (let guard = 0; guard < 50; guard++) {
      const text = visible(page.data);
      texts.push(plain(text));
      expect(text.length).toBeLessThan(6000);
      seen.push(...[...text.matchAll(/revision (\d+)/g)].map((m) => m[1]!));
      const older = page.data.components?.[0]?.components?.find((c: any) => /Older/.test(c.label));
      if (!older || older.disabled) break;
      page = await send(button({ customId: older.custom_id }));
      expect(page.type).toBe(7);
    }
    expect(seen).toEqual(Array.from({ length: 41 }, (_, i) => String(41 - i)));
    // Every edit names its editor; the oldest page ends with the curated load.
    expect(texts.join('\n').match(/edited by Slack user U0EDITOR01/g)).toHaveLength(40);
    expect(texts.at(-1)).toContain('loaded from the curated dataset');
  });

  it('answers privately for an event that never existed', async () => {
    const r = await send(chatInput({ name: 'event', subcommand: 'history', options: { id: 999999 } }));
    expect(r.data.flags).toBe(64);
    expect(visible(r.data)).toContain('No event #999999');
  });

  it('sent nothing Discord would reject', async () => {
    expect(h.fake.violations).toEqual([]);
  });
});

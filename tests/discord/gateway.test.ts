// The real app in gateway mode: discord.js logs in to the Discord stand-in and every command is driven
// through INTERACTION_CREATE dispatches; the stand-in checks every callback as Discord would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminMember, autocomplete, button, chatInput, modalSubmit, plainMember } from '../fakes/discord/index.ts';
import { startDiscordApp, visible, type DiscordHarness } from './setup.ts';
import { failOnViolations } from '../fakes/violations.ts';

let h: DiscordHarness;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startDiscordApp('gateway');
});
afterAll(async () => {
  await h?.close();
});

const run = (payload: any) => h.fake.dispatchInteraction(payload);

describe('Discord over the gateway', () => {
  it('logs in through the REST base and identifies with only the Guilds intent', async () => {
    expect(h.fake.identified?.intents).toBe(1);
    expect(h.fake.requests.some((r) => r.path === '/gateway/bot')).toBe(true);
  });

  it('/csto status armenia: an embed with status, since when, why and source links', async () => {
    const cb = await run(chatInput({ name: 'csto', subcommand: 'status', options: { country: 'armenia' } }));
    expect(cb.type).toBe(4);
    const t = visible(cb.data);
    expect(cb.data.embeds[0].title).toBe('Armenia in the CSTO: Member, participation frozen');
    expect(t).toContain('22 Feb 2024');
    expect(t).toContain('[OC Media](https://oc-media.org/pashinyan-armenia-has-frozen-its-participation-in-the-csto/)');
    expect(cb.data.flags).toBeUndefined();
    expect(cb.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('/csto status with no country lists members and former members', async () => {
    const cb = await run(chatInput({ name: 'csto', subcommand: 'status' }));
    expect(visible(cb.data)).toContain('Former members (2)');
  });

  it('/timeline belarus pages forward and back with buttons that survive a restart', async () => {
    const first = await run(chatInput({ name: 'timeline', options: { country: 'belarus' } }));
    const [newer, older] = first.data.components[0].components;
    expect(newer.disabled).toBe(true);
    const page2 = await run(button({ customId: older.custom_id }));
    expect(page2.type).toBe(7);
    expect(visible(page2.data)).toContain('Page 2');
    const back = await run(button({ customId: page2.data.components[0].components[0].custom_id }));
    expect(back.type).toBe(7);
    expect(back.data.embeds[0].description).toBe(first.data.embeds[0].description);
  });

  it('/search and /event show answer publicly', async () => {
    const s = await run(chatInput({ name: 'search', options: { query: 'ambassador' } }));
    expect(visible(s.data)).toMatch(/ambassador/i);
    const e = await run(chatInput({ name: 'event', subcommand: 'show', options: { id: 12 } }));
    expect(e.data.embeds[0].title).toMatch(/^#12 · /);
  });

  it('autocompletes countries from the index, at most 25 choices', async () => {
    const cb = await run(autocomplete({ name: 'csto', subcommand: 'status', focused: 'country', value: 'ar' }));
    expect(cb.type).toBe(8);
    expect(cb.data.choices.map((c: any) => c.value)).toContain('armenia');
    const all = await run(autocomplete({ name: 'timeline', focused: 'country', value: '' }));
    expect(all.data.choices.length).toBeLessThanOrEqual(25);
    const bloc = await run(autocomplete({ name: 'timeline', focused: 'bloc', value: 'sh', options: { country: 'belarus' } }));
    expect(bloc.data.choices.map((c: any) => c.value)).toEqual(['sco']);
  });

  it('/event add: the admin gets the modal; a bad date is named, nothing stored, and the form reopens with what was typed', async () => {
    const count = async () => ((await h.core.sql.get('SELECT count(*) AS n FROM events')) as { n: number }).n;
    const before = await count();
    const modal = await run(chatInput({ name: 'event', subcommand: 'add', options: { kind: 'diplomatic' }, member: adminMember }));
    expect(modal.type).toBe(9);
    expect(modal.data.components.map((c: any) => c.component.custom_id)).toEqual(['title', 'date', 'countries', 'summary', 'sources']);
    expect(modal.data.components.every((c: any) => c.type === 18)).toBe(true);
    const typed = {
      title: 'Gateway test event',
      date: '2024-02-31',
      countries: 'Armenia, CSTO',
      summary: 'Typed in Discord.',
      sources: 'https://example.org/g',
    };
    const bad = await run(modalSubmit({ customId: modal.data.custom_id, fields: typed, member: adminMember }));
    expect(bad.type).toBe(4);
    expect(bad.data.flags).toBe(64);
    expect(visible(bad.data)).toMatch(/Date.*not a date/);
    expect(visible(bad.data)).not.toMatch(/\*\*Title\*\*/);
    expect(await count()).toBe(before);
    const reopen = await run(button({ customId: bad.data.components[0].components[0].custom_id, member: adminMember }));
    expect(reopen.type).toBe(9);
    expect(reopen.data.components.find((c: any) => c.component.custom_id === 'title').component.value).toBe('Gateway test event');
    // Someone else cannot open another person's draft.
    const stolen = await run(button({ customId: bad.data.components[0].components[0].custom_id, member: plainMember }));
    expect(stolen.type).toBe(4);

    const good = await run(modalSubmit({ customId: modal.data.custom_id, fields: { ...typed, date: '2024-02-29' }, member: adminMember }));
    expect(good.data.embeds[0].title).toMatch(/Event #\d+ added/);
    expect(good.data.flags).toBe(64);
    expect(await count()).toBe(before + 1);
    const found = await run(chatInput({ name: 'search', options: { query: 'gateway test event' } }));
    expect(visible(found.data)).toContain('Gateway test event');
  });

  it('/event edit pre-fills the modal; delete asks to confirm', async () => {
    const modal = await run(chatInput({ name: 'event', subcommand: 'edit', options: { id: 3 }, member: adminMember }));
    expect(modal.type).toBe(9);
    const title = (await h.core.events.get(3))!.title;
    expect(modal.data.components[0].component.value).toBe(title);
    const confirm = await run(chatInput({ name: 'event', subcommand: 'delete', options: { id: 5 }, member: adminMember }));
    expect(confirm.data.flags).toBe(64);
    const del = confirm.data.components[0].components.find((b: any) => b.style === 4);
    expect(await h.core.events.get(5)).toBeDefined();
    const done = await run(button({ customId: del.custom_id, member: adminMember }));
    expect(done.type).toBe(7);
    expect(await h.core.events.get(5)).toBeUndefined();
  });

  it('refuses admin commands to non-admins privately and changes nothing', async () => {
    for (const p of [
      chatInput({ name: 'event', subcommand: 'add' }),
      chatInput({ name: 'event', subcommand: 'edit', options: { id: 3 } }),
      chatInput({ name: 'event', subcommand: 'delete', options: { id: 3 } }),
      chatInput({ name: 'digest', subcommand: 'subscribe' }),
      modalSubmit({ customId: 'event:add:other', fields: { title: 'x' } }),
      button({ customId: 'event:delete:3:1' }),
    ]) {
      const cb = await run(p);
      expect(cb.type).toBe(4);
      expect(cb.data.flags).toBe(64);
      expect(visible(cb.data)).toMatch(
        (p.data as { name?: string }).name === 'digest' ? /Only this server's or workspace's admins/ : /Only editors/,
      );
    }
    expect(await h.core.events.get(3)).toBeDefined();
  });

  it('counts a role from DISCORD_ADMIN_ROLE_IDS and Administrator as digest admins', async () => {
    const viaAdministrator = await run(
      chatInput({ name: 'digest', subcommand: 'list', member: { userId: '800000000000000009', permissions: String(1n << 3n) } }),
    );
    expect(visible(viaAdministrator.data)).toContain('No digests here yet');
    const roles = await startDiscordApp(
      'gateway',
      { DISCORD_ADMIN_ROLE_IDS: '700000000000000001,700000000000000002' },
      { heartbeatIntervalMs: 100 },
    );
    try {
      const plain = { userId: '800000000000000010', permissions: '0' };
      const viaRole = await roles.fake.dispatchInteraction(
        chatInput({ name: 'digest', subcommand: 'list', member: { ...plain, roles: ['700000000000000002'] } }),
      );
      expect(visible(viaRole.data)).toContain('No digests here yet');
      const otherRole = await roles.fake.dispatchInteraction(
        chatInput({ name: 'digest', subcommand: 'list', member: { ...plain, roles: ['700000000000000003'] } }),
      );
      expect(otherRole.type).toBe(4);
      expect(visible(otherRole.data)).toContain("Only this server's or workspace's admins");
      // The gateway connection stays alive: discord.js heartbeats and the stand-in acknowledges.
      await new Promise((r) => setTimeout(r, 350));
      expect(roles.fake.heartbeats.length).toBeGreaterThanOrEqual(2);
    } finally {
      await roles.close();
    }
  });

  it('shows an event at its longest (5 long sources, a full summary) within one message', async () => {
    const id = (
      await h.core.events.add(
        {
          title: 'A very long entry',
          summary: 'word '.repeat(299).trim(),
          kind: 'other',
          date: { text: '2020-01-01', precision: 'day', start: '2020-01-01', end: '2020-01-01' },
          countryIds: ['armenia'],
          blocIds: [],
          sources: Array.from({ length: 5 }, (_, n) => ({ url: `https://example.org/${'x'.repeat(400)}/${n}`, publisher: 'Example' })),
        },
        'test',
        new Date(),
      )
    ).id;
    const cb = await run(chatInput({ name: 'event', subcommand: 'show', options: { id } }));
    expect(cb.type).toBe(4);
    // All of it, in one message: the whole summary and every source.
    expect(visible(cb.data)).toContain('word '.repeat(299).trim());
    for (let n = 0; n < 5; n++) expect(visible(cb.data)).toContain(`https://example.org/${'x'.repeat(400)}/${n}`);
  });

  it('/digest subscribe with a channel option, then list and preview, privately', async () => {
    const sub = await run(
      chatInput({
        name: 'digest',
        subcommand: 'subscribe',
        options: { channel: '910000000000000777', time: '8:00', timezone: 'Asia/Yerevan', countries: 'armenia, belarus' },
        member: adminMember,
      }),
    );
    expect(sub.data.flags).toBe(64);
    expect(sub.data.embeds[0].title).toBe('Digest subscribed');
    expect(visible(sub.data)).toContain('<#910000000000000777>');
    expect(visible(sub.data)).toContain('08:00 (Asia/Yerevan)');
    const list = await run(chatInput({ name: 'digest', subcommand: 'list', member: adminMember }));
    expect(visible(list.data)).toContain('Armenia, Belarus');
    const preview = await run(chatInput({ name: 'digest', subcommand: 'preview', options: { channel: '910000000000000777' } }));
    expect(preview.data.flags).toBe(64);
    expect(visible(preview.data)).toContain('Nothing new since the subscription started');
    expect(visible(preview.data)).not.toContain('Gateway test event');
    // Something recorded after subscribing is what the next digest, and so the preview, lists.
    await h.core.events.add(
      {
        title: 'Previewed gateway event',
        summary: 'Recorded after subscribing.',
        kind: 'statement',
        date: { text: '2026-11-01', precision: 'day', start: '2026-11-01', end: '2026-11-01' },
        countryIds: ['armenia'],
        blocIds: [],
        sources: [{ url: 'https://example.org/p', publisher: 'Example' }],
      },
      'test',
      new Date(),
    );
    const after = await run(chatInput({ name: 'digest', subcommand: 'preview', options: { channel: '910000000000000777' } }));
    expect(visible(after.data)).toContain('Previewed gateway event');
  });

  it('sent nothing Discord would reject', async () => {
    expect(h.fake.violations).toEqual([]);
    const bodies = [...h.fake.interactions.values()].map((i) => i.callback).filter((c) => c && (c.type === 4 || c.type === 7));
    expect(bodies.length).toBeGreaterThan(10);
    for (const c of bodies) expect(c!.data.allowed_mentions).toEqual({ parse: [] });
  });
});

// Who may change the shared dataset on Discord: only roles on the home guild, or named users. A server's
// Manage Server permission manages that server's digests and nothing else; forged form submissions and
// button presses from anyone else store nothing. Driven with signed requests through the HTTP endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failOnViolations } from '../fakes/violations.ts';
import {
  adminMember,
  button,
  chatInput,
  GUILD_ID,
  modalSubmit,
  postSignedInteraction,
  type MemberOptions,
} from '../fakes/discord/index.ts';
import { startDiscordApp, visible, type DiscordHarness } from './setup.ts';

const EDITOR_ROLE = '700000000000000011';
const ADMIN_ROLE = '700000000000000012';
const NAMED_EDITOR = '800000000000000077';
const OTHER_GUILD = '900000000000000555';
const roleEditor: MemberOptions = { userId: '800000000000000066', permissions: '0', roles: [EDITOR_ROLE] };

let h: DiscordHarness;
failOnViolations(() => h?.fake);
beforeAll(async () => {
  h = await startDiscordApp('http', {
    DISCORD_EDITOR_GUILD_ID: GUILD_ID,
    DISCORD_EDITOR_ROLE_IDS: EDITOR_ROLE,
    DISCORD_EDITOR_USER_IDS: NAMED_EDITOR,
    DISCORD_ADMIN_ROLE_IDS: ADMIN_ROLE,
  });
});
afterAll(async () => {
  await h?.close();
});

const rows = async () =>
  await h.core.sql.get(
    'SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM events WHERE deleted_at IS NOT NULL) AS deleted',
  );

async function send(payload: any, harness = h) {
  const r = await postSignedInteraction(`${harness.app.url}/discord/interactions`, payload, harness.keys);
  expect(r.status).toBe(200);
  expect(harness.fake.acknowledgeHttp(payload, r.json)).toEqual([]);
  return r.json;
}

const goodFields = (title: string) => ({
  title,
  date: '2024-02-22',
  countries: 'Armenia',
  summary: '',
  sources: 'https://example.org/authority',
});
const inGuild = <T extends { guild_id?: string; data: any }>(p: T, guild: string): T => ({
  ...p,
  guild_id: guild,
  guild: { id: guild, locale: 'en-US', features: [] },
  channel: { ...(p as any).channel, guild_id: guild },
});

describe('Discord: editors and digest admins', () => {
  it('Manage Server is not an editor: commands, forged forms and forged buttons change nothing', async () => {
    const before = await rows();
    for (const p of [
      chatInput({ name: 'event', subcommand: 'add', member: adminMember }),
      chatInput({ name: 'event', subcommand: 'delete', options: { id: 3 }, member: adminMember }),
    ]) {
      const cb = await send(p);
      expect(cb.type).toBe(4);
      expect(cb.data.flags).toBe(64);
      expect(visible(cb.data)).toContain('Only editors');
    }
    const forged = await send(
      modalSubmit({ customId: 'event:add:other', fields: goodFields('Forged by a server owner'), member: adminMember }),
    );
    expect(visible(forged.data)).toContain('Only editors');
    const edit = await send(
      modalSubmit({ customId: 'event:edit:3:1:other', fields: goodFields('Rewritten by a server owner'), member: adminMember }),
    );
    expect(visible(edit.data)).toContain('Only editors');
    const pressed = await send(button({ customId: 'event:delete:3:1', member: adminMember }));
    expect(visible(pressed.data)).toContain('Only editors');
    expect(await rows()).toEqual(before);
    expect((await h.core.events.get(3))?.revision).toBe(1);
  });

  it("…but Manage Server, or a role in DISCORD_ADMIN_ROLE_IDS, manages that server's digests", async () => {
    expect(visible((await send(chatInput({ name: 'digest', subcommand: 'list', member: adminMember }))).data)).toContain(
      'No digests here yet',
    );
    const byRole = { userId: '800000000000000088', permissions: '0', roles: [ADMIN_ROLE] };
    expect(visible((await send(chatInput({ name: 'digest', subcommand: 'list', member: byRole }))).data)).toContain('No digests here yet');
    // An editor is not a digest admin on Discord: digests belong to each server's own admins.
    expect(visible((await send(chatInput({ name: 'digest', subcommand: 'list', member: roleEditor }))).data)).toContain(
      "Only this server's or workspace's admins",
    );
  });

  it('a role in DISCORD_EDITOR_ROLE_IDS on the home guild makes an editor, whose form is stored', async () => {
    const modal = await send(chatInput({ name: 'event', subcommand: 'add', member: roleEditor }));
    expect(modal.type).toBe(9);
    const saved = await send(
      modalSubmit({ customId: modal.data.custom_id, fields: goodFields('Added by a home-guild editor'), member: roleEditor }),
    );
    expect(visible(saved.data)).toContain('added');
    const row = await h.core.sql.get("SELECT actor FROM audit_log WHERE action = 'add' ORDER BY id DESC LIMIT 1");
    expect(row).toEqual({ actor: `discord:${roleEditor.userId}` });
  });

  it('the same role id counts only in the home guild: from another server it is refused', async () => {
    const before = await rows();
    const cb = await send(inGuild(chatInput({ name: 'event', subcommand: 'add', member: roleEditor }), OTHER_GUILD));
    expect(cb.type).toBe(4);
    expect(visible(cb.data)).toContain('Only editors');
    const forged = await send(
      inGuild(modalSubmit({ customId: 'event:add:other', fields: goodFields('From a look-alike role'), member: roleEditor }), OTHER_GUILD),
    );
    expect(visible(forged.data)).toContain('Only editors');
    expect(await rows()).toEqual(before);
  });

  it('a user in DISCORD_EDITOR_USER_IDS edits from any server and from a DM', async () => {
    const named = { userId: NAMED_EDITOR, permissions: '0' };
    expect((await send(inGuild(chatInput({ name: 'event', subcommand: 'add', member: named }), OTHER_GUILD))).type).toBe(9);
    const dm: any = chatInput({ name: 'event', subcommand: 'add', member: named });
    const { member, guild_id: _g, guild: _gg, ...rest } = dm;
    const direct = { ...rest, user: member.user, context: 1, channel: { id: rest.channel_id, type: 1 } };
    expect((await send(direct)).type).toBe(9);
  });

  it('with no editors named, editor commands say privately which variables name them', async () => {
    const bare = await startDiscordApp('http', { DISCORD_EDITOR_USER_IDS: '' });
    try {
      const cb = await send(chatInput({ name: 'event', subcommand: 'add', member: adminMember }), bare);
      expect(cb.data.flags).toBe(64);
      const text = visible(cb.data).replace(/\\/g, ''); // markdown escapes in the embed
      expect(text).toContain('No editors are named for Discord');
      expect(text).toContain('DISCORD_EDITOR_USER_IDS');
      expect(text).toContain('DISCORD_EDITOR_GUILD_ID');
      expect(text).toContain('DISCORD_EDITOR_ROLE_IDS');
    } finally {
      await bare.close();
    }
  });

  it('sent nothing Discord would reject', async () => {
    expect(h.fake.violations).toEqual([]);
  });
});

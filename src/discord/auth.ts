// Who may do what on Discord, decided only from what Discord signed (the interaction's member, its
// guild and user). Two separate kinds of authority:
// - Editors change the one shared dataset. The bot can be invited to any server, so a server's own
//   permissions never make anyone an editor: only roles on the operator's home guild, or named users.
// - Digest admins manage their own server's digests: Manage Server, Administrator or a listed role,
//   in the server the command came from.
const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;

export interface InteractionMember {
  permissions?: string;
  roles?: string[];
}

export interface DiscordAuthority {
  /** The home guild whose roles make editors. */
  editorGuildId?: string;
  editorRoleIds: readonly string[];
  editorUserIds: readonly string[];
  adminRoleIds: readonly string[];
}

export interface DiscordWho {
  guildId?: string;
  userId?: string;
  member?: InteractionMember;
}

export const editorsNamed = (a: DiscordAuthority): boolean =>
  a.editorUserIds.length > 0 || Boolean(a.editorGuildId && a.editorRoleIds.length);

export function isDiscordEditor(who: DiscordWho, a: DiscordAuthority): boolean {
  if (who.userId && a.editorUserIds.includes(who.userId)) return true;
  // The member's roles are those of the guild the interaction came from: they count only there.
  if (!a.editorGuildId || who.guildId !== a.editorGuildId || !who.member) return false;
  return (who.member.roles ?? []).some((r) => a.editorRoleIds.includes(r));
}

export function isDiscordSpaceAdmin(who: DiscordWho, a: DiscordAuthority): boolean {
  const member = who.member;
  if (!who.guildId || !member) return false; // direct messages: nobody administers a DM
  let perms = 0n;
  try {
    perms = BigInt(member.permissions ?? '0');
  } catch {
    perms = 0n;
  }
  if ((perms & (ADMINISTRATOR | MANAGE_GUILD)) !== 0n) return true;
  return (member.roles ?? []).some((r) => a.adminRoleIds.includes(r));
}

// Who counts as an admin on Discord: Manage Server or Administrator in the channel's computed
// permissions (Discord sends them with every guild interaction), or a role the operator listed.
const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;

export interface InteractionMember {
  permissions?: string;
  roles?: string[];
}

export function isDiscordAdmin(member: InteractionMember | undefined, adminRoleIds: readonly string[]): boolean {
  if (!member) return false; // direct messages: nobody administers a DM
  let perms = 0n;
  try {
    perms = BigInt(member.permissions ?? '0');
  } catch {
    perms = 0n;
  }
  if ((perms & (ADMINISTRATOR | MANAGE_GUILD)) !== 0n) return true;
  return (member.roles ?? []).some((r) => adminRoleIds.includes(r));
}

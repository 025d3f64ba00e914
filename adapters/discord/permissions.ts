import { PermissionFlagsBits } from "discord.js";

const ALL = (1n << 64n) - 1n;

/** A channel permission overwrite as Discord sends it: type 0 for a role, 1 for a member. */
export interface Overwrite {
  id: string;
  type: number;
  allow: bigint;
  deny: bigint;
}

/** What Discord's permission algorithm needs to know about one member in one channel. */
export interface PermissionInput {
  guildId: string;
  ownerId: string;
  /** Every role of the guild, including @everyone (whose id is the guild's). */
  rolePermissions: ReadonlyMap<string, bigint>;
  /** The channel's overwrites (a thread's are its parent's). */
  overwrites: readonly Overwrite[];
  userId: string;
  memberRoleIds: readonly string[];
}

/**
 * A member's permissions in a channel, following the algorithm in Discord's permissions
 * documentation: owner and Administrator have everything; otherwise the roles' permissions,
 * then @everyone's overwrite, then the member's roles' overwrites (all denies, then all allows),
 * then the member's own overwrite. Messages carry the member's roles but not their permissions,
 * so the adapter computes them from the guild it has cached.
 */
export function channelPermissions(input: PermissionInput): bigint {
  if (input.userId === input.ownerId) return ALL;
  let permissions = input.rolePermissions.get(input.guildId) ?? 0n;
  for (const roleId of input.memberRoleIds) permissions |= input.rolePermissions.get(roleId) ?? 0n;
  if (permissions & PermissionFlagsBits.Administrator) return ALL;

  const apply = (overwrite: { allow: bigint; deny: bigint } | undefined) => {
    if (overwrite) permissions = (permissions & ~overwrite.deny) | overwrite.allow;
  };
  apply(input.overwrites.find((o) => o.id === input.guildId));
  const roles = new Set(input.memberRoleIds);
  const roleOverwrites = input.overwrites.filter((o) => o.type === 0 && roles.has(o.id));
  apply({
    allow: roleOverwrites.reduce((sum, o) => sum | o.allow, 0n),
    deny: roleOverwrites.reduce((sum, o) => sum | o.deny, 0n),
  });
  apply(input.overwrites.find((o) => o.type === 1 && o.id === input.userId));
  return permissions;
}

/**
 * Manage Channels is what Discord itself asks for to change a channel, so it is what changing
 * a channel's subscriptions asks for. Administrator implies it.
 */
export function canManageChannel(permissions: bigint): boolean {
  return (permissions & (PermissionFlagsBits.ManageChannels | PermissionFlagsBits.Administrator)) !== 0n;
}

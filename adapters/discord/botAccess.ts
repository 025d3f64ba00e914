import { PermissionFlagsBits } from "discord.js";

/** What posting a notice in a channel takes: seeing it, sending, and showing the embed. */
const POSTING =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

/**
 * Whether the bot can post notices where a slash command was run, from the interaction's
 * `app_permissions` (the bot's own permissions in that channel, computed by Discord).
 * Administrator covers everything.
 */
export function botCanPost(appPermissions: string | undefined): boolean {
  if (appPermissions === undefined) return true;
  const permissions = BigInt(appPermissions);
  return (permissions & PermissionFlagsBits.Administrator) !== 0n || (permissions & POSTING) === POSTING;
}

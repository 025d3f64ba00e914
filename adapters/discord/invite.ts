import { OAuth2Scopes, PermissionFlagsBits } from "discord.js";

/**
 * The permissions the bot asks for when invited, and why each one. Nothing else: no Manage
 * anything, no Mention Everyone, no Message Content.
 */
export const INVITE_PERMISSIONS = [
  {
    flag: PermissionFlagsBits.ViewChannel,
    name: "View Channels",
    why: "see the channels it answers and posts in",
  },
  { flag: PermissionFlagsBits.SendMessages, name: "Send Messages", why: "answer mentions and post notices" },
  {
    flag: PermissionFlagsBits.SendMessagesInThreads,
    name: "Send Messages in Threads",
    why: "answer mentions made inside threads",
  },
  { flag: PermissionFlagsBits.EmbedLinks, name: "Embed Links", why: "show answers and notices as embeds" },
  {
    flag: PermissionFlagsBits.ReadMessageHistory,
    name: "Read Message History",
    why: "reply to the message that asked (Discord requires it for replies)",
  },
] as const;

/** The permissions integer for the invite URL. */
export const invitePermissions: bigint = INVITE_PERMISSIONS.reduce((sum, p) => sum | p.flag, 0n);

/** Scopes: `bot` adds the bot user, `applications.commands` lets the server use `/brief`. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands];

/** The link a server admin opens to add the bot. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: INVITE_SCOPES.join(" "),
    permissions: invitePermissions.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

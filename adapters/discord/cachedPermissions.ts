import type { Client, GatewayMessageCreateDispatchData } from "discord.js";
import { channelPermissions, type Overwrite } from "./permissions.ts";

/**
 * The author's permissions in the message's channel, from the guild and channel discord.js
 * cached from GUILD_CREATE and the roles the message carries. Undefined when the channel is
 * not cached (e.g. a thread the bot has not seen yet): the caller then grants nothing.
 */
export function authorPermissions(
  client: Client,
  message: GatewayMessageCreateDispatchData,
): bigint | undefined {
  const guild = message.guild_id ? client.guilds.cache.get(message.guild_id) : undefined;
  const cached = client.channels.cache.get(message.channel_id);
  const channel = cached?.isThread() ? cached.parent : cached;
  if (!guild || !message.member || !channel || !("permissionOverwrites" in channel)) return undefined;
  const overwrites: Overwrite[] = channel.permissionOverwrites.cache.map((overwrite) => ({
    id: overwrite.id,
    type: overwrite.type,
    allow: overwrite.allow.bitfield,
    deny: overwrite.deny.bitfield,
  }));
  return channelPermissions({
    guildId: guild.id,
    ownerId: guild.ownerId,
    rolePermissions: new Map(guild.roles.cache.map((role) => [role.id, role.permissions.bitfield])),
    overwrites,
    userId: message.author.id,
    memberRoleIds: message.member.roles,
  });
}

/** Channel name for logs and the core's ChannelRef, when cached. */
export function cachedChannelName(client: Client, channelId: string): string | undefined {
  const channel = client.channels.cache.get(channelId);
  return channel && "name" in channel && typeof channel.name === "string" ? channel.name : undefined;
}

/**
 * True while the channel's guild is unavailable (a Discord outage: GUILD_DELETE with
 * `unavailable`). discord.js keeps such a guild and its channels cached with `available` false;
 * a guild the bot was removed from is dropped instead, and posting there fails for real.
 */
export function inUnavailableGuild(client: Client | undefined, channelId: string): boolean {
  const channel = client?.channels.cache.get(channelId);
  return Boolean(channel && "guild" in channel && channel.guild && !channel.guild.available);
}

import { type GatewayGuildCreateDispatchData, PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { canManageChannel, channelPermissions } from "../../adapters/discord/permissions.ts";
import { CHANNELS, GUILD_ID, ROLES, USERS } from "./fake/world.ts";
import { fixture } from "./support/fixtures.ts";

const guild = fixture<GatewayGuildCreateDispatchData>("guild-create-newsroom.json");

/** The permission input for a member of the captured newsroom guild in one of its channels. */
function inChannel(channelId: string, userId: string, memberRoleIds: string[]) {
  const channel = guild.channels.find((c) => c.id === channelId);
  const overwrites =
    channel && "permission_overwrites" in channel ? (channel.permission_overwrites ?? []) : [];
  return channelPermissions({
    guildId: GUILD_ID,
    ownerId: guild.owner_id,
    rolePermissions: new Map(guild.roles.map((r) => [r.id, BigInt(r.permissions)])),
    overwrites: overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: BigInt(o.allow),
      deny: BigInt(o.deny),
    })),
    userId,
    memberRoleIds,
  });
}

describe("who may manage a channel's subscriptions", () => {
  it("an editor may in #briefings: the Editors role has Manage Channels", () => {
    expect(canManageChannel(inChannel(CHANNELS.briefings, USERS.editor.id, [ROLES.editors]))).toBe(true);
  });

  it("a reporter may not in #briefings, but may in #desk-alerts, whose overwrite grants it", () => {
    expect(canManageChannel(inChannel(CHANNELS.briefings, USERS.reporter.id, [ROLES.reporters]))).toBe(false);
    expect(canManageChannel(inChannel(CHANNELS.deskAlerts, USERS.reporter.id, [ROLES.reporters]))).toBe(true);
  });

  it("an editor may not in #security, whose overwrite denies the Editors role", () => {
    const permissions = inChannel(CHANNELS.security, USERS.editor.id, [ROLES.editors]);
    expect(canManageChannel(permissions)).toBe(false);
    expect(permissions & PermissionFlagsBits.SendMessages).toBe(PermissionFlagsBits.SendMessages);
  });

  it("the server owner always may, whatever the overwrites", () => {
    expect(canManageChannel(inChannel(CHANNELS.security, USERS.owner.id, []))).toBe(true);
  });

  it("a member overwrite beats the role overwrites", () => {
    const permissions = channelPermissions({
      guildId: GUILD_ID,
      ownerId: USERS.owner.id,
      rolePermissions: new Map([[GUILD_ID, PermissionFlagsBits.ViewChannel]]),
      overwrites: [
        { id: ROLES.reporters, type: 0, allow: PermissionFlagsBits.ManageChannels, deny: 0n },
        { id: USERS.reporter.id, type: 1, allow: 0n, deny: PermissionFlagsBits.ManageChannels },
      ],
      userId: USERS.reporter.id,
      memberRoleIds: [ROLES.reporters],
    });
    expect(canManageChannel(permissions)).toBe(false);
  });

  it("Administrator implies it, as in an interaction's member.permissions", () => {
    expect(canManageChannel(PermissionFlagsBits.Administrator)).toBe(true);
    expect(canManageChannel(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel)).toBe(false);
  });
});

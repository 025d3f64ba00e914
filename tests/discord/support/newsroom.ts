import { PermissionFlagsBits } from "discord.js";
import { type GuildSpec, member, role, textChannel, user } from "../fake/guildPayloads.ts";
import {
  BOT_PERMISSIONS,
  BOT_USER_ID,
  CHANNELS,
  EDITOR_PERMISSIONS,
  EVERYONE_PERMISSIONS,
  GUILD_ID,
  OTHER_GUILD_ID,
  ROLES,
  USERS,
} from "../fake/world.ts";

export const botUser = user({ id: BOT_USER_ID, username: "briefbot", global_name: null, bot: true });

/** Each test user's roles in the newsroom. */
export const ROLES_OF: Record<keyof typeof USERS, string[]> = {
  editor: [ROLES.editors],
  reporter: [ROLES.reporters],
  admin: [ROLES.editors],
  owner: [],
};

/**
 * The newsroom: #briefings (no overwrites), #desk-alerts (reporters may manage it through an
 * overwrite) and #security (editors may not: an overwrite denies them Manage Channels).
 */
export function newsroomGuild(): GuildSpec {
  return {
    id: GUILD_ID,
    name: "Kyiv Desk",
    ownerId: USERS.owner.id,
    roles: [
      role(ROLES.everyone, "@everyone", EVERYONE_PERMISSIONS, 0),
      role(ROLES.reporters, "Reporters", 0n, 1),
      role(ROLES.editors, "Editors", EDITOR_PERMISSIONS, 2),
      role(ROLES.bot, "briefbot", BOT_PERMISSIONS, 3, true),
    ],
    channels: [
      textChannel(GUILD_ID, { id: CHANNELS.briefings, name: "briefings" }, 0),
      textChannel(
        GUILD_ID,
        {
          id: CHANNELS.deskAlerts,
          name: "desk-alerts",
          overwrites: [{ id: ROLES.reporters, type: "role", allow: PermissionFlagsBits.ManageChannels }],
        },
        1,
      ),
      textChannel(
        GUILD_ID,
        {
          id: CHANNELS.security,
          name: "security",
          overwrites: [{ id: ROLES.editors, type: "role", deny: PermissionFlagsBits.ManageChannels }],
        },
        2,
      ),
    ],
    botMember: member(botUser, [ROLES.bot]),
  };
}

/** A second server, an NGO's travel team, where the owner manages subscriptions. */
export function ngoGuild(): GuildSpec {
  return {
    id: OTHER_GUILD_ID,
    name: "NGO Travel Security",
    ownerId: USERS.owner.id,
    roles: [role(OTHER_GUILD_ID, "@everyone", EVERYONE_PERMISSIONS, 0)],
    channels: [textChannel(OTHER_GUILD_ID, { id: CHANNELS.ngoTravel, name: "travel-advisories" }, 0)],
    botMember: member(botUser, []),
  };
}

/** The channels tests talk in. */
export const PLACES = {
  briefings: { guildId: GUILD_ID, channelId: CHANNELS.briefings, name: "briefings" },
  deskAlerts: { guildId: GUILD_ID, channelId: CHANNELS.deskAlerts, name: "desk-alerts" },
  security: { guildId: GUILD_ID, channelId: CHANNELS.security, name: "security" },
  ngoTravel: { guildId: OTHER_GUILD_ID, channelId: CHANNELS.ngoTravel, name: "travel-advisories" },
} as const;

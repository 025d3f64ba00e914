import {
  type APIChannel,
  type APIGuildMember,
  type APIRole,
  type APIUser,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  OverwriteType,
} from "discord.js";

/** Guild-side payloads as Discord sends them: users, roles, channels, members, GUILD_CREATE. */

/** A realistic user object. */
export function user(u: {
  id: string;
  username: string;
  global_name: string | null;
  bot?: boolean;
}): APIUser {
  return {
    id: u.id,
    username: u.username,
    global_name: u.global_name,
    discriminator: "0",
    avatar: null,
    ...(u.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
  } as unknown as APIUser;
}

export function role(
  id: string,
  name: string,
  permissions: bigint,
  position: number,
  managed = false,
): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed,
    mentionable: false,
    flags: 0,
  } as unknown as APIRole;
}

export interface ChannelSpec {
  id: string;
  name: string;
  overwrites?: { id: string; type: "role" | "member"; allow?: bigint; deny?: bigint }[];
}

export function textChannel(guildId: string, spec: ChannelSpec, position: number): APIChannel {
  return {
    id: spec.id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name: spec.name,
    position,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    permission_overwrites: (spec.overwrites ?? []).map((o) => ({
      id: o.id,
      type: o.type === "role" ? OverwriteType.Role : OverwriteType.Member,
      allow: (o.allow ?? 0n).toString(),
      deny: (o.deny ?? 0n).toString(),
    })),
  } as unknown as APIChannel;
}

export interface GuildSpec {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  channels: APIChannel[];
  botMember: APIGuildMember;
}

/** GUILD_CREATE as Discord sends it after READY: the guild with its roles, channels and the bot's member. */
export function guildCreate(spec: GuildSpec): GatewayGuildCreateDispatchData {
  return {
    id: spec.id,
    name: spec.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: spec.ownerId,
    region: "",
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: "en-US",
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    application_id: null,
    features: [],
    emojis: [],
    stickers: [],
    roles: spec.roles,
    channels: spec.channels.map((channel) => {
      const { guild_id: _omitted, ...rest } = channel as APIChannel & { guild_id?: string };
      return rest;
    }),
    threads: [],
    members: [spec.botMember],
    member_count: 42,
    large: false,
    unavailable: false,
    joined_at: "2024-11-02T09:15:00.000000+00:00",
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    premium_subscription_count: 0,
    hub_type: null,
    incidents_data: null,
  } as unknown as GatewayGuildCreateDispatchData;
}

export function member(u: APIUser, roles: string[], nick: string | null = null): APIGuildMember {
  return {
    user: u,
    nick,
    avatar: null,
    banner: null,
    roles,
    joined_at: "2024-06-11T08:30:00.000000+00:00",
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  } as unknown as APIGuildMember;
}

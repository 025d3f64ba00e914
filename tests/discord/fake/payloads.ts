import {
  type APIChannel,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIGuildMember,
  type APIRole,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  type GatewayMessageCreateDispatchData,
  InteractionType,
  MessageType,
  OverwriteType,
  SnowflakeUtil,
} from "discord.js";

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

export interface MessageSpec {
  guildId: string;
  channelId: string;
  author: APIUser;
  roles: string[];
  content: string;
  /** Users mentioned in the content, as Discord resolves them. */
  mentions?: APIUser[];
  at?: Date;
  type?: MessageType;
}

/** MESSAGE_CREATE for a guild message, with the author's member (roles, no permissions) as Discord sends it. */
export function messageCreate(spec: MessageSpec): GatewayMessageCreateDispatchData {
  const at = spec.at ?? new Date();
  const { user: _user, ...authorMember } = member(spec.author, spec.roles);
  return {
    id: SnowflakeUtil.generate({ timestamp: at }).toString(),
    type: spec.type ?? MessageType.Default,
    channel_id: spec.channelId,
    guild_id: spec.guildId,
    author: spec.author,
    member: authorMember,
    content: spec.content,
    timestamp: at.toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)\b/.test(spec.content),
    mentions: (spec.mentions ?? []).map((u) => ({ ...u, member: authorMember })),
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
    components: [],
    nonce: SnowflakeUtil.generate({ timestamp: at }).toString(),
  } as unknown as GatewayMessageCreateDispatchData;
}

export interface SlashSpec {
  applicationId: string;
  commandId: string;
  guildId: string;
  channel: { id: string; name: string };
  user: APIUser;
  roles: string[];
  /** The member's permissions in the channel, as Discord computes them for interactions. */
  permissions: bigint;
  appPermissions: bigint;
  subcommand: string;
  options?: Record<string, string>;
  token: string;
  at?: Date;
}

/** INTERACTION_CREATE for `/brief <subcommand>` in a guild channel. */
export function slashCommand(spec: SlashSpec): APIChatInputApplicationCommandGuildInteraction {
  const at = spec.at ?? new Date();
  return {
    id: SnowflakeUtil.generate({ timestamp: at }).toString(),
    application_id: spec.applicationId,
    type: InteractionType.ApplicationCommand,
    data: {
      id: spec.commandId,
      name: "brief",
      type: ApplicationCommandType.ChatInput,
      guild_id: undefined,
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: spec.subcommand,
          options: Object.entries(spec.options ?? {}).map(([name, value]) => ({
            type: ApplicationCommandOptionType.String,
            name,
            value,
          })),
        },
      ],
    },
    guild_id: spec.guildId,
    guild: { id: spec.guildId, locale: "en-US", features: [] },
    channel_id: spec.channel.id,
    channel: {
      id: spec.channel.id,
      type: ChannelType.GuildText,
      name: spec.channel.name,
      guild_id: spec.guildId,
      parent_id: null,
      position: 0,
      permissions: spec.permissions.toString(),
      flags: 0,
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
    },
    member: { ...member(spec.user, spec.roles), permissions: spec.permissions.toString() },
    token: spec.token,
    version: 1,
    app_permissions: spec.appPermissions.toString(),
    locale: "en-GB",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": spec.guildId },
    context: 0,
    attachment_size_limit: 10485760,
  } as unknown as APIChatInputApplicationCommandGuildInteraction;
}

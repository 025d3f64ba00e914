import {
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIMessageComponentGuildInteraction,
  type APIModalSubmitGuildInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  type GatewayMessageCreateDispatchData,
  InteractionType,
  MessageType,
  SnowflakeUtil,
} from "discord.js";
import { member } from "./guildPayloads.ts";

/** Events as the gateway delivers them: MESSAGE_CREATE and INTERACTION_CREATE. */
export interface MessageSpec {
  /** Unset for a direct message, which belongs to no guild and carries no member. */
  guildId?: string;
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
  const inGuild = spec.guildId !== undefined;
  return {
    id: SnowflakeUtil.generate({ timestamp: at }).toString(),
    type: spec.type ?? MessageType.Default,
    channel_id: spec.channelId,
    ...(inGuild ? { guild_id: spec.guildId, member: authorMember } : {}),
    author: spec.author,
    content: spec.content,
    timestamp: at.toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)\b/.test(spec.content),
    mentions: (spec.mentions ?? []).map((u) => (inGuild ? { ...u, member: authorMember } : u)),
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

/** INTERACTION_CREATE for a click on a button of a message the bot posted. */
export function buttonClick(
  spec: Omit<SlashSpec, "subcommand" | "options" | "commandId"> & { customId: string; messageId: string },
): APIMessageComponentGuildInteraction {
  const base = slashCommand({ ...spec, commandId: "0", subcommand: "ask" });
  return {
    ...base,
    type: InteractionType.MessageComponent,
    data: { custom_id: spec.customId, component_type: ComponentType.Button },
    message: { id: spec.messageId, channel_id: spec.channel.id },
  } as unknown as APIMessageComponentGuildInteraction;
}

/** INTERACTION_CREATE for a form (modal) the member submitted, with each text input's value. */
export function modalSubmit(
  spec: Omit<SlashSpec, "subcommand" | "options" | "commandId"> & {
    customId: string;
    values: Record<string, string>;
  },
): APIModalSubmitGuildInteraction {
  const base = slashCommand({ ...spec, commandId: "0", subcommand: "ask" });
  return {
    ...base,
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: spec.customId,
      components: Object.entries(spec.values).map(([customId, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
      })),
    },
  } as unknown as APIModalSubmitGuildInteraction;
}

/** INTERACTION_CREATE while a member types into `/brief <subcommand>`'s option `focused`. */
export function autocomplete(
  spec: SlashSpec & { focused: string },
): APIApplicationCommandAutocompleteGuildInteraction {
  const command = slashCommand(spec);
  const options = Object.entries(spec.options ?? {}).map(([name, value]) => ({
    type: ApplicationCommandOptionType.String,
    name,
    value,
    ...(name === spec.focused ? { focused: true } : {}),
  }));
  return {
    ...command,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      ...command.data,
      options: [{ type: ApplicationCommandOptionType.Subcommand, name: spec.subcommand, options }],
    },
  } as unknown as APIApplicationCommandAutocompleteGuildInteraction;
}

import {
  type APIChatInputApplicationCommandInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  type GatewayMessageCreateDispatchData,
  MessageType,
  SnowflakeUtil,
} from "discord.js";
import type { ChatRequest } from "../../src/commands/request.ts";
import { wellFormed } from "../../src/text/clean.ts";
import { BRIEF_COMMAND, SUBCOMMANDS } from "./commands.ts";
import { canManageChannel } from "./permissions.ts";

/** What the caller knows beyond the message itself. */
export interface MessageContext {
  botUserId: string;
  /** The author's Manage Channels right in this channel, computed from the cached guild. */
  canManageSubscriptions: boolean;
  channelName?: string;
}

/** The moment Discord stamped into an id: the time of the message or interaction, not of our clock. */
const requestTime = (id: string) => new Date(SnowflakeUtil.timestampFrom(id));

const displayName = (user: APIUser, nick?: string | null) => nick ?? user.global_name ?? user.username;

/**
 * The message text without the bot's own mention. Other user mentions become "@name", so the
 * core sees what the reader sees; the leading comma or colon of "@briefbot, is …" goes too.
 */
export function mentionlessText(content: string, botUserId: string, mentions: readonly APIUser[]): string {
  return wellFormed(content)
    .replace(/<@!?(\d+)>/g, (whole, id: string) => {
      if (id === botUserId) return " ";
      const user = mentions.find((mentioned) => mentioned.id === id);
      return user ? `@${displayName(user)}` : whole;
    })
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[,:;]\s*/, "");
}

/** Whether Discord resolved a mention of the bot in the message (not @everyone, not a role). */
export function mentionsBot(message: GatewayMessageCreateDispatchData, botUserId: string): boolean {
  return message.mentions.some((user) => user.id === botUserId);
}

/**
 * A guild message that mentions the bot, as a core request; null for anything else. Without
 * the Message Content intent, Discord sends text only for messages that mention the bot, which
 * is exactly the set answered here. Bots and webhooks are ignored so two bots never loop.
 */
export function translateMessage(
  message: GatewayMessageCreateDispatchData,
  context: MessageContext,
): ChatRequest | null {
  if (!message.guild_id || message.author.bot || message.webhook_id) return null;
  if (message.type !== MessageType.Default && message.type !== MessageType.Reply) return null;
  if (!mentionsBot(message, context.botUserId)) return null;
  return {
    text: mentionlessText(message.content, context.botUserId, message.mentions),
    channel: {
      platform: "discord",
      id: message.channel_id,
      ...(context.channelName ? { name: context.channelName } : {}),
    },
    user: {
      platform: "discord",
      id: message.author.id,
      name: displayName(message.author, message.member?.nick),
    },
    canManageSubscriptions: context.canManageSubscriptions,
    now: requestTime(message.id),
  };
}

/** The `/brief` subcommand an interaction invoked, if it is one of ours. */
export function invokedSubcommand(interaction: APIChatInputApplicationCommandInteraction) {
  if (interaction.data.name !== BRIEF_COMMAND) return undefined;
  const invoked = interaction.data.options?.[0];
  if (invoked?.type !== ApplicationCommandOptionType.Subcommand) return undefined;
  const spec = SUBCOMMANDS.find((sub) => sub.name === invoked.name);
  return spec ? { spec, options: invoked.options ?? [] } : undefined;
}

/**
 * A `/brief` slash command as a core request: the subcommand's words followed by its option
 * values, the same text a user would type after a mention. Discord computes the member's
 * permissions in the channel (overwrites included) and sends them, so nothing is looked up.
 * Null outside a server or for a command that is not ours.
 */
export function translateInteraction(
  interaction: APIChatInputApplicationCommandInteraction,
): ChatRequest | null {
  const invoked = invokedSubcommand(interaction);
  const member = interaction.member;
  const channelId = interaction.channel?.id ?? interaction.channel_id;
  if (!invoked || !interaction.guild_id || !member || !channelId) return null;
  const values = invoked.spec.options.flatMap((option) => {
    const given = invoked.options.find((o) => o.name === option.name);
    return given && "value" in given ? [String(given.value).trim()] : [];
  });
  const channelName =
    interaction.channel && "name" in interaction.channel ? interaction.channel.name : undefined;
  return {
    text: wellFormed([invoked.spec.words, ...values].filter(Boolean).join(" ")),
    channel: {
      platform: "discord",
      id: channelId,
      ...(channelName ? { name: channelName } : {}),
    },
    user: { platform: "discord", id: member.user.id, name: displayName(member.user, member.nick) },
    canManageSubscriptions: canManageChannel(BigInt(member.permissions)),
    now: requestTime(interaction.id),
  };
}

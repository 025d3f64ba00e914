import type { ChannelRef, ChatRequest, UserRef } from "../../src/commands/request.ts";
import { wellFormed } from "../../src/text/clean.ts";
import { SHARE_ACTION_ID } from "./share.ts";

/** The fields of a slash command payload that a request needs (a subset of Bolt's `SlashCommand`). */
export interface SlashCommandPayload {
  text: string;
  user_id: string;
  user_name?: string;
  team_id: string;
  channel_id: string;
  channel_name?: string;
}

/** The fields of an `app_mention` event that a request needs. */
export interface MentionEventPayload {
  text: string;
  user?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
}

/** The fields of a `message.im` event (a direct message to the bot) that a request needs. */
export interface DirectMessagePayload {
  text?: string;
  user?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  subtype?: string;
  bot_id?: string;
}

/** The fields of a `block_actions` payload from the "Share in channel" button. */
export interface ShareClickPayload {
  user: { id: string; username?: string; name?: string; team_id?: string };
  team: { id: string } | null;
  channel?: { id: string; name?: string };
  actions: Array<{ action_id: string; value?: string }>;
}

/**
 * Slack's markup in incoming text turned back into what the person saw: mentions and channels by
 * name, links by label, and `&amp;`/`&lt;`/`&gt;` decoded. Broadcasts (`<!channel>`) become plain
 * words, so nothing downstream can carry them back out as live mentions.
 */
export function plainTextFromSlack(text: string): string {
  const readable = text.replace(/<([^<>]*)>/g, (_token, inner: string) => {
    const [target = "", label] = inner.split("|", 2);
    if (target.startsWith("@") || target.startsWith("#"))
      return label ? `${target[0]}${label.replace(/^[@#]/, "")}` : target;
    if (target.startsWith("!")) {
      if (label) return label;
      const word = target.slice(1).split("^")[0] ?? "";
      return `@${word}`;
    }
    return label ?? target;
  });
  const decoded = readable.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  // Removing a mention leaves a gap; runs of spaces are never meaningful in a question.
  return wellFormed(decoded)
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Removes the mention that addressed the bot, wherever it sits; other mentions stay as names. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (botUserId) return text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), " ");
  return text.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/, " ");
}

/** `${teamId}:${channelId}`: channel ids are only unique within a workspace, and the poster blocks per workspace. */
export function slackChannelRef(teamId: string, channelId: string, name?: string): ChannelRef {
  return { platform: "slack", id: `${teamId}:${channelId}`, ...(name ? { name } : {}) };
}

/** A Slack user as the core names them. */
export function slackUser(id: string, name?: string): UserRef {
  return { platform: "slack", id, ...(name ? { name } : {}) };
}

/**
 * Anyone in a Slack channel may manage its subscriptions: Slack gives bots no per-channel
 * "manage" permission to check, a subscription only posts to the channel it was made in, where
 * everyone sees who made it, and workspace admins already control who can use the app.
 */
const CAN_MANAGE_SUBSCRIPTIONS = true;

/** `/brief <text>`: the core gets the text after the command word, decoded. */
export function translateSlashCommand(command: SlashCommandPayload, now: Date): ChatRequest {
  const direct = command.channel_id.startsWith("D");
  return {
    text: plainTextFromSlack(command.text),
    channel: slackChannelRef(command.team_id, command.channel_id, command.channel_name),
    user: slackUser(command.user_id, command.user_name),
    canManageSubscriptions: CAN_MANAGE_SUBSCRIPTIONS,
    // A slash command has no thread: its conversation is this person in this channel.
    conversation: `slack:${command.team_id}:${command.channel_id}:${command.user_id}`,
    ...(direct ? { direct } : {}),
    now,
  };
}

/**
 * A direct message to the bot, answered like a mention; `undefined` for anything a person did not
 * type (edits, joins, the bot's own replies). The DM is one conversation, threads or not.
 */
export function translateDirectMessage(
  event: DirectMessagePayload,
  teamId: string,
  botUserId: string | undefined,
  now: Date,
): ChatRequest | undefined {
  if (event.channel_type !== "im" || event.subtype || event.bot_id || !event.user || !event.text)
    return undefined;
  return {
    text: plainTextFromSlack(stripBotMention(event.text, botUserId)),
    channel: slackChannelRef(teamId, event.channel),
    user: slackUser(event.user),
    canManageSubscriptions: CAN_MANAGE_SUBSCRIPTIONS,
    conversation: `slack:${teamId}:${event.channel}`,
    direct: true,
    now,
  };
}

/** `@briefbot <text>`: the bot's own mention is removed; `undefined` for events with no human author. */
export function translateMention(
  event: MentionEventPayload,
  teamId: string,
  botUserId: string | undefined,
  now: Date,
): ChatRequest | undefined {
  if (!event.user) return undefined;
  return {
    text: plainTextFromSlack(stripBotMention(event.text, botUserId)),
    channel: slackChannelRef(teamId, event.channel),
    user: slackUser(event.user),
    canManageSubscriptions: CAN_MANAGE_SUBSCRIPTIONS,
    // The reply goes in the thread under the message, so the thread is the conversation.
    conversation: `slack:${teamId}:${event.channel}:${event.thread_ts ?? event.ts}`,
    now,
  };
}

/** A "Share in channel" click: the clicker re-asks the question carried in the button. */
export function translateShareClick(body: ShareClickPayload, now: Date): ChatRequest | undefined {
  const action = body.actions.find((candidate) => candidate.action_id === SHARE_ACTION_ID);
  const teamId = body.team?.id ?? body.user.team_id;
  if (!action?.value || !body.channel || !teamId) return undefined;
  return {
    text: action.value,
    channel: slackChannelRef(teamId, body.channel.id, body.channel.name),
    user: slackUser(body.user.id, body.user.username ?? body.user.name),
    canManageSubscriptions: CAN_MANAGE_SUBSCRIPTIONS,
    now,
  };
}

import { type GatewayMessageCreateDispatchData, type REST, Routes } from "discord.js";
import type { Logger } from "pino";
import type { BotCore } from "../../src/adapter.ts";
import { ADAPTER_MESSAGES } from "./messages.ts";
import { replyNonce } from "./nonce.ts";
import { canManageChannel } from "./permissions.ts";
import { type DiscordMessage, renderPlain, renderReply } from "./render.ts";
import { safeError } from "./safeError.ts";
import { type MessageContext, mentionsBot, translateMessage } from "./translate.ts";

export interface MentionDeps {
  bot: BotCore;
  rest: REST;
  logger: Logger;
  /** Null until the gateway's READY names the bot's user. */
  botUserId(): string | null;
  permissions(message: GatewayMessageCreateDispatchData): bigint | undefined;
  channelName(channelId: string): string | undefined;
}

/**
 * Answers a message that mentions the bot with a reply to it. A mention is public, so every
 * reply is too (Discord has no ephemeral message replies); errors are answered, not dropped,
 * so the asker never waits on silence.
 */
export async function answerMention(
  deps: MentionDeps,
  message: GatewayMessageCreateDispatchData,
): Promise<void> {
  const botUserId = deps.botUserId();
  // Every guild message arrives (with its text blanked when it does not mention the bot); only
  // mentions and direct messages are worth the permission lookup.
  if (!botUserId) return;
  if (message.guild_id && !mentionsBot(message, botUserId)) return;
  if (message.author.id === botUserId) return;
  const permissions = deps.permissions(message);
  const context: MessageContext = {
    botUserId,
    canManageSubscriptions: permissions !== undefined && canManageChannel(permissions),
  };
  const channelName = deps.channelName(message.channel_id);
  if (channelName) context.channelName = channelName;
  const request = translateMessage(message, context);
  if (!request) return;

  let body: DiscordMessage;
  try {
    body = renderReply(await deps.bot.handle(request));
  } catch (error) {
    deps.logger.error({ err: safeError(error), channel: message.channel_id }, "could not answer a mention");
    body = renderPlain(ADAPTER_MESSAGES.failed);
  }
  try {
    await deps.rest.post(Routes.channelMessages(message.channel_id), {
      body: {
        ...body,
        message_reference: { message_id: message.id, fail_if_not_exists: false },
        nonce: replyNonce(message.id),
        enforce_nonce: true,
      },
    });
  } catch (error) {
    deps.logger.warn({ err: safeError(error), channel: message.channel_id }, "could not post a reply");
  }
}

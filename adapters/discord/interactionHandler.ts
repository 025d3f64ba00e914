import {
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type REST,
  Routes,
} from "discord.js";
import type { Logger } from "pino";
import type { BotCore } from "../../src/adapter.ts";
import { botCanPost } from "./botAccess.ts";
import { ADAPTER_MESSAGES } from "./messages.ts";
import { type DiscordMessage, renderPlain, renderReply } from "./render.ts";
import { safeError } from "./safeError.ts";
import { invokedSubcommand, translateInteraction } from "./translate.ts";

/** Slash commands only: autocomplete, buttons and context menus are not used by briefbot. */
function isChatInputCommand(
  interaction: APIInteraction,
): interaction is APIChatInputApplicationCommandInteraction {
  return (
    interaction.type === InteractionType.ApplicationCommand &&
    interaction.data.type === ApplicationCommandType.ChatInput
  );
}

export interface InteractionDeps {
  bot: BotCore;
  rest: REST;
  logger: Logger;
}

/**
 * Answers a `/brief` command with an interaction response. Replies the core marks private
 * (errors, help, subscription management) are ephemeral, seen only by the member who asked;
 * answers are public. The question is echoed as the answer's title, because a slash command's
 * option values are not shown above its response.
 */
export async function answerInteraction(deps: InteractionDeps, interaction: APIInteraction): Promise<void> {
  if (!isChatInputCommand(interaction)) return;
  const invoked = invokedSubcommand(interaction);
  const request = translateInteraction(interaction);

  let body: DiscordMessage;
  let ephemeral = true;
  if (!invoked) {
    body = renderPlain(ADAPTER_MESSAGES.unknownCommand);
  } else if (!request) {
    body = renderPlain(ADAPTER_MESSAGES.serverOnly);
  } else {
    try {
      const reply = await deps.bot.handle(request);
      const question = invoked.options.find((option) => option.name === "question");
      body = renderReply(reply, question && "value" in question ? { question: String(question.value) } : {});
      ephemeral = reply.visibility === "private";
      // A subscription the bot cannot post into would only be paused at the first notice: say so now.
      if (
        reply.kind === "result" &&
        reply.code === "subscribed" &&
        !botCanPost(interaction.app_permissions)
      ) {
        body = renderPlain(`${reply.text}\n${ADAPTER_MESSAGES.cannotPostHere}`);
      }
    } catch (error) {
      deps.logger.error(
        { err: safeError(error), command: invoked.spec.name },
        "could not answer a slash command",
      );
      body = renderPlain(ADAPTER_MESSAGES.failed);
    }
  }
  try {
    await deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...body, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) },
      },
      auth: false,
    });
  } catch (error) {
    deps.logger.warn({ err: safeError(error) }, "could not respond to a slash command");
  }
}

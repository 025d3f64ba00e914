import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type REST,
  Routes,
  SnowflakeUtil,
} from "discord.js";
import type { Logger } from "pino";
import type { BotCore } from "../../src/adapter.ts";
import { botCanPost } from "./botAccess.ts";
import { BRIEF_COMMAND, SUBCOMMANDS } from "./commands.ts";
import { feedbackClick, reasonForm, reasonSubmitted } from "./feedback.ts";
import { ADAPTER_MESSAGES } from "./messages.ts";
import { type DiscordMessage, renderPlain, renderReply } from "./render.ts";
import { editSubmitted, reviewClick } from "./review.ts";
import { answerReviewClick, answerReviewEdit } from "./reviewInteractions.ts";
import { safeError } from "./safeError.ts";
import { invokedSubcommand, translateInteraction } from "./translate.ts";

/** Slash commands; autocomplete is answered apart, and buttons and context menus are not used. */
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
  /** How long an answer may take before the interaction is deferred; Discord allows 3 s in all. */
  deferAfterMs?: number;
}

/** Answers not ready after this long are deferred ("briefbot is thinking…") and sent as a follow-up. */
export const DEFER_AFTER_MS = 2_000;

/** Subcommands whose replies are public; the rest (help, management, errors) are private, so a deferral is too. */
const PUBLIC_SUBCOMMANDS = new Set(["ask", "status", "sources"]);

/**
 * Answers a `/brief` command with an interaction response. Replies the core marks private
 * (errors, help, subscription management) are ephemeral, seen only by the member who asked;
 * answers are public. The question is echoed as the answer's title, because a slash command's
 * option values are not shown above its response.
 */
export async function answerInteraction(deps: InteractionDeps, interaction: APIInteraction): Promise<void> {
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete)
    return answerAutocomplete(deps, interaction);
  if (interaction.type === InteractionType.MessageComponent)
    return reviewClick(interaction)
      ? answerReviewClick(deps, interaction)
      : answerFeedback(deps, interaction);
  if (interaction.type === InteractionType.ModalSubmit)
    return editSubmitted(interaction) ? answerReviewEdit(deps, interaction) : answerReason(deps, interaction);
  if (!isChatInputCommand(interaction)) return;
  const invoked = invokedSubcommand(interaction);
  const request = translateInteraction(interaction);

  const respond = (type: InteractionResponseType, data?: Record<string, unknown>) =>
    deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: { type, ...(data ? { data } : {}) },
      auth: false,
    });

  const work = reply(deps, interaction, invoked, request);
  let timer: NodeJS.Timeout | undefined;
  const deferred = new Promise<"defer">((resolve) => {
    timer = setTimeout(() => resolve("defer"), deps.deferAfterMs ?? DEFER_AFTER_MS);
  });
  const first = await Promise.race([work, deferred]);
  clearTimeout(timer);
  try {
    if (first !== "defer") {
      await respond(InteractionResponseType.ChannelMessageWithSource, withFlags(first));
      return;
    }
    const privately = !PUBLIC_SUBCOMMANDS.has(invoked?.spec.name ?? "");
    await respond(
      InteractionResponseType.DeferredChannelMessageWithSource,
      privately ? { flags: MessageFlags.Ephemeral } : undefined,
    );
    const { body } = await work;
    await deps.rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, "@original"), {
      body,
      auth: false,
    });
  } catch (error) {
    deps.logger.warn({ err: safeError(error) }, "could not respond to a slash command");
  }
}

/** Who clicked or submitted: the member in a server, the user in a direct message. */
const clicker = (interaction: APIMessageComponentInteraction | APIModalSubmitInteraction) =>
  interaction.member?.user.id ?? interaction.user?.id;

/**
 * A click on an answer's "Helpful" or "Wrong": the vote is recorded at once and the voter told
 * privately; a "Wrong" then opens the optional reason form instead, which says the vote is in.
 */
async function answerFeedback(deps: InteractionDeps, interaction: APIMessageComponentInteraction) {
  const click = feedbackClick(interaction);
  const userId = clicker(interaction);
  if (!click || !userId || !deps.bot.feedback) return;
  const respond = (body: Record<string, unknown>) =>
    deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
  let said: string;
  let recorded = false;
  try {
    const result = await deps.bot.feedback({
      answerId: click.answerId,
      user: { platform: "discord", id: userId },
      vote: click.vote,
      now: new Date(SnowflakeUtil.timestampFrom(interaction.id)),
    });
    said = result.text;
    recorded = result.outcome !== "unknown";
  } catch (error) {
    deps.logger.error({ err: safeError(error) }, "could not record feedback");
    said = ADAPTER_MESSAGES.failed;
  }
  try {
    if (click.vote === "wrong" && recorded)
      await respond({ type: InteractionResponseType.Modal, data: reasonForm(click.answerId) });
    else
      await respond({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...renderPlain(said), flags: MessageFlags.Ephemeral },
      });
  } catch (error) {
    deps.logger.warn({ err: safeError(error) }, "could not answer a feedback click");
  }
}

/** The reason form of a "Wrong" vote, submitted: recorded with the vote, and the voter told privately. */
async function answerReason(deps: InteractionDeps, interaction: APIModalSubmitInteraction) {
  const form = reasonSubmitted(interaction);
  const userId = clicker(interaction);
  if (!form || !userId || !deps.bot.feedbackReason) return;
  let said: string;
  try {
    said = await deps.bot.feedbackReason({
      answerId: form.answerId,
      user: { platform: "discord", id: userId },
      text: form.text,
      now: new Date(SnowflakeUtil.timestampFrom(interaction.id)),
    });
  } catch (error) {
    deps.logger.error({ err: safeError(error) }, "could not record a feedback reason");
    said = ADAPTER_MESSAGES.failed;
  }
  try {
    await deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...renderPlain(said), flags: MessageFlags.Ephemeral },
      },
      auth: false,
    });
  } catch (error) {
    deps.logger.warn({ err: safeError(error) }, "could not answer a feedback form");
  }
}

/** Discord caps a suggestion's name and value at 100 characters. */
const MAX_CHOICE = 100;

/**
 * Suggestions while a member types an option that names an entity (`/brief status entity: emb…`):
 * the base's entities that match, from the core. An unknown command or option gets none.
 */
async function answerAutocomplete(
  deps: InteractionDeps,
  interaction: APIApplicationCommandAutocompleteInteraction,
): Promise<void> {
  const invoked = interaction.data.name === BRIEF_COMMAND ? interaction.data.options?.[0] : undefined;
  const options = invoked?.type === ApplicationCommandOptionType.Subcommand ? (invoked.options ?? []) : [];
  const focused = options.find((option) => "focused" in option && option.focused);
  let names: string[] = [];
  if (invoked && focused && "value" in focused && SUBCOMMANDS.some((sub) => sub.name === invoked.name)) {
    try {
      names =
        deps.bot.complete?.({
          commandId: invoked.name,
          argName: focused.name,
          partial: String(focused.value),
          others: Object.fromEntries(
            options.flatMap((option) =>
              option !== focused && "value" in option ? [[option.name, String(option.value)]] : [],
            ),
          ),
        }) ?? [];
    } catch (error) {
      deps.logger.warn({ err: safeError(error) }, "could not suggest entities");
    }
  }
  const choices = names
    .filter((name) => name.length <= MAX_CHOICE)
    .slice(0, 25)
    .map((name) => ({ name, value: name }));
  try {
    await deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } },
      auth: false,
    });
  } catch (error) {
    deps.logger.warn({ err: safeError(error) }, "could not send suggestions");
  }
}

function withFlags(answer: { body: DiscordMessage; ephemeral: boolean }): Record<string, unknown> {
  return { ...answer.body, ...(answer.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** The rendered reply and whether only the asker should see it. Never throws. */
async function reply(
  deps: InteractionDeps,
  interaction: APIChatInputApplicationCommandInteraction,
  invoked: ReturnType<typeof invokedSubcommand>,
  request: ReturnType<typeof translateInteraction>,
): Promise<{ body: DiscordMessage; ephemeral: boolean }> {
  if (!invoked) return { body: renderPlain(ADAPTER_MESSAGES.unknownCommand), ephemeral: true };
  if (!request) return { body: renderPlain(ADAPTER_MESSAGES.serverOnly), ephemeral: true };
  try {
    const reply = await deps.bot.handle(request);
    const question = invoked.options.find((option) => option.name === "question");
    let body = renderReply(
      reply,
      question && "value" in question ? { question: String(question.value) } : {},
    );
    // A subscription the bot cannot post into would only be paused at the first notice: say so now.
    if (reply.kind === "result" && reply.code === "subscribed" && !botCanPost(interaction.app_permissions)) {
      body = renderPlain(`${reply.text}\n${ADAPTER_MESSAGES.cannotPostHere}`);
    }
    return { body, ephemeral: reply.visibility === "private" };
  } catch (error) {
    deps.logger.error(
      { err: safeError(error), command: invoked.spec.name },
      "could not answer a slash command",
    );
    return { body: renderPlain(ADAPTER_MESSAGES.failed), ephemeral: true };
  }
}

import {
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  InteractionResponseType,
  MessageFlags,
  Routes,
  SnowflakeUtil,
} from "discord.js";
import type { Reply } from "../../src/commands/reply.ts";
import type { InteractionDeps } from "./interactionHandler.ts";
import { ADAPTER_MESSAGES } from "./messages.ts";
import { renderPlain, renderReply } from "./render.ts";
import { editForm, editSubmitted, reviewClick } from "./review.ts";
import { safeError } from "./safeError.ts";

/** Who clicked or submitted: the member in a server, the user in a direct message. */
const clickerOf = (interaction: APIMessageComponentInteraction | APIModalSubmitInteraction) =>
  interaction.member?.user ?? interaction.user;

async function respondWith(
  deps: InteractionDeps,
  interaction: APIMessageComponentInteraction | APIModalSubmitInteraction,
  reply: Reply | undefined,
): Promise<void> {
  const body = reply ? renderReply(reply) : renderPlain(ADAPTER_MESSAGES.failed);
  const privately = !reply || reply.visibility === "private";
  try {
    await deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { ...body, ...(privately ? { flags: MessageFlags.Ephemeral } : {}) },
      },
      auth: false,
    });
  } catch (error) {
    deps.logger.warn({ err: safeError(error) }, "could not answer a review click");
  }
}

/**
 * A click on a review item's button. Approve and Reject are the clicker's own `review approve <id>`
 * or `review reject <id>` in that channel, so the core decides who may and holds an approval for its
 * confirm; Edit opens the item's form.
 */
export async function answerReviewClick(
  deps: InteractionDeps,
  interaction: APIMessageComponentInteraction,
): Promise<void> {
  const click = reviewClick(interaction);
  const user = clickerOf(interaction);
  const channelId = interaction.channel?.id ?? interaction.channel_id;
  if (!click || !user || !channelId) return;
  if (click.action === "edit") {
    try {
      await deps.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: InteractionResponseType.Modal, data: editForm(click.itemId) },
        auth: false,
      });
    } catch (error) {
      deps.logger.warn({ err: safeError(error) }, "could not open the edit form");
    }
    return;
  }
  const reply = await deps.bot
    .handle({
      text: `review ${click.action} ${click.itemId}`,
      channel: { platform: "discord", id: channelId },
      user: { platform: "discord", id: user.id, name: user.global_name ?? user.username },
      canManageSubscriptions: false,
      now: new Date(SnowflakeUtil.timestampFrom(interaction.id)),
    })
    .catch((error: unknown) => {
      deps.logger.error({ err: safeError(error) }, "could not review an item");
      return undefined;
    });
  await respondWith(deps, interaction, reply);
}

/** The edit form submitted: the core checks the curator and the draft, and says what it did, privately. */
export async function answerReviewEdit(
  deps: InteractionDeps,
  interaction: APIModalSubmitInteraction,
): Promise<void> {
  const form = editSubmitted(interaction);
  const user = clickerOf(interaction);
  if (!form || !user || !deps.bot.reviewEdit) return;
  const reply = await deps.bot
    .reviewEdit({ ...form, user: { platform: "discord", id: user.id } })
    .catch((error: unknown) => {
      deps.logger.error({ err: safeError(error) }, "could not edit a review item");
      return undefined;
    });
  await respondWith(deps, interaction, reply ? ({ ...reply, visibility: "private" } as Reply) : undefined);
}

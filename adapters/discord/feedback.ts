import {
  type APIActionRowComponent,
  type APIComponentInActionRow,
  type APIMessageComponentInteraction,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmitInteraction,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from "discord.js";
import { CURATOR_MESSAGES } from "../../src/curator/messages.ts";
import { MAX_FEEDBACK_REASON } from "../../src/curator/record.ts";
import type { Vote } from "../../src/curator/types.ts";

/** "briefbot:fb:wrong:<answer id>": what a feedback button carries (Discord allows 100 characters). */
const BUTTON = /^briefbot:fb:(helpful|wrong):([A-Za-z0-9]{1,64})$/;
/** "briefbot:why:<answer id>": the reason form of a "wrong" vote. */
const FORM = /^briefbot:why:([A-Za-z0-9]{1,64})$/;
const REASON_INPUT = "reason";

const buttonId = (vote: Vote, answerId: string) => `briefbot:fb:${vote}:${answerId}`;

/**
 * "Helpful" and "Wrong" under an answer. They carry only the stored answer's id, so a click works on
 * any instance and after a restart, for as long as the answer is kept.
 */
export function feedbackRow(answerId: string): APIActionRowComponent<APIComponentInActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: CURATOR_MESSAGES.helpfulButton,
        emoji: { name: "👍" },
        custom_id: buttonId("helpful", answerId),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: CURATOR_MESSAGES.wrongButton,
        emoji: { name: "👎" },
        custom_id: buttonId("wrong", answerId),
      },
    ],
  };
}

/** The vote and answer a button click is about, or undefined for a component that is not ours. */
export function feedbackClick(
  interaction: APIMessageComponentInteraction,
): { vote: Vote; answerId: string } | undefined {
  const match = BUTTON.exec(interaction.data.custom_id);
  return match ? { vote: match[1] as Vote, answerId: match[2] as string } : undefined;
}

/** The short, optional reason a "wrong" click opens. */
export function reasonForm(answerId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `briefbot:why:${answerId}`,
    title: CURATOR_MESSAGES.reasonTitle,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: REASON_INPUT,
            style: TextInputStyle.Paragraph,
            label: CURATOR_MESSAGES.reasonLabel,
            placeholder: CURATOR_MESSAGES.reasonPlaceholder,
            required: false,
            max_length: MAX_FEEDBACK_REASON,
          },
        ],
      },
    ],
  };
}

/** The answer and reason a submitted form gives, or undefined for a form that is not ours. */
export function reasonSubmitted(
  interaction: APIModalSubmitInteraction,
): { answerId: string; text: string } | undefined {
  const match = FORM.exec(interaction.data.custom_id);
  if (!match) return undefined;
  let text = "";
  for (const row of interaction.data.components ?? []) {
    const inputs = "components" in row ? row.components : "component" in row ? [row.component] : [];
    for (const input of inputs)
      if (input && "custom_id" in input && input.custom_id === REASON_INPUT && "value" in input)
        text = String(input.value ?? "");
  }
  return { answerId: match[1] as string, text };
}

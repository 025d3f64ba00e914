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
import type { Reply, ReviewItemView } from "../../src/commands/reply.ts";
import type { DiscordMessage } from "./message.ts";
import { renderReport } from "./renderLists.ts";

/** "briefbot:rv:approve:<item id>": what a review button carries (Discord allows 100 characters). */
const BUTTON = /^briefbot:rv:(approve|edit|reject):([a-z0-9]{1,40})$/;
/** "briefbot:rvedit:<item id>": the edit form of one item. */
const FORM = /^briefbot:rvedit:([a-z0-9]{1,40})$/;
const FIELDS = ["state", "date", "reason"] as const;
/** Discord allows five rows of buttons a message: one row per item, the first five. */
const MAX_ROWS = 5;

export type ReviewAction = "approve" | "edit" | "reject";

/** One item's Approve, Edit and Reject buttons, each carrying only the item's id. */
function itemRow(item: ReviewItemView, n: number): APIActionRowComponent<APIComponentInActionRow> {
  const button = (
    action: ReviewAction,
    label: string,
    style: ButtonStyle.Success | ButtonStyle.Secondary | ButtonStyle.Danger,
  ) => ({
    type: ComponentType.Button as const,
    style,
    label,
    custom_id: `briefbot:rv:${action}:${item.id}`,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button("approve", `Approve ${n}`, ButtonStyle.Success),
      ...(item.editable ? [button("edit", `Edit ${n}`, ButtonStyle.Secondary)] : []),
      button("reject", `Reject ${n}`, ButtonStyle.Danger),
    ],
  };
}

/**
 * The review list: the items numbered, each with its source, id and the article's sentence, and
 * buttons for the first five; drafts that cannot be read follow with file, field and line.
 */
export function renderReview(reply: Extract<Reply, { kind: "review" }>): DiscordMessage {
  const [title] = reply.text.split("\n");
  const lines = [
    ...reply.items.map(
      (item, i) =>
        `${i + 1}. ${item.headline} (${item.source}, ${item.id})${item.sentence ? `: "${item.sentence}"` : ""}`,
    ),
    ...(reply.problems.length > 0
      ? ["These drafts cannot be read until they are fixed:", ...reply.problems]
      : []),
  ];
  const rows = reply.items.slice(0, MAX_ROWS).map((item, i) => itemRow(item, i + 1));
  const message = renderReport(title ?? "", lines);
  return rows.length > 0 ? { ...message, components: rows } : message;
}

/** The action and item a review button is about, or undefined for a component that is not one. */
export function reviewClick(
  interaction: APIMessageComponentInteraction,
): { action: ReviewAction; itemId: string } | undefined {
  const match = BUTTON.exec(interaction.data.custom_id);
  return match ? { action: match[1] as ReviewAction, itemId: match[2] as string } : undefined;
}

/** The form an Edit click opens: state, date and reason, blank for unchanged. */
export function editForm(itemId: string): APIModalInteractionResponseCallbackData {
  const input = (name: (typeof FIELDS)[number], label: string, placeholder: string) => ({
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.TextInput as const,
        custom_id: name,
        style: name === "reason" ? TextInputStyle.Paragraph : TextInputStyle.Short,
        label,
        placeholder,
        required: false,
        max_length: 500,
      },
    ],
  });
  return {
    custom_id: `briefbot:rvedit:${itemId}`,
    title: "Edit the change",
    components: [
      input("state", "New state", "e.g. open, closed, limited (blank: unchanged)"),
      input("date", "Effective date", "YYYY-MM-DD, YYYY-MM or YYYY (blank: unchanged)"),
      input("reason", "Reason", "the cause the article gives (blank: unchanged)"),
    ],
  };
}

/** The item and the fields an edit form gives, or undefined for a form that is not one. */
export function editSubmitted(
  interaction: APIModalSubmitInteraction,
): { itemId: string; state?: string; date?: string; reason?: string } | undefined {
  const match = FORM.exec(interaction.data.custom_id);
  if (!match) return undefined;
  const values: Record<string, string> = {};
  for (const row of interaction.data.components ?? []) {
    const inputs = "components" in row ? row.components : "component" in row ? [row.component] : [];
    for (const input of inputs)
      if (input && "custom_id" in input && "value" in input) {
        const value = String(input.value ?? "").trim();
        if (value && (FIELDS as readonly string[]).includes(input.custom_id)) values[input.custom_id] = value;
      }
  }
  return { itemId: match[1] as string, ...values };
}

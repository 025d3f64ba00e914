import type { APIEmbed, APIEmbedField } from "discord.js";
import type { Answer, StatusReport } from "../../src/engine/answer.ts";
import { VERDICT_LABELS } from "../../src/messages/catalogue.ts";
import {
  type AnswerParts,
  answerParts,
  bodyNames,
  repeatsADate,
  sayOnce,
} from "../../src/render/answerParts.ts";
import { echo } from "../../src/text/clean.ts";
import { statusColour } from "./colours.ts";
import { discordDate, escapeText, sourceLine } from "./format.ts";
import { fitEmbed, joinLines, LIMITS } from "./limits.ts";
import { type DiscordMessage, NO_PINGS, stateLabel } from "./message.ts";

/** Beyond this many statuses an answer lists the rest only in its text. */
const MAX_STATUS_FIELDS = 10;

const more = (hidden: number) => `…and ${hidden} more`;

/** A status as a field: its state, then only what the text has not said (its dates, its reason). */
function statusField(status: StatusReport, parts: AnswerParts): APIEmbedField {
  const since = sayOnce(parts, status.since) ? ` since ${discordDate(status.since)}` : "";
  // Sources that disagree on the state: no one state is shown as the status, but each account's.
  const state =
    status.disputed?.kind === "state"
      ? `${VERDICT_LABELS.disputed}: ${status.disputed.accounts.map((a) => a.look?.label ?? stateLabel(a.state)).join(" / ")}`
      : stateLabel(status.state);
  const lines = [`**${state}**${status.temporary ? " (temporary)" : ""}${since}`];
  const reason = status.reason?.replace(/\.$/, "");
  if (status.reason && reason && !parts.body.includes(reason) && !repeatsADate(parts, reason))
    lines.push(escapeText(status.reason));
  const asOf = sayOnce(parts, status.asOf);
  const certainty = status.certainty === "confirmed" ? "" : status.certainty;
  const tail = [asOf ? `As of ${discordDate(status.asOf)}` : "", certainty].filter(Boolean);
  if (tail.length > 0) lines.push(tail.join(" · "));
  return { name: escapeText(status.entity.name), value: lines.join("\n") };
}

/** The answer's text, each date it carries shown in the reader's own time zone and language. */
function description(parts: AnswerParts): string {
  let text = escapeText(parts.body);
  for (const [plain, ref] of parts.datesInBody) text = text.replaceAll(plain, discordDate(ref));
  return text;
}

/**
 * An answer as one embed: coloured by the (first) status, the answer's own sentences, a field per
 * status, the sources, and the caveats in the footer. Nothing is said twice: caveats leave the
 * text for the footer, and a date or outlet the text gives is not given again. `question` is
 * echoed as the title where the asker's words are not already on screen (slash commands; a
 * mention reply quotes the message itself).
 */
export function renderAnswer(answer: Answer, question?: string): DiscordMessage {
  const parts = answerParts(answer);
  const fields = answer.statuses.slice(0, MAX_STATUS_FIELDS).map((s) => statusField(s, parts));
  if (parts.sources.length > 0) {
    const lines = parts.sources.map(
      (source) =>
        `• ${sourceLine(source, { withOutlet: !bodyNames(parts, source), withDate: sayOnce(parts, source.published) })}`,
    );
    fields.push({ name: "Sources", value: joinLines(lines, LIMITS.fieldValue, more) });
  }
  if (!answer.answered && answer.suggestions.length > 0) {
    const lines = answer.suggestions.map((suggestion) => `• ${escapeText(suggestion)}`);
    fields.push({ name: "Try", value: joinLines(lines, LIMITS.fieldValue, more) });
  }
  const embed: APIEmbed = {
    color: statusColour(answer.status?.state, answer.status?.look),
    description: description(parts),
    fields,
  };
  // The footer is plain text (no Markdown), which suits sentences that qualify the answer.
  if (parts.caveats.length > 0) embed.footer = { text: parts.caveats.map((c) => `⚠ ${c.text}`).join("\n") };
  // The asker's own words, quoted back: cleaned, cut to the title limit, unable to show a mention.
  if (question?.trim()) embed.title = escapeText(echo(question, LIMITS.title));
  return { embeds: [fitEmbed(embed)], allowed_mentions: NO_PINGS };
}

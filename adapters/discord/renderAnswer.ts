import type { APIEmbed, APIEmbedField } from "discord.js";
import type { Answer, StatusReport } from "../../src/engine/answer.ts";
import { echo } from "../../src/text/clean.ts";
import { statusColour } from "./colours.ts";
import { discordDate, escapeText, sourceLine } from "./format.ts";
import { fitEmbed, joinLines, LIMITS } from "./limits.ts";
import { type DiscordMessage, NO_PINGS, stateLabel } from "./message.ts";

/** Beyond this many statuses an answer lists the rest only in its text. */
const MAX_STATUS_FIELDS = 10;

const more = (hidden: number) => `…and ${hidden} more`;

function statusField(status: StatusReport): APIEmbedField {
  const by = status.source.reportedBy
    ? `reported in chat by ${escapeText(status.source.reportedBy)}`
    : escapeText(status.source.publisher);
  const lines = [
    `**${stateLabel(status.state)}**${status.temporary ? " (temporary)" : ""} since ${discordDate(status.since)}`,
    escapeText(status.reason),
    `As of ${discordDate(status.asOf)} · ${by}${status.certainty === "confirmed" ? "" : ` · ${status.certainty}`}`,
  ];
  if (status.stale) lines.push(`⚠️ Last report ${status.ageDays} days old: may be out of date`);
  return { name: escapeText(status.entity.name), value: lines.join("\n") };
}

/**
 * An answer as one embed: coloured by the (first) status, the answer's text, a field per
 * status with its dates, and the sources. `question` is echoed as the title where the asker's
 * words are not already on screen (slash commands; a mention reply quotes the message itself).
 */
export function renderAnswer(answer: Answer, question?: string): DiscordMessage {
  const fields = answer.statuses.slice(0, MAX_STATUS_FIELDS).map(statusField);
  if (answer.sources.length > 0) {
    const lines = answer.sources.map((source) => `• ${sourceLine(source)}`);
    fields.push({ name: "Sources", value: joinLines(lines, LIMITS.fieldValue, more) });
  }
  if (!answer.answered && answer.suggestions.length > 0) {
    const lines = answer.suggestions.map((suggestion) => `• ${escapeText(suggestion)}`);
    fields.push({ name: "Try", value: joinLines(lines, LIMITS.fieldValue, more) });
  }
  const embed: APIEmbed = {
    color: statusColour(answer.status?.state),
    description: escapeText(answer.text),
    fields,
  };
  // The asker's own words, quoted back: cleaned, cut to the title limit, unable to show a mention.
  if (question?.trim()) embed.title = escapeText(echo(question, LIMITS.title));
  return { embeds: [fitEmbed(embed)], allowed_mentions: NO_PINGS };
}

import type { Answer, StatusReport } from "../../src/engine/answer.ts";
import { describeAge } from "../../src/knowledge/dates.ts";
import { type Block, context, section } from "./blocks.ts";
import { escapeText, slackDate, typeThis } from "./mrkdwn.ts";
import { sourceText } from "./sourceText.ts";
import { statusMarker } from "./statusMarker.ts";

/** Past this many, statuses are summarised so a briefing on a whole city stays readable. */
const MAX_STATUS_LINES = 10;
const MAX_SUGGESTIONS = 5;

/** "*:red_circle: Closed* · *U.S. Embassy in Kyiv* since 20 Nov 2024 (temporary)" */
function statusLine(status: StatusReport): string {
  const temporary = status.temporary ? " (temporary)" : "";
  return `*${statusMarker(status.state)}* · *${escapeText(status.entity.name)}* since ${slackDate(status.since)}${temporary}`;
}

function statusSection(statuses: StatusReport[]): Block[] {
  if (statuses.length === 0) return [];
  const lines = statuses.slice(0, MAX_STATUS_LINES).map(statusLine);
  const rest = statuses.length - MAX_STATUS_LINES;
  if (rest > 0) lines.push(`_…and ${rest} more_`);
  return [section(lines.join("\n"))];
}

/** Warns when the newest report is old: a status is only as good as its date. */
function stalenessNote(statuses: StatusReport[]): Block[] {
  const stale = statuses.filter((status) => status.stale);
  if (stale.length === 0) return [];
  const oldest = Math.max(...stale.map((status) => status.ageDays));
  return [
    context([
      `:hourglass: The latest report is ${describeAge(oldest)} old; the situation may have changed since.`,
    ]),
  ];
}

function suggestionsNote(answer: Answer, commandPrefix: string): Block[] {
  if (answer.answered || answer.suggestions.length === 0) return [];
  const tries = answer.suggestions.slice(0, MAX_SUGGESTIONS).map((s) => typeThis(`${commandPrefix}${s}`));
  return [context([`Try ${tries.join(" · ")}`])];
}

/** Sources with their dates, and the as-of date of the status the answer rests on. */
function sourcesLine(answer: Answer): Block[] {
  const parts = answer.sources.map(sourceText);
  if (answer.status) parts.unshift(`*As of ${slackDate(answer.status.asOf)}*`);
  return parts.length > 0 ? [context(parts)] : [];
}

/**
 * The blocks of an answer: status markers first (what a desk scans for), then the answer text,
 * then any staleness warning, suggestions, and the sources with dates.
 */
export function answerBlocks(answer: Answer, commandPrefix: string): Block[] {
  return [
    ...statusSection(answer.statuses),
    section(escapeText(answer.text)),
    ...stalenessNote(answer.statuses),
    ...suggestionsNote(answer, commandPrefix),
    ...sourcesLine(answer),
  ];
}

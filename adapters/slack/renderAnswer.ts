import type { Answer, Caveat, CaveatKind, SourceRef, StatusReport } from "../../src/engine/answer.ts";
import { VERDICT_LABELS } from "../../src/messages/catalogue.ts";
import { type AnswerParts, answerParts, bodyNames, sayOnce } from "../../src/render/answerParts.ts";
import { type Block, context, section } from "./blocks.ts";
import { escapeText, slackDate, typeThis } from "./mrkdwn.ts";
import { sourceText } from "./sourceText.ts";
import { statusLabel, statusMarker } from "./statusMarker.ts";

/** Past this many, statuses are summarised so a briefing on a whole city stays readable. */
const MAX_STATUS_LINES = 10;
const MAX_SUGGESTIONS = 5;

const CAVEAT_ICONS: Record<CaveatKind, string> = {
  stale: ":hourglass:",
  assumed: ":pushpin:",
  "premise-not-supported": ":warning:",
  "cause-not-given": ":warning:",
  "no-cause": ":grey_question:",
  "no-forecast": ":crystal_ball:",
  "uncovered-part": ":grey_question:",
  uncovered: ":grey_question:",
  "not-given": ":grey_question:",
  qualifier: ":information_source:",
  expectation: ":crystal_ball:",
  disagreement: ":scales:",
};

/**
 * "*No* · *:red_circle: Closed* · *US Embassy in Kyiv*": the verdict and each status first, what a
 * desk scans for. The date it took effect is added only when the answer's text does not say it.
 */
function statusLine(status: StatusReport, parts: AnswerParts): string {
  const temporary = status.temporary ? " (temporary)" : "";
  const since = sayOnce(parts, status.since) ? ` since ${slackDate(status.since)}` : "";
  // Sources that disagree on the state: no one state is shown as the status, but each account's.
  const marker =
    status.disputed?.kind === "state"
      ? `${CAVEAT_ICONS.disagreement} ${VERDICT_LABELS.disputed}: ${status.disputed.accounts.map((a) => statusLabel(a.state, a.look)).join(" / ")}`
      : statusMarker(status.state, status.look);
  return `*${marker}* · *${escapeText(status.entity.name)}*${since}${temporary}`;
}

function headBlocks(answer: Answer, parts: AnswerParts): Block[] {
  const lines = answer.statuses.slice(0, MAX_STATUS_LINES).map((s) => statusLine(s, parts));
  const rest = answer.statuses.length - MAX_STATUS_LINES;
  if (rest > 0) lines.push(`_…and ${rest} more_`);
  const verdict = answer.verdict ? `*${VERDICT_LABELS[answer.verdict]}*` : undefined;
  if (verdict) lines[0] = lines[0] ? `${verdict} · ${lines[0]}` : verdict;
  return lines.length > 0 ? [section(lines.join("\n"))] : [];
}

/** The answer's text with each date it carries shown in the reader's own time zone. */
function bodyText(parts: AnswerParts): string {
  let text = escapeText(parts.body);
  for (const [plain, ref] of parts.datesInBody) text = text.replaceAll(plain, slackDate(ref));
  return text;
}

function caveatBlock(caveats: Caveat[]): Block[] {
  if (caveats.length === 0) return [];
  return [context(caveats.map((c) => `${CAVEAT_ICONS[c.kind]} ${escapeText(c.text)}`))];
}

function suggestionsNote(answer: Answer, commandPrefix: string): Block[] {
  if (answer.answered || answer.suggestions.length === 0) return [];
  const tries = answer.suggestions.slice(0, MAX_SUGGESTIONS).map((s) => typeThis(`${commandPrefix}${s}`));
  return [context([`Try ${tries.join(" · ")}`])];
}

/** Each source once: the outlet unless the text named it, the headline, the date unless the text said it. */
function sourcesBlock(sources: SourceRef[], parts: AnswerParts): Block[] {
  if (sources.length === 0) return [];
  return [
    context(
      sources.map((source) =>
        sourceText(source, {
          withOutlet: !bodyNames(parts, source),
          withDate: sayOnce(parts, source.published),
        }),
      ),
    ),
  ];
}

/**
 * The blocks of an answer: the verdict and statuses, the answer's own sentences, its caveats as a
 * context line, suggestions, then the sources. Nothing is said twice: the caveats are taken out of
 * the text, and a date or outlet the text gives is not given again.
 */
export function answerBlocks(answer: Answer, commandPrefix: string): Block[] {
  const parts = answerParts(answer, { dropVerdictWord: answer.verdict !== undefined });
  return [
    ...headBlocks(answer, parts),
    ...(parts.body ? [section(bodyText(parts))] : []),
    ...caveatBlock(parts.caveats),
    ...suggestionsNote(answer, commandPrefix),
    ...sourcesBlock(parts.sources, parts),
  ];
}

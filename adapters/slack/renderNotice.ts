import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import { context, type SlackMessage, section, slackMessage } from "./blocks.ts";
import { escapeText, slackDate } from "./mrkdwn.ts";
import { sourceText } from "./sourceText.ts";
import { statusLabel, statusMarker } from "./statusMarker.ts";

/**
 * A status-change notice in the same style as answers: the new status up front with its marker,
 * what it was before, the reason, then the source and the effective date.
 */
export function renderNotice(notice: StatusChangeNotice): SlackMessage {
  const was = notice.from ? ` (was ${statusLabel(notice.from)})` : " (newly tracked)";
  const temporary = notice.temporary ? " · temporary" : "";
  const headline = `:rotating_light: *${escapeText(notice.entity.name)}* is now *${statusMarker(notice.to)}*${was}${temporary}`;
  const footer = [`Effective ${slackDate(notice.effective)}`, sourceText(notice.source)];
  if (notice.supersedes) footer.push("Replaces an earlier notice about this");
  return slackMessage(notice.text, [section(headline), section(escapeText(notice.reason)), context(footer)]);
}

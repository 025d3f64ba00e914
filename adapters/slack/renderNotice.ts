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
  const name = `*${escapeText(notice.entity.name)}*`;
  const to = `*${statusMarker(notice.to, notice.toLook)}*`;
  const temporary = notice.temporary ? " · temporary" : "";
  const change =
    notice.from === null
      ? `is ${to} (newly tracked)`
      : notice.from === notice.to
        ? `is still ${to} (updated report)`
        : `is now ${to} (was ${statusLabel(notice.from, notice.fromLook)})`;
  const headline = `:rotating_light: ${name} ${change}${temporary}`;
  const footer = [`Effective ${slackDate(notice.effective)}`, sourceText(notice.source)];
  if (notice.source.approvedBy) footer.push(`Approved by ${escapeText(notice.source.approvedBy)}`);
  if (notice.supersedes) footer.push("Replaces an earlier notice about this");
  const reason = notice.reason ? [section(escapeText(notice.reason))] : [];
  return slackMessage(notice.text, [section(headline), ...reason, context(footer)]);
}

import type { SourceRef } from "../../src/engine/answer.ts";
import { escapeText, linkOrLabel, slackDate } from "./mrkdwn.ts";

/**
 * One source as a context element: publisher (linked when there is a URL), headline and date.
 * Chat reports name who made them, since that is what a reader weighs them by.
 */
export function sourceText(source: SourceRef): string {
  const date = slackDate(source.published);
  if (source.reportedBy) {
    const link = source.url ? ` (${linkOrLabel("link", source.url)})` : "";
    return `:speech_balloon: Reported in chat by ${escapeText(source.reportedBy)}, ${date}${link}`;
  }
  const publisher = linkOrLabel(source.publisher, source.url);
  return `:newspaper: ${publisher}, “${escapeText(source.headline)}”, ${date}`;
}

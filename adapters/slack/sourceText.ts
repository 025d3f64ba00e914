import type { SourceRef } from "../../src/engine/answer.ts";
import { OUR_TITLE } from "../../src/messages/catalogue.ts";
import { escapeText, linkOrLabel, slackDate } from "./mrkdwn.ts";

export interface SourceTextOptions {
  /** Name the outlet; off when the text beside it already does ("per The Washington Times"). */
  withOutlet?: boolean;
  /** Give the date; off when the text beside it already does. */
  withDate?: boolean;
}

/**
 * One source as a context element: publisher (linked when there is a URL), headline and date. A
 * headline the base wrote for an untitled article is marked as ours. Chat reports name who made
 * them, since that is what a reader weighs them by.
 */
export function sourceText(source: SourceRef, options: SourceTextOptions = {}): string {
  const withOutlet = options.withOutlet ?? true;
  const date = (options.withDate ?? true) ? `, ${slackDate(source.published)}` : "";
  if (source.reportedBy) {
    const link = source.url ? ` (${linkOrLabel("link", source.url)})` : "";
    const who = withOutlet ? `Reported in chat by ${escapeText(source.reportedBy)}` : "Chat report";
    return `:speech_balloon: ${who}${date}${link}`;
  }
  const ours = source.descriptiveHeadline ? ` _${OUR_TITLE}_` : "";
  // The link goes on the outlet's name when it is shown, otherwise on the headline.
  const lead = withOutlet
    ? `${linkOrLabel(source.publisher, source.url)}, “${escapeText(source.headline)}”${ours}`
    : `${linkOrLabel(`“${source.headline}”`, source.url)}${ours}`;
  return `:newspaper: ${lead}${date}`;
}

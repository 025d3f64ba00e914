import type { types } from "@slack/bolt";
import { escapeText, fitText, SLACK_LIMITS } from "./mrkdwn.ts";

export type Block = types.KnownBlock;

/** A Slack message body: Block Kit for display, `text` for notifications and old clients. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** A mrkdwn section, shortened to Slack's 3,000-character limit. */
export function section(mrkdwn: string): types.SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: fitText(mrkdwn, SLACK_LIMITS.sectionText) } };
}

/** A context line; Slack allows ten elements, so extra ones are folded into the last. */
export function context(parts: string[]): types.ContextBlock {
  const max = SLACK_LIMITS.contextElements;
  const kept = parts.length > max ? [...parts.slice(0, max - 1), parts.slice(max - 1).join(" · ")] : parts;
  return {
    type: "context",
    elements: kept.map((text) => ({ type: "mrkdwn", text: fitText(text, SLACK_LIMITS.sectionText) })),
  };
}

/**
 * Sections for a long list, packed line by line so each stays under the section limit instead
 * of one section being cut off mid-list.
 */
export function sectionsForLines(lines: string[]): types.SectionBlock[] {
  const sections: types.SectionBlock[] = [];
  let current = "";
  for (const line of lines) {
    if (current && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      sections.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(section(current));
  return sections;
}

/**
 * The finished message. `plainText` is the core's complete rendering, escaped like everything else
 * because Slack parses `text` too. Past 50 blocks Slack rejects the post, so the tail is dropped
 * with a pointer to the full text.
 */
export function slackMessage(plainText: string, blocks: Block[]): SlackMessage {
  const max = SLACK_LIMITS.blocksPerMessage;
  const kept =
    blocks.length > max ? [...blocks.slice(0, max - 1), context(["_Shortened for Slack._"])] : blocks;
  return { text: fitText(escapeText(plainText), SLACK_LIMITS.fallbackText), blocks: kept };
}

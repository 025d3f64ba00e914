import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import { statusColour } from "./colours.ts";
import { discordDate, escapeText, sourceLine } from "./format.ts";
import { fitEmbed, LIMITS, truncate } from "./limits.ts";
import { type DiscordMessage, NO_PINGS, stateLabel } from "./message.ts";

/**
 * A status-change notice: a one-line headline as content (what push notifications and
 * embed-less clients show), and an embed coloured by the new status with its reason,
 * effective date and source.
 */
export function renderNotice(notice: StatusChangeNotice): DiscordMessage {
  const name = escapeText(notice.entity.name);
  // A state the thing's kind declares goes by its label ("Level 4: Do not travel").
  const to = notice.toLook?.label ?? stateLabel(notice.to);
  const from = notice.from ? (notice.fromLook?.label ?? stateLabel(notice.from)) : undefined;
  const change = from ? `${from} → ${to}` : to;
  const headline = notice.from
    ? `Status change: **${name}** is now **${notice.toLook?.label ?? notice.to}** (was ${notice.fromLook?.label ?? notice.from}).`
    : `New status: **${name}** is **${notice.toLook?.label ?? notice.to}**.`;
  return {
    content: truncate(headline, LIMITS.content),
    embeds: [
      fitEmbed({
        color: statusColour(notice.to, notice.toLook),
        title: `${name}: ${change}`,
        ...(notice.reason ? { description: escapeText(notice.reason) } : {}),
        fields: [
          {
            name: "Effective",
            value: `${discordDate(notice.effective)}${notice.temporary ? " (temporary)" : ""}`,
            inline: true,
          },
          { name: "Source", value: sourceLine(notice.source) },
          ...(notice.source.approvedBy
            ? [{ name: "Approved by", value: escapeText(notice.source.approvedBy), inline: true }]
            : []),
        ],
        footer: { text: notice.supersedes ? "Replaces an earlier notice about this status" : "briefbot" },
        timestamp: notice.createdAt,
      }),
    ],
    allowed_mentions: NO_PINGS,
  };
}

import type { APIEmbed } from "discord.js";
import type { CommandSummary } from "../../src/commands/reply.ts";
import type { ChannelRef } from "../../src/commands/request.ts";
import type { SourceRef } from "../../src/engine/answer.ts";
import type { SubscriptionView } from "../../src/subscriptions/types.ts";
import { NO_STATUS_COLOUR } from "./colours.ts";
import { discordInstant, escapeText, sourceLine } from "./format.ts";
import { fitEmbed, joinLines, LIMITS } from "./limits.ts";
import { type DiscordMessage, NO_PINGS } from "./message.ts";

const more = (hidden: number) => `…and ${hidden} more`;

const message = (embed: APIEmbed): DiscordMessage => ({
  embeds: [fitEmbed({ color: NO_STATUS_COLOUR, ...embed })],
  allowed_mentions: NO_PINGS,
});

/** Inline code cannot hold a backtick; examples are ours, but keep them intact anyway. */
const code = (text: string) => `\`${text.replace(/`/g, "ˋ")}\``;

/** The core's command list, one field per command; admin-only commands are marked. */
export function renderHelp(commands: CommandSummary[]): DiscordMessage {
  return message({
    title: "briefbot",
    description:
      "Mention me with a question or a command (`@briefbot is the Kyiv embassy open?`), or use `/brief`.",
    fields: commands.map((command) => ({
      name: `${command.usage}${command.adminOnly ? " (admins)" : command.curatorOnly ? " (curators)" : ""}`,
      value: [escapeText(command.description), ...command.examples.slice(0, 2).map(code)].join("\n"),
    })),
  });
}

/** A curator's list (`gaps`, `feedback`): the heading as the title, one entry per line. */
export function renderReport(title: string, lines: string[]): DiscordMessage {
  return message({
    title: escapeText(title),
    ...(lines.length > 0
      ? {
          description: joinLines(
            lines.map((line) => escapeText(line)),
            LIMITS.description,
            more,
          ),
        }
      : {}),
  });
}

export function renderSources(sources: SourceRef[], text: string): DiscordMessage {
  if (sources.length === 0) return message({ description: escapeText(text) });
  const lines = sources.map((source) => `• ${sourceLine(source)}`);
  return message({ title: "Sources", description: joinLines(lines, LIMITS.description, more) });
}

function subscriptionLine(view: SubscriptionView): string {
  const parts = [`• **${escapeText(view.topicName)}** since ${discordInstant(view.createdAt)}`];
  if (view.createdBy.name) parts.push(`by ${escapeText(view.createdBy.name)}`);
  if (view.suspended) {
    parts.push(`\n  ⏸️ Suspended: ${escapeText(view.suspended.reason)}. Subscribe again to resume.`);
  } else if (view.lastDelivered) {
    parts.push(`\n  Last notice ${discordInstant(view.lastDelivered.at)}`);
  }
  return parts.join(" ");
}

/** A channel's subscriptions. The channel is a mention: it links, and channel mentions never ping. */
export function renderSubscriptions(
  channel: ChannelRef,
  subscriptions: SubscriptionView[],
  text: string,
): DiscordMessage {
  if (subscriptions.length === 0) return message({ description: escapeText(text) });
  return message({
    title: "Subscriptions",
    description: `<#${channel.id}> follows:\n${joinLines(subscriptions.map(subscriptionLine), LIMITS.description - 40, more)}`,
  });
}

import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { STATUS_COLOURS } from "../../adapters/discord/colours.ts";
import { LIMITS } from "../../adapters/discord/limits.ts";
import { renderNotice, renderReply } from "../../adapters/discord/render.ts";
import type { Reply } from "../../src/commands/reply.ts";
import type { StatusChangeNotice } from "../../src/delivery/notice.ts";
import { fixtureEngine } from "../support/fixtureBases.ts";
import { invalidMessageBody } from "./fake/messageRules.ts";
import { fixture } from "./support/fixtures.ts";

type AnswerReply = Extract<Reply, { kind: "answer" }>;
const reply = <T extends Reply = Reply>(name: string) => fixture<T>(name);
const embedOf = (message: { embeds?: APIEmbed[] }) => message.embeds?.[0] as APIEmbed;
/** 2024-11-20 at 12:00 UTC: a day date is shown as that day in every zone from UTC-11 to UTC+11. */
const NOV_20 = "<t:1732104000:D>";

describe("rendering the answer to 'is the Kyiv embassy open'", () => {
  const message = renderReply(reply("reply-answer-kyiv-closed.json"));
  const embed = embedOf(message);

  it("is a red embed with the answer's text", () => {
    expect(embed.color).toBe(STATUS_COLOURS.closed);
    expect(embed.description).toBe(
      `No. The US Embassy in Kyiv is closed as of ${NOV_20}, per The Washington Times.`,
    );
  });

  it("gives the status and the source without repeating the date or the outlet the text gives", () => {
    const status = embed.fields?.find((f) => f.name === "US Embassy in Kyiv");
    expect(status?.value.split("\n")[0]).toBe("**Closed**");
    expect(status?.value).not.toContain(NOV_20);
    const sources = embed.fields?.find((f) => f.name === "Sources");
    expect(sources?.value).toBe(
      "• *US Embassy in Kyiv closes after warning of a potential significant Russian air attack*",
    );
  });

  it("gives the dates and outlet as Discord timestamps when the text does not say them", () => {
    const answer = reply<AnswerReply>("reply-answer-kyiv-closed.json");
    answer.answer.text = "No. The US Embassy in Kyiv is closed.";
    const fields = embedOf(renderReply(answer)).fields ?? [];
    expect(fields[0]?.value.split("\n")[0]).toBe(`**Closed** since ${NOV_20}`);
    // The status field gave the date, so the source gives only the outlet.
    expect(fields.find((f) => f.name === "Sources")?.value).toBe(
      "• *US Embassy in Kyiv closes after warning of a potential significant Russian air attack* — The Washington Times",
    );
  });

  it("pings nobody", () => {
    expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("has no title unless the question must be echoed (slash commands)", () => {
    expect(embed.title).toBeUndefined();
    const echoed = embedOf(renderReply(reply("reply-answer-kyiv-closed.json"), { question: "is it open?" }));
    expect(echoed.title).toBe("is it open?");
  });
});

describe("rendering status colours", () => {
  const withState = (state: string) => {
    const answer = reply<AnswerReply>("reply-answer-kyiv-closed.json");
    if (answer.answer.status) answer.answer.status.state = state as "open";
    return embedOf(renderReply(answer)).color;
  };

  it("is green for open, amber for limited, red for closed and suspended", () => {
    expect(withState("open")).toBe(0x57f287);
    expect(withState("limited")).toBe(0xf0a020);
    expect(withState("closed")).toBe(0xed4245);
    expect(withState("suspended")).toBe(0xed4245);
  });

  it("is grey for an answer without a status, which offers questions to try instead", () => {
    const embed = embedOf(renderReply(reply("reply-answer-unknown.json")));
    expect(embed.color).toBe(0x99aab5);
    expect(embed.fields).toEqual([
      {
        name: "Try",
        value: "• is the US Embassy in Kyiv open?\n• why is the US Embassy in Kyiv closed?\n• help",
      },
    ]);
  });
});

describe("rendering an old report", () => {
  it("says once, in the footer, that the report is old, and not in the text or the fields", () => {
    const embed = embedOf(renderReply(reply("reply-answer-kyiv-stale.json")));
    const caveat =
      "That is the latest report I have and it is 3 months old, so the status may have changed since.";
    expect(embed.footer?.text).toBe(`⚠ ${caveat}`);
    expect(embed.description).not.toContain("months old");
    expect(JSON.stringify(embed.fields)).not.toMatch(/days old|months old/);
  });
});

describe("rendering dates as precise as the source", () => {
  it("shows a month-precision source as 'May 2022', not as an invented day", () => {
    const embed = embedOf(renderReply(reply("reply-sources.json")));
    expect(embed.description).toContain("— Unnamed news site (byline: Editor), May 2022");
    expect(embed.description).toContain(`— The Washington Times, ${NOV_20}`);
  });
});

describe("rendering text users typed", () => {
  it("escapes Markdown so an echoed question shows as typed", () => {
    const embed = embedOf(
      renderReply(reply("reply-answer-kyiv-closed.json"), {
        question: "is the *Kyiv* embassy __open__? `now`",
      }),
    );
    expect(embed.title).toBe("is the \\*Kyiv\\* embassy \\_\\_open\\_\\_? \\`now\\`");
  });

  it("does not turn a source headline into someone else's link", () => {
    const answer = reply<AnswerReply>("reply-answer-kyiv-closed.json");
    const source = answer.answer.sources[0];
    if (source) source.headline = "Click [here](https://phish.example) now";
    const sources = embedOf(renderReply(answer)).fields?.find((f) => f.name === "Sources");
    expect(sources?.value).not.toContain("](https://phish.example)");
  });

  it("escapes a plain result and keeps it within 2,000 characters", () => {
    const long: Reply = {
      kind: "result",
      ok: false,
      code: "unknown-entity",
      text: `# I don't track "${"**very** ".repeat(400)}".`,
      visibility: "private",
    };
    const message = renderReply(long);
    expect(message.content?.length).toBeLessThanOrEqual(LIMITS.content);
    expect(message.content?.startsWith("\\# I don't track \"\\*\\*very\\*\\* ")).toBe(true);
    expect(message.content?.endsWith("…")).toBe(true);
  });
});

describe("rendering within Discord's limits", () => {
  it("fits an answer with a huge text, 30 statuses and 60 sources into one valid embed", () => {
    const answer = reply<AnswerReply>("reply-answer-kyiv-closed.json");
    const status = answer.answer.statuses[0];
    const source = answer.answer.sources[0];
    if (!status || !source) throw new Error("fixture changed");
    answer.answer.text = "The embassy is closed. ".repeat(400);
    answer.answer.statuses = Array.from({ length: 30 }, (_, i) => ({
      ...status,
      entity: { ...status.entity, name: `Embassy ${i}` },
      reason: "r".repeat(900),
    }));
    answer.answer.sources = Array.from({ length: 60 }, (_, i) => ({
      ...source,
      id: `s${i}`,
      url: `https://example.org/${i}`,
    }));
    const message = renderReply(answer);
    expect(invalidMessageBody(message as unknown as Record<string, unknown>)).toEqual([]);
    const embed = embedOf(message);
    expect(embed.description?.length).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.fields?.length).toBeLessThanOrEqual(LIMITS.fields);
    expect(embed.fields?.[0]?.name).toBe("Embassy 0");
  });

  it("lists the sources that fit and counts the rest, never cutting a link in half", () => {
    const answer = reply<AnswerReply>("reply-answer-kyiv-closed.json");
    const source = answer.answer.sources[0];
    if (!source) throw new Error("fixture changed");
    answer.answer.sources = Array.from({ length: 40 }, (_, i) => ({
      ...source,
      url: `https://example.org/${i}`,
    }));
    const sources = embedOf(renderReply(answer)).fields?.find((f) => f.name === "Sources")?.value ?? "";
    expect(sources.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    const lines = sources.split("\n");
    expect(lines.at(-1)).toMatch(/^…and \d+ more$/);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^• \[.+\]\(https:\/\/example\.org\/\d+\)$/);
  });
});

describe("rendering help, sources and subscriptions", () => {
  it("lists every command of the core's help, marking the admin-only one", () => {
    const help = reply<Extract<Reply, { kind: "help" }>>("reply-help.json");
    const embed = embedOf(renderReply(help));
    expect(embed.fields?.map((f) => f.name)).toEqual(
      help.commands.map((c) => (c.adminOnly ? `${c.usage} (admins)` : c.usage)),
    );
    expect(embed.fields?.find((f) => f.name.startsWith("subscribe "))?.value).toContain(
      "`subscribe kyiv embassy`",
    );
  });

  it("shows a channel's subscriptions, and why one is suspended", () => {
    const subscriptions = reply<Extract<Reply, { kind: "subscriptions" }>>("reply-subscriptions.json");
    const first = subscriptions.subscriptions[0];
    if (!first) throw new Error("fixture changed");
    first.suspended = { reason: "Missing Access (50001)", at: "2024-11-24T10:00:00.000Z" };
    const embed = embedOf(renderReply(subscriptions));
    expect(embed.description).toContain("<#1186216373395853402> follows:");
    expect(embed.description).toContain("• **US Embassy in Kyiv** since <t:1732269600:f> by Olena K.");
    expect(embed.description).toContain("⏸️ Suspended: Missing Access (50001). Subscribe again to resume.");
  });
});

describe("rendering a status-change notice", () => {
  const notice = fixture<StatusChangeNotice>("notice-kyiv-reopened.json");
  const message = renderNotice(notice);
  const embed = embedOf(message);

  it("announces the change in one line and in a green embed", () => {
    expect(message.content).toBe("Status change: **US Embassy in Kyiv** is now **open** (was closed).");
    expect(embed.color).toBe(STATUS_COLOURS.open);
    expect(embed.title).toBe("US Embassy in Kyiv: Closed → Open");
    expect(embed.description).toBe("Reopened after the air alert ended");
    expect(embed.timestamp).toBe("2024-11-23T08:00:00.000Z");
  });

  it("gives the effective date and links the source reported in chat", () => {
    expect(embed.fields).toEqual([
      { name: "Effective", value: "<t:1732363200:D>", inline: true },
      {
        name: "Source",
        value:
          "[Reopened after the air alert ended](https://example.org/kyiv-reopens) — reported in chat by Desk Admin, <t:1732363200:D>",
      },
    ]);
    expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("says when a status is new, temporary, or replaces an earlier notice", () => {
    const first = renderNotice({ ...notice, from: null, temporary: true, supersedes: "n-1", to: "limited" });
    expect(first.content).toBe("New status: **US Embassy in Kyiv** is **limited**.");
    expect(embedOf(first).fields?.[0]?.value).toBe("<t:1732363200:D> (temporary)");
    expect(embedOf(first).footer?.text).toBe("Replaces an earlier notice about this status");
  });
});

describe("an answer whose sources disagree on the state (invented canal-locks base)", () => {
  const answer = fixtureEngine("canal-locks").ask("is the Mjol lock open?", {
    now: new Date("2026-06-10T12:00:00Z"),
  });

  it("gives each account's state in the status field, not one state as the status", () => {
    const embed = embedOf(renderReply({ kind: "answer", answer, text: answer.text, visibility: "public" }));
    const field = embed.fields?.find((f) => f.name === "Mjol lock");
    expect(field?.value.split("\n")[0]).toBe("**Sources disagree: Closed / Open**");
  });
});

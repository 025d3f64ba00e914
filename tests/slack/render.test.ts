import { describe, expect, it } from "vitest";
import type { Block } from "../../adapters/slack/blocks.ts";
import { escapeText, fitText, slackDate } from "../../adapters/slack/mrkdwn.ts";
import { renderNotice } from "../../adapters/slack/renderNotice.ts";
import { renderReply } from "../../adapters/slack/renderReply.ts";
import type { CommandSummary, Reply } from "../../src/commands/reply.ts";
import type { SourceRef, StatusReport } from "../../src/engine/answer.ts";
import { fixtureEngine } from "../support/fixtureBases.ts";
import { answerReply, answers, helpReply, notices } from "./support/fixtures.ts";

const slash = { commandPrefix: "/brief " };

/** Every mrkdwn/plain string in the blocks, in order. */
function texts(blocks: Block[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === "section") return block.text ? [block.text.text] : [];
    if (block.type === "context") return block.elements.map((e) => ("text" in e ? e.text : ""));
    return [];
  });
}

describe("rendering the answer to 'is the Kyiv embassy open' (closed as of 20 Nov 2024)", () => {
  const message = renderReply(answerReply(answers.kyivClosed()), slash);

  it("leads with the verdict and status, then the answer with its dates, then the source once", () => {
    expect(message.blocks.map((block) => block.type)).toEqual(["section", "section", "context"]);
    const [status, answer, sources] = texts(message.blocks);
    const date = "<!date^1732104000^{date_short}|20 Nov 2024>";
    // The text gives the date it took effect, so the status line does not repeat it.
    expect(status).toBe("*No* · *:red_circle: Closed* · *US Embassy in Kyiv*");
    expect(answer).toBe(`The US Embassy in Kyiv is closed as of ${date}, per The Washington Times, ${date}.`);
    // The text names the outlet and the date, so the source adds only its headline.
    expect(sources).toBe(
      ":newspaper: “US Embassy in Kyiv closes after warning of a potential significant Russian air attack”",
    );
  });

  it("gives the status's date on its line when the text does not say it, and only there", () => {
    const answer = answers.kyivClosed();
    answer.text = "No. The US Embassy in Kyiv is closed.";
    const [status, , sources] = texts(renderReply(answerReply(answer), slash).blocks);
    expect(status).toBe(
      "*No* · *:red_circle: Closed* · *US Embassy in Kyiv* since <!date^1732104000^{date_short}|20 Nov 2024>",
    );
    // The outlet is new to the reader; the date is not, since the status line gave it.
    expect(sources).toBe(
      ":newspaper: The Washington Times, “US Embassy in Kyiv closes after warning of a potential significant Russian air attack”",
    );
  });

  it("keeps the core's plain text as the notification fallback", () => {
    expect(message.text).toBe(answers.kyivClosed().text);
  });

  it("adds a Share in channel button only when given the question", () => {
    expect(message.blocks.some((block) => block.type === "actions")).toBe(false);
    const shareable = renderReply(answerReply(answers.kyivClosed()), {
      ...slash,
      shareQuestion: "is kyiv open",
    });
    expect(shareable.blocks.at(-1)).toMatchObject({
      type: "actions",
      elements: [{ type: "button", action_id: "briefbot_share_answer", value: "is kyiv open" }],
    });
  });
});

describe("rendering a status whose latest report is months old", () => {
  it("shows the staleness caveat once, as a context line with an hourglass, and not in the answer", () => {
    const message = renderReply(answerReply(answers.kyivStale()), slash);
    const caveat =
      "That is the latest report I have and it is 6 months old, so the status may have changed since.";
    expect(texts(message.blocks)).toContain(`:hourglass: ${caveat}`);
    expect(texts(message.blocks).filter((text) => text.includes(caveat))).toHaveLength(1);
  });
});

describe("rendering an answer about something the base does not track", () => {
  it("has no status line and suggests questions to type", () => {
    const message = renderReply(answerReply(answers.unknownEntity()), slash);
    expect(texts(message.blocks)[0]).toMatch(/^I don't have any reports on madrid embassy/);
    expect(texts(message.blocks)[1]).toContain("Try `/brief is the the US Embassy in Kyiv open?`");
  });
});

describe("rendering text that contains Slack markup", () => {
  it("escapes &, < and > everywhere, in blocks and fallback alike", () => {
    const answer = answers.unknownEntity();
    answer.text = "I don't have any reports on <!channel> & <@U024BE7LH> <https://evil.example|click>.";
    const message = renderReply(answerReply(answer), slash);
    const escaped =
      "I don't have any reports on &lt;!channel&gt; &amp; &lt;@U024BE7LH&gt; &lt;https://evil.example|click&gt;.";
    expect(texts(message.blocks)[0]).toBe(escaped);
    expect(message.text).toBe(escaped);
  });
});

describe("staying within Slack's limits", () => {
  const status = answers.kyivClosed().status as StatusReport;
  const source = answers.kyivClosed().sources[0] as SourceRef;

  it("cuts a long answer to 3,000 characters without breaking an entity", () => {
    const answer = answers.kyivClosed();
    answer.text = "Kyiv & Lviv ".repeat(1000);
    const section = texts(renderReply(answerReply(answer), slash).blocks)[1] ?? "";
    expect(section.length).toBeLessThanOrEqual(3000);
    expect(section.endsWith("…")).toBe(true);
    expect(section).not.toMatch(/&[a-z]*…$/);
    expect(renderReply(answerReply(answer), slash).text.length).toBeLessThanOrEqual(3000);
  });

  it("summarises hundreds of statuses and sources into a readable, valid message", () => {
    const answer = answers.kyivClosed();
    answer.statuses = Array.from({ length: 200 }, (_, i) => ({
      ...status,
      entity: { ...status.entity, name: `Embassy ${i}` },
    }));
    answer.sources = Array.from({ length: 30 }, (_, i) => ({ ...source, id: `s${i}` }));
    const message = renderReply(answerReply(answer), slash);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const statusLines = texts(message.blocks)[0]?.split("\n") ?? [];
    expect(statusLines).toHaveLength(11);
    expect(statusLines.at(-1)).toBe("_…and 190 more_");
    const context = message.blocks.find((block) => block.type === "context");
    expect(context?.type === "context" && context.elements.length).toBe(10);
  });

  it("splits a long help list into sections and never exceeds 50 blocks", () => {
    const commands: CommandSummary[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `c${i}`,
      usage: `command-${i} <entity>`,
      description: "Does something useful with a fairly long description to fill the section. ".repeat(3),
      examples: [`command-${i} kyiv`],
      adminOnly: false,
    }));
    const message = renderReply({ ...helpReply, commands } as Reply, slash);
    expect(message.blocks.length).toBe(50);
    expect(texts(message.blocks).at(-1)).toBe("_Shortened for Slack._");
    for (const text of texts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  });

  it("leaves out the share button when the question would not fit in its value", () => {
    const long = "is the Kyiv embassy open ".repeat(100);
    const message = renderReply(answerReply(answers.kyivClosed()), { ...slash, shareQuestion: long });
    expect(message.blocks.some((block) => block.type === "actions")).toBe(false);
  });
});

describe("rendering command results", () => {
  it("lists commands with what to type, marking admin-only ones", () => {
    const lines = texts(renderReply(helpReply, slash).blocks).join("\n");
    expect(lines).toContain("`/brief subscribe [entity|all]` · Posts a notice here when a status changes.");
    expect(lines).toContain(
      "`/brief update &lt;entity&gt; &lt;open|closed|limited|suspended&gt; &lt;reason&gt;`",
    );
    expect(lines).toContain("_(admins)_");
  });

  it("points a usage error at help, and never offers to share it", () => {
    const reply: Reply = {
      kind: "result",
      ok: false,
      code: "usage",
      text: 'Usage: subscribe [entity|all], e.g. "subscribe kyiv embassy".',
      visibility: "private",
    };
    const message = renderReply(reply, { ...slash, shareQuestion: "subscribe" });
    expect(texts(message.blocks)).toEqual([
      ':warning: Usage: subscribe [entity|all], e.g. "subscribe kyiv embassy".',
      "Type `/brief help` to see every command.",
    ]);
    expect(message.blocks.some((block) => block.type === "actions")).toBe(false);
  });

  it("shows a paused subscription with its reason and how to resume", () => {
    const channel = { platform: "slack" as const, id: "T024BE7LD:C061EG9SL" };
    const reply: Reply = {
      kind: "subscriptions",
      channel,
      visibility: "private",
      text: "This channel follows: US Embassy in Kyiv (paused: is_archived).",
      subscriptions: [
        {
          channel,
          topic: { kind: "entity", entityId: "us-embassy-kyiv" },
          topicName: "US Embassy in Kyiv",
          createdAt: "2024-11-20T10:00:00.000Z",
          createdBy: { platform: "slack", id: "U2147483697" },
          lastDelivered: { noticeId: "6f1c2b9e", at: "2024-11-20T14:05:00.000Z" },
          suspended: { reason: "is_archived", at: "2024-11-21T10:00:00.000Z" },
        },
      ],
    };
    const [heading, list] = texts(renderReply(reply, slash).blocks);
    expect(heading).toBe("*This channel follows*");
    expect(list).toContain(
      "• *US Embassy in Kyiv*, since <!date^1732104000^{date_short}|20 Nov 2024>, last notice <!date^1732104000^{date_short}|20 Nov 2024>",
    );
    expect(list).toContain(":warning: Paused: is_archived. Subscribe again to resume.");
  });
});

describe("rendering status-change notices", () => {
  it("announces the Kyiv closure with the marker, the previous state and the source", () => {
    const message = renderNotice(notices.kyivClosed());
    const [headline, reason, effective, source] = texts(message.blocks);
    expect(headline).toBe(":rotating_light: *US Embassy in Kyiv* is now *:red_circle: Closed* (was Open)");
    expect(reason).toMatch(/^US officials announced the closure/);
    expect(effective).toBe("Effective <!date^1732104000^{date_short}|20 Nov 2024>");
    expect(source).toContain(":newspaper: The Washington Times");
    expect(message.text).toBe(escapeText(notices.kyivClosed().text));
  });

  it("credits a chat report, escapes its reason and says it replaces the earlier notice", () => {
    const message = renderNotice(notices.kyivReopenedFromChat());
    const parts = texts(message.blocks);
    expect(parts[0]).toBe(
      ":rotating_light: *US Embassy in Kyiv* is now *:large_green_circle: Open* (was Closed)",
    );
    expect(parts[1]).toBe(
      "Embassy resumed normal operations &amp; consular services &lt;per the embassy's alert&gt;",
    );
    expect(parts[3]).toBe(
      ":speech_balloon: Reported in chat by Dana Kowalski, <!date^1733140800^{date_short}|2 Dec 2024> (<https://ua.usembassy.gov/alerts/|link>)",
    );
    expect(parts[4]).toBe("Replaces an earlier notice about this");
  });

  it("says 'still' when a new report confirms the same state", () => {
    const notice = { ...notices.kyivClosed(), from: "closed" as const };
    expect(texts(renderNotice(notice).blocks)[0]).toBe(
      ":rotating_light: *US Embassy in Kyiv* is still *:red_circle: Closed* (updated report)",
    );
  });
});

describe("dates", () => {
  it("gives day-precise dates a reader-local token at noon UTC, and others plain text", () => {
    expect(slackDate({ date: "2024-11-20", precision: "day" })).toBe(
      "<!date^1732104000^{date_short}|20 Nov 2024>",
    );
    expect(new Date(1732104000 * 1000).toISOString()).toBe("2024-11-20T12:00:00.000Z");
    expect(slackDate({ date: "2022-05", precision: "month" })).toBe("May 2022");
    expect(slackDate({ date: "2022", precision: "year" })).toBe("2022");
  });

  it("writes a date known only roughly as the source gave it, never as one day's token", () => {
    expect(slackDate({ date: "2026-05-10", until: "2026-05-14", precision: "day" })).toBe(
      "between 10 and 14 May 2026",
    );
    expect(slackDate({ date: "2026-05-12", precision: "day", bound: "not-before" })).toBe(
      "not before 12 May 2026",
    );
    expect(slackDate({ date: "2026-05", precision: "month", part: "mid", bound: "by" })).toBe(
      "by mid-May 2026",
    );
  });

  it("never cuts a date token in half when shortening", () => {
    const text = `${"x".repeat(20)} ${slackDate({ date: "2024-11-20", precision: "day" })}`;
    expect(fitText(text, 40)).toBe(`${"x".repeat(20)}…`);
  });
});

describe("an answer whose sources disagree on the state (invented canal-locks base)", () => {
  const answer = fixtureEngine("canal-locks").ask("is the Mjol lock open?", {
    now: new Date("2026-06-10T12:00:00Z"),
  });

  it("shows each account's state in the status line, not one state as the status", () => {
    const text = JSON.stringify(renderReply(answerReply(answer), slash).blocks);
    expect(text).toContain("Sources disagree: Closed / Open");
    expect(text).not.toContain(":large_green_circle: Open");
  });
});

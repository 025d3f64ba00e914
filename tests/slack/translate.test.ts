import { describe, expect, it } from "vitest";
import {
  plainTextFromSlack,
  translateDirectMessage,
  translateMention,
  translateShareClick,
  translateSlashCommand,
} from "../../adapters/slack/translate.ts";
import { fixture } from "./support/fixtures.ts";

const now = new Date("2024-11-21T09:00:00Z");

describe("translating a `/brief` slash command", () => {
  it("passes the text after /brief and addresses the channel as team:channel", () => {
    const request = translateSlashCommand(fixture("slash-command.json"), now);
    expect(request).toEqual({
      text: "is the Kyiv embassy open",
      channel: { platform: "slack", id: "T024BE7LD:C061EG9SL", name: "security-desk" },
      user: { platform: "slack", id: "U2147483697", name: "dana" },
      canManageSubscriptions: true,
      conversation: "slack:T024BE7LD:C061EG9SL:U2147483697",
      now,
    });
  });

  it("takes a thread as a mention's conversation, and a DM as one conversation", () => {
    const mention = { text: "<@U0BRIEFBOT> why did it close", user: "U2147483697", channel: "C061EG9SL" };
    const top = translateMention({ ...mention, ts: "1.0" }, "T024BE7LD", "U0BRIEFBOT", now);
    const inThread = translateMention(
      { ...mention, ts: "2.0", thread_ts: "1.0" },
      "T024BE7LD",
      "U0BRIEFBOT",
      now,
    );
    expect(top?.conversation).toBe("slack:T024BE7LD:C061EG9SL:1.0");
    expect(inThread?.conversation).toBe(top?.conversation);
    const dm = { user: "U2147483697", channel: "D0DIRECT01", channel_type: "im" };
    const request = translateDirectMessage(
      { ...dm, text: "why did it close", ts: "3.0" },
      "T024BE7LD",
      "U0BRIEFBOT",
      now,
    );
    expect(request).toMatchObject({
      text: "why did it close",
      direct: true,
      conversation: "slack:T024BE7LD:D0DIRECT01",
    });
    expect(
      translateDirectMessage(
        { ...dm, text: "edited", ts: "4.0", subtype: "message_changed" },
        "T024BE7LD",
        undefined,
        now,
      ),
    ).toBeUndefined();
    expect(
      translateDirectMessage({ ...dm, text: "mine", ts: "5.0", bot_id: "B1" }, "T024BE7LD", undefined, now),
    ).toBeUndefined();
  });

  it("decodes Slack's escapes and markup into what the person typed", () => {
    const request = translateSlashCommand(fixture("slash-command-broadcast.json"), now);
    expect(request.text).toBe("is the <!channel> embassy open & safe? ask @sam #security-desk");
  });

  it("passes subscription commands word for word, for the core to parse", () => {
    const command = {
      ...fixture<Record<string, string>>("slash-command.json"),
      text: "  subscribe   kyiv embassy ",
    };
    expect(translateSlashCommand(command as never, now).text).toBe("subscribe kyiv embassy");
  });
});

describe("translating an app mention", () => {
  const body = fixture<{ team_id: string; event: Parameters<typeof translateMention>[0] }>(
    "app-mention.json",
  );

  it("strips the bot's own mention and keeps the question", () => {
    const request = translateMention(body.event, body.team_id, "U0BRIEFBOT", now);
    expect(request).toMatchObject({
      text: "is the embassy in Kyiv open?",
      channel: { platform: "slack", id: "T024BE7LD:C061EG9SL" },
      user: { platform: "slack", id: "U2147483697" },
    });
  });

  it("strips a leading mention even before the bot's id is known", () => {
    expect(translateMention(body.event, body.team_id, undefined, now)?.text).toBe(
      "is the embassy in Kyiv open?",
    );
  });

  it("turns broadcasts and links in a threaded mention into plain words", () => {
    const threaded = fixture<typeof body>("app-mention-in-thread.json");
    expect(translateMention(threaded.event, threaded.team_id, "U0BRIEFBOT", now)?.text).toBe(
      "@channel what about the @here embassy & this report?",
    );
  });

  it("ignores a mention with no human author", () => {
    const { user: _user, ...botPost } = body.event;
    expect(translateMention(botPost, body.team_id, "U0BRIEFBOT", now)).toBeUndefined();
  });
});

describe("translating a Share in channel click", () => {
  it("re-asks the button's question as the person who clicked", () => {
    const request = translateShareClick(fixture("block-actions-share.json"), now);
    expect(request).toEqual({
      text: "is the Kyiv embassy open",
      channel: { platform: "slack", id: "T024BE7LD:C061EG9SL", name: "security-desk" },
      user: { platform: "slack", id: "U2147483697", name: "dana" },
      canManageSubscriptions: true,
      now,
    });
  });

  it("gives nothing for a click without a channel or question", () => {
    const click = fixture<Parameters<typeof translateShareClick>[0]>("block-actions-share.json");
    expect(translateShareClick({ ...click, channel: undefined }, now)).toBeUndefined();
    expect(translateShareClick({ ...click, actions: [{ action_id: "other" }] }, now)).toBeUndefined();
  });
});

describe("reading Slack markup as plain text", () => {
  it.each([
    ["<@U0G9QF9C6|sam> and <@U0G9QF9C6>", "@sam and @U0G9QF9C6"],
    ["<#C061EG9SL|security-desk> or <#C061EG9SL>", "#security-desk or #C061EG9SL"],
    ["<!here> <!everyone> <!subteam^S0614TZR7|@desk-leads>", "@here @everyone @desk-leads"],
    [
      "<https://example.org/a?b=1&amp;c=2|the report> <https://example.org>",
      "the report https://example.org",
    ],
    ["since <!date^1732104000^{date_short}|20 Nov 2024>", "since 20 Nov 2024"],
    ["a &lt;b&gt; &amp;amp; c", "a <b> &amp; c"],
  ])("reads %j as %j", (slack, plain) => {
    expect(plainTextFromSlack(slack)).toBe(plain);
  });
});

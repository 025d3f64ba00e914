import type { APIChatInputApplicationCommandInteraction, GatewayMessageCreateDispatchData } from "discord.js";
import { describe, expect, it } from "vitest";
import { mentionlessText, translateInteraction, translateMessage } from "../../adapters/discord/translate.ts";
import { BOT_USER_ID, CHANNELS, USERS } from "./fake/world.ts";
import { fixture } from "./support/fixtures.ts";

const message = (name: string) => fixture<GatewayMessageCreateDispatchData>(name);
const interaction = (name: string) => fixture<APIChatInputApplicationCommandInteraction>(name);
const context = { botUserId: BOT_USER_ID, canManageSubscriptions: true, channelName: "briefings" };

describe("translating a message that mentions the bot", () => {
  it("asks the question without the mention, as the author, at the time Discord stamped on the message", () => {
    const request = translateMessage(message("message-create-mention.json"), context);
    expect(request).toEqual({
      text: "is the Kyiv embassy open?",
      channel: { platform: "discord", id: CHANNELS.briefings, name: "briefings" },
      user: { platform: "discord", id: USERS.editor.id, name: "Olena K." },
      canManageSubscriptions: true,
      conversation: `discord:${CHANNELS.briefings}:${USERS.editor.id}`,
      now: new Date("2024-11-22T09:41:07.512Z"),
    });
  });

  it("keeps @everyone as text, and shows other mentioned users by name", () => {
    const request = translateMessage(message("message-create-mention-everyone.json"), context);
    expect(request?.text).toBe("@everyone is the *Kyiv* embassy open? cc @Olena K.");
  });

  it("understands the nickname mention form and drops the comma after it", () => {
    const request = translateMessage(message("message-create-nickname-mention.json"), {
      ...context,
      canManageSubscriptions: false,
    });
    expect(request?.text).toBe("subscribe kyiv embassy");
    expect(request?.canManageSubscriptions).toBe(false);
    expect(request?.user).toEqual({ platform: "discord", id: USERS.reporter.id, name: "Mark" });
  });

  it("ignores messages that do not mention the bot", () => {
    expect(translateMessage(message("message-create-not-addressed.json"), context)).toBeNull();
  });

  it("ignores its own messages and other bots', so two bots never answer each other", () => {
    expect(translateMessage(message("message-create-from-bot.json"), context)).toBeNull();
  });

  it("ignores system messages such as a member joining", () => {
    const joined = { ...message("message-create-mention.json"), type: 7 };
    expect(translateMessage(joined as GatewayMessageCreateDispatchData, context)).toBeNull();
  });

  it("takes a direct message as a request without a mention, that cannot manage subscriptions", () => {
    const { guild_id: _guild, member: _member, ...direct } = message("message-create-mention.json");
    const request = translateMessage(
      {
        ...direct,
        content: "is the embassy in Kyiv open?",
        mentions: [],
      } as GatewayMessageCreateDispatchData,
      { ...context, canManageSubscriptions: true },
    );
    expect(request).toMatchObject({
      text: "is the embassy in Kyiv open?",
      direct: true,
      canManageSubscriptions: false,
      conversation: `discord:${direct.channel_id}:${direct.author.id}`,
    });
  });

  it("passes an empty question on when the message is only the mention", () => {
    expect(mentionlessText(`<@${BOT_USER_ID}>`, BOT_USER_ID, [])).toBe("");
  });
});

describe("translating /brief slash commands", () => {
  it("turns /brief ask into the ask command, with the member's name and the interaction's time", () => {
    expect(translateInteraction(interaction("interaction-ask.json"))).toEqual({
      text: "ask is the Kyiv embassy open?",
      channel: { platform: "discord", id: CHANNELS.briefings, name: "briefings" },
      user: { platform: "discord", id: USERS.editor.id, name: "Olena K." },
      canManageSubscriptions: true,
      conversation: `discord:${CHANNELS.briefings}:${USERS.editor.id}`,
      now: new Date("2024-11-22T09:41:07.512Z"),
    });
  });

  it("lets a member without Manage Channels ask but not manage subscriptions", () => {
    const request = translateInteraction(interaction("interaction-subscribe-reporter.json"));
    expect(request?.text).toBe("subscribe kyiv embassy");
    expect(request?.canManageSubscriptions).toBe(false);
  });

  it("spells /brief update out in the order the core parses: entity, state, reason, source URL", () => {
    const request = translateInteraction(interaction("interaction-update-admin.json"));
    expect(request?.text).toBe(
      "update kyiv embassy open Reopened after the air alert ended https://example.org/kyiv-reopens",
    );
    expect(request?.user.id).toBe(USERS.admin.id);
    expect(request?.canManageSubscriptions).toBe(true);
  });

  it("gives no request for another application's command or outside a server", () => {
    const other = interaction("interaction-ask.json");
    other.data.name = "weather";
    expect(translateInteraction(other)).toBeNull();
    const { guild_id: _guild, member: _member, ...direct } = interaction("interaction-ask.json");
    expect(translateInteraction(direct as APIChatInputApplicationCommandInteraction)).toBeNull();
  });
});

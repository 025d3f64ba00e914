import { readFileSync } from "node:fs";
import { PermissionFlagsBits } from "discord.js";
import { describe, expect, it } from "vitest";
import { INVITE_PERMISSIONS, invitePermissions, inviteUrl } from "../../adapters/discord/invite.ts";

const docs = readFileSync(new URL("../../docs/discord.md", import.meta.url), "utf8");

describe("the invite link", () => {
  it("asks for View Channels, Send Messages (and in threads), Embed Links and Read Message History only", () => {
    const P = PermissionFlagsBits;
    expect(invitePermissions).toBe(
      P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.EmbedLinks | P.ReadMessageHistory,
    );
    expect(invitePermissions).toBe(274877991936n);
    expect(
      invitePermissions & (P.Administrator | P.MentionEveryone | P.ManageChannels | P.ManageMessages),
    ).toBe(0n);
  });

  it("adds the bot and its slash commands", () => {
    expect(inviteUrl("1186214536722317312")).toBe(
      "https://discord.com/oauth2/authorize?client_id=1186214536722317312&scope=bot+applications.commands&permissions=274877991936",
    );
  });

  it("is what the Run on Discord guide tells people, permission by permission", () => {
    expect(docs).toContain(`permissions=${invitePermissions}`);
    for (const permission of INVITE_PERMISSIONS) {
      expect(docs).toContain(`| ${permission.name} | ${permission.flag} |`);
    }
  });
});

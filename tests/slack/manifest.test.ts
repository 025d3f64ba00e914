import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLASH_COMMAND } from "../../adapters/slack/messages.ts";

interface Manifest {
  display_information: { name: string };
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; should_escape: boolean }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(
  readFileSync(new URL("../../adapters/slack/manifest.yaml", import.meta.url), "utf8"),
) as Manifest;

describe("the Slack app manifest", () => {
  it("asks only for the scopes the adapter uses", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "app_mentions:read",
      "chat:write",
      "commands",
      "im:history",
    ]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("declares the slash command the adapter listens for, unescaped", () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: SLASH_COMMAND, should_escape: false }),
    ]);
  });

  it("opens the Messages tab for direct messages and hears them", () => {
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.event_subscriptions.bot_events).toContain("message.im");
  });

  it("subscribes to mentions and enables the Share button's interactivity", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      "app_mention",
      "message.im",
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("starts in Socket Mode, which needs no public URL", () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBe("briefbot");
  });
});

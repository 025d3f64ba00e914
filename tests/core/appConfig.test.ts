import { describe, expect, it } from "vitest";
import { parseAppConfig } from "../../adapters/config.ts";

describe("the whole app's configuration", () => {
  it("with no credentials, turns on no chat platform", () => {
    const parsed = parseAppConfig({});
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.slack.SLACK_BOT_TOKEN).toBeUndefined();
    expect(parsed.value.discord.DISCORD_TOKEN).toBeUndefined();
    expect(parsed.value.core.dbPath).toBe("data/briefbot.db");
  });

  it("reports problems from the core and from every adapter together, without echoing secrets", () => {
    const parsed = parseAppConfig({
      LOG_LEVEL: "loud",
      DISCORD_TOKEN: "not-a-token-secret",
      SLACK_BOT_TOKEN: "wrong-secret",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const text = parsed.problems.join("\n");
    expect(text).toMatch(/LOG_LEVEL/);
    expect(text).toMatch(/DISCORD_TOKEN/);
    expect(text).toMatch(/SLACK_BOT_TOKEN/);
    expect(text).not.toMatch(/secret/);
  });

  it("a Slack bot token with no way to receive requests is a problem", () => {
    const parsed = parseAppConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-3" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.join("\n")).toMatch(/SLACK_APP_TOKEN|SLACK_SIGNING_SECRET/);
  });

  it("empty values in .env count as unset", () => {
    const parsed = parseAppConfig({ SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "", DISCORD_TOKEN: " " });
    expect(parsed.ok).toBe(true);
  });
});

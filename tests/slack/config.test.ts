import { describe, expect, it } from "vitest";
import { isSlackEnabled, slackConfigSchema, slackConnectionMode } from "../../adapters/slack/config.ts";

const BOT = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
const APP = "xapp-1-A0KRD7HC3-2109237416-0bc2c7f1d4f0e6b1a3";

function problems(env: Record<string, string>): string[] {
  const result = slackConfigSchema.safeParse(env);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("Slack configuration", () => {
  it("leaves Slack off when no Slack key is set, blank lines included", () => {
    const config = slackConfigSchema.parse({ SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: " ", SLACK_API_URL: "" });
    expect(isSlackEnabled(config)).toBe(false);
    expect(config.PORT).toBe(3000);
    expect(config.SLACK_API_URL).toBeUndefined();
  });

  it("chooses Socket Mode when an app token is set, even with a signing secret", () => {
    const config = slackConfigSchema.parse({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      SLACK_SIGNING_SECRET: "s",
    });
    expect(slackConnectionMode(config)).toBe("socket");
  });

  it("chooses HTTP mode on PORT with a signing secret", () => {
    const config = slackConfigSchema.parse({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: "s3cr3t",
      PORT: "8080",
    });
    expect(slackConnectionMode(config)).toBe("http");
    expect(config.PORT).toBe(8080);
  });

  it("explains that a bot token alone gives Slack no way to reach the bot", () => {
    expect(problems({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: "", SLACK_APP_TOKEN: "" })).toEqual([
      "SLACK_SIGNING_SECRET: SLACK_BOT_TOKEN is set, so Slack needs a way to reach the bot: set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode, public URL)",
    ]);
  });

  it("reports every problem at once: swapped tokens, a bad port and a bad API URL", () => {
    const found = problems({
      SLACK_BOT_TOKEN: APP,
      SLACK_APP_TOKEN: BOT,
      PORT: "eighty",
      SLACK_API_URL: "slack",
    });
    expect(found).toHaveLength(4);
    expect(found.join("\n")).toMatch(
      /SLACK_BOT_TOKEN: must be the Bot User OAuth Token \(starts with xoxb-\)/,
    );
    expect(found.join("\n")).toMatch(/SLACK_APP_TOKEN: must be an App-Level Token \(starts with xapp-\)/);
    expect(found.join("\n")).toMatch(/PORT: /);
    expect(found.join("\n")).toMatch(/SLACK_API_URL: must be an http\(s\) URL/);
  });

  it("flags receiving credentials without the bot token that answers", () => {
    expect(problems({ SLACK_APP_TOKEN: APP })).toEqual([
      "SLACK_BOT_TOKEN: SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: set the bot token, or remove SLACK_APP_TOKEN to keep Slack off",
    ]);
  });

  it("does not echo secrets in its messages", () => {
    const found = problems({ SLACK_BOT_TOKEN: "xoxp-user-token-secret", SLACK_SIGNING_SECRET: "s" });
    expect(found.join("\n")).not.toContain("xoxp-user-token-secret");
  });
});

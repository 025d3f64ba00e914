import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter, slackConfigSchema } from "../../adapters/slack/index.ts";
import { BOT_TOKEN, FakeSlack } from "./support/fakeSlack.ts";
import { RecordingBot } from "./support/recordingBot.ts";
import { SIGNING_SECRET } from "./support/signedRequest.ts";
import { silentLogger } from "./support/startAdapter.ts";

let fake: FakeSlack;

beforeEach(async () => {
  fake = await FakeSlack.start();
});

afterEach(async () => {
  await fake.close();
});

function adapterWith(token: string) {
  const config = slackConfigSchema.parse({
    SLACK_BOT_TOKEN: token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: fake.apiUrl,
  });
  return createSlackAdapter(config, silentLogger, { host: "127.0.0.1" });
}

describe("starting the Slack adapter", () => {
  it("checks the bot token with auth.test before listening", async () => {
    const adapter = adapterWith(BOT_TOKEN);
    await adapter.start(new RecordingBot());
    expect(fake.callsOf("auth.test")).toHaveLength(1);
    expect(adapter.httpAddress()?.port).toBeGreaterThan(0);
    await adapter.stop();
    expect(adapter.httpAddress()).toBeUndefined();
  });

  it("fails with a clear error, naming the key but not its value, when Slack refuses the token", async () => {
    const revoked = "xoxb-17653672481-revoked-token";
    const adapter = adapterWith(revoked);
    const failure = await adapter.start(new RecordingBot()).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toBe(
      "Slack did not accept SLACK_BOT_TOKEN (invalid_auth): check the token and reinstall the app",
    );
    expect(failure?.message).not.toContain(revoked);
    expect(adapter.httpAddress()).toBeUndefined();
  });

  it("refuses to build without a bot token", () => {
    const config = slackConfigSchema.parse({});
    expect(() => createSlackAdapter(config, silentLogger)).toThrow(/needs SLACK_BOT_TOKEN/);
  });
});

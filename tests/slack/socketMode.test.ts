import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APP_TOKEN, FakeSlack, waitFor } from "./support/fakeSlack.ts";
import { fixture } from "./support/fixtures.ts";
import { RecordingBot } from "./support/recordingBot.ts";
import { type StartedAdapter, startAdapter } from "./support/startAdapter.ts";

let fake: FakeSlack;
let bot: RecordingBot;
let started: StartedAdapter;

beforeEach(async () => {
  fake = await FakeSlack.start();
  bot = new RecordingBot();
  started = await startAdapter(fake, bot, { mode: "socket" });
});

afterEach(async () => {
  await started.adapter.stop();
  await fake.close();
});

function eventEnvelope(retryAttempt: number) {
  return {
    envelope_id: randomUUID(),
    type: "events_api",
    accepts_response_payload: false,
    retry_attempt: retryAttempt,
    retry_reason: retryAttempt > 0 ? "timeout" : "",
    payload: fixture("app-mention.json"),
  };
}

describe("when SLACK_APP_TOKEN is set, the bot connects over Socket Mode", () => {
  it("opens the connection with the app token and listens on no port", async () => {
    expect(started.adapter.mode).toBe("socket");
    expect(started.adapter.httpAddress()).toBeUndefined();
    const [open] = fake.callsOf("apps.connections.open");
    expect(open?.token).toBe(APP_TOKEN);
    expect(fake.connectedSockets).toBe(1);
  });

  it("answers `/brief is the Kyiv embassy open` in the envelope's ack", async () => {
    const ack = await fake.sendEnvelope({
      envelope_id: "b7f5a2d4-slash",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: { ...fixture<Record<string, string>>("slash-command.json"), response_url: fake.responseUrl() },
    });
    expect(ack.payload).toMatchObject({ response_type: "ephemeral" });
    const blocks = JSON.stringify(ack.payload?.blocks);
    expect(blocks).toContain("*:red_circle: Closed* · *US Embassy in Kyiv*");
    expect(blocks).toContain("The Washington Times");
    expect(fake.responses).toHaveLength(0);
  });

  it("acks a mention and answers it once in its thread, even when Slack redelivers it", async () => {
    const first = await fake.sendEnvelope(eventEnvelope(0));
    const redelivered = await fake.sendEnvelope(eventEnvelope(1));
    expect(first.payload ?? {}).toEqual({});
    expect(redelivered.payload ?? {}).toEqual({});

    await waitFor(() => fake.callsOf("chat.postMessage").length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const posts = fake.callsOf("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args).toMatchObject({ channel: "C061EG9SL", thread_ts: "1732100000.000100" });
    expect(bot.requests).toHaveLength(1);
  });

  it("acks a Share in channel click and posts the answer for everyone", async () => {
    const responseUrl = fake.responseUrl();
    const ack = await fake.sendEnvelope({
      envelope_id: "c1d2e3f4-share",
      type: "interactive",
      accepts_response_payload: false,
      payload: { ...fixture<Record<string, unknown>>("block-actions-share.json"), response_url: responseUrl },
    });
    expect(ack.envelope_id).toBe("c1d2e3f4-share");
    const shared = await waitFor(() =>
      fake.responses.find((r) => responseUrl.endsWith(r.path) && r.body.response_type === "in_channel"),
    );
    expect(JSON.stringify(shared.body.blocks)).toContain("Shared by <@U2147483697>");
  });
});

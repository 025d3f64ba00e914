import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeSlack, TEAM_ID, waitFor } from "./support/fakeSlack.ts";
import { fixture } from "./support/fixtures.ts";
import { RecordingBot } from "./support/recordingBot.ts";
import { interactionBody, postSigned, slashCommandBody } from "./support/signedRequest.ts";
import { type StartedAdapter, startAdapter } from "./support/startAdapter.ts";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

let fake: FakeSlack;
let bot: RecordingBot;
let started: StartedAdapter;

beforeEach(async () => {
  fake = await FakeSlack.start();
  bot = new RecordingBot();
  started = await startAdapter(fake, bot);
});

afterEach(async () => {
  await started.adapter.stop();
  await fake.close();
});

function slashCommand(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...fixture<Record<string, string>>("slash-command.json"),
    response_url: fake.responseUrl(),
    ...overrides,
  };
}

function blockTexts(message: { blocks?: unknown[] }): string {
  return JSON.stringify(message.blocks ?? []);
}

/** Every string Slack would display or parse for mentions: `text` fields, not button values. */
function displayedTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(displayedTexts);
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "text" && typeof inner === "string" ? [inner] : displayedTexts(inner),
  );
}

const BROADCAST = /<!(channel|here|everyone)/;

describe("when asked `/brief is the Kyiv embassy open` over HTTP", () => {
  it("answers inside the ack, privately: closed as of 20 Nov 2024, citing The Washington Times", async () => {
    const startedAt = Date.now();
    const res = await postSigned(started.eventsUrl, slashCommandBody(slashCommand()), FORM);
    const elapsed = Date.now() - startedAt;

    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(3000);
    const body = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe("ephemeral");
    const blocks = blockTexts(body);
    expect(blocks).toContain("*:red_circle: Closed* · *US Embassy in Kyiv*");
    expect(blocks).toContain("The Washington Times");
    expect(blocks).toContain("<!date^1732104000^{date_short}|20 Nov 2024>");
    expect(body.text).toContain("closed as of 20 Nov 2024");
    expect(fake.responses).toHaveLength(0);

    expect(bot.requests).toHaveLength(1);
    expect(bot.requests[0]).toMatchObject({
      text: "is the Kyiv embassy open",
      channel: { platform: "slack", id: `${TEAM_ID}:C061EG9SL`, name: "security-desk" },
      user: { platform: "slack", id: "U2147483697", name: "dana" },
      canManageSubscriptions: true,
    });
  });

  it("offers a Share in channel button that carries the question", async () => {
    const res = await postSigned(started.eventsUrl, slashCommandBody(slashCommand()), FORM);
    const body = (await res.json()) as { blocks: Array<{ type: string; elements?: unknown[] }> };
    const actions = body.blocks.find((block) => block.type === "actions");
    expect(actions?.elements).toEqual([
      expect.objectContaining({
        type: "button",
        action_id: "briefbot_share_answer",
        value: "is the Kyiv embassy open",
        text: expect.objectContaining({ text: "Share in channel" }),
      }),
    ]);
  });
});

describe("when the core is slower than the ack deadline", () => {
  it("acks at once with nothing and delivers the answer through response_url", async () => {
    await started.adapter.stop();
    started = await startAdapter(fake, bot, { ackDeadlineMs: 50 });
    bot.delayMs = 400;
    const responseUrl = fake.responseUrl();

    const startedAt = Date.now();
    const res = await postSigned(
      started.eventsUrl,
      slashCommandBody(slashCommand({ response_url: responseUrl })),
      FORM,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(Date.now() - startedAt).toBeLessThan(bot.delayMs);

    const posted = await waitFor(() => fake.responses.find((r) => responseUrl.endsWith(r.path)));
    expect(posted.body.response_type).toBe("ephemeral");
    expect(blockTexts(posted.body as { blocks?: unknown[] })).toContain(":red_circle: Closed");
  });
});

describe("when someone clicks Share in channel", () => {
  it("re-asks as the clicker, posts the answer for everyone, then removes the private copy", async () => {
    const responseUrl = fake.responseUrl();
    const payload = {
      ...fixture<Record<string, unknown>>("block-actions-share.json"),
      response_url: responseUrl,
    };

    const res = await postSigned(started.eventsUrl, interactionBody(payload), FORM);
    expect(res.status).toBe(200);

    const posts = await waitFor(() => {
      const mine = fake.responses.filter((r) => responseUrl.endsWith(r.path));
      return mine.length === 2 ? mine : undefined;
    });
    const [shared, removal] = posts.map((post) => post.body);
    expect(shared).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(blockTexts(shared as { blocks?: unknown[] })).toContain(":red_circle: Closed");
    expect(blockTexts(shared as { blocks?: unknown[] })).toContain("Shared by <@U2147483697>");
    expect(blockTexts(shared as { blocks?: unknown[] })).not.toContain("briefbot_share_answer");
    expect(removal).toEqual({ delete_original: true });
    expect(bot.requests.map((r) => [r.text, r.user.id])).toEqual([
      ["is the Kyiv embassy open", "U2147483697"],
    ]);
  });
});

describe("when the app is mentioned in a channel", () => {
  it("answers in a thread under the message, without the mention in the question", async () => {
    const event = fixture<Record<string, unknown>>("app-mention.json");
    const res = await postSigned(started.eventsUrl, JSON.stringify(event), JSON_TYPE);
    expect(res.status).toBe(200);

    const [post] = await waitFor(() => {
      const posts = fake.callsOf("chat.postMessage");
      return posts.length > 0 ? posts : undefined;
    });
    expect(post?.args).toMatchObject({ channel: "C061EG9SL", thread_ts: "1732100000.000100" });
    expect(blockTexts(post?.args as { blocks?: unknown[] })).toContain(":red_circle: Closed");
    expect(bot.requests[0]).toMatchObject({
      text: "is the embassy in Kyiv open?",
      channel: { id: `${TEAM_ID}:C061EG9SL` },
      user: { id: "U2147483697" },
    });
  });

  it("answers a retried delivery of the same event only once", async () => {
    const body = JSON.stringify(fixture("app-mention.json"));
    const first = await postSigned(started.eventsUrl, body, JSON_TYPE);
    const retry = await postSigned(started.eventsUrl, body, JSON_TYPE, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect([first.status, retry.status]).toEqual([200, 200]);

    await waitFor(() => fake.callsOf("chat.postMessage").length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(bot.requests).toHaveLength(1);
  });

  it("sends help privately, as an ephemeral message only the asker sees", async () => {
    const event = fixture<{ event: { text: string } }>("app-mention.json");
    event.event.text = "<@U0BRIEFBOT> help";
    await postSigned(started.eventsUrl, JSON.stringify(event), JSON_TYPE);

    const [ephemeral] = await waitFor(() => {
      const posts = fake.callsOf("chat.postEphemeral");
      return posts.length > 0 ? posts : undefined;
    });
    expect(ephemeral?.args).toMatchObject({ channel: "C061EG9SL", user: "U2147483697" });
    expect(ephemeral?.args).not.toHaveProperty("thread_ts");
    expect(blockTexts(ephemeral?.args as { blocks?: unknown[] })).toContain(
      "`@briefbot subscribe [entity|all]`",
    );
    expect(fake.callsOf("chat.postMessage")).toHaveLength(0);
  });
});

describe("when a request is not provably from Slack", () => {
  const cases: Array<[string, (body: string) => Parameters<typeof postSigned>[3]]> = [
    ["signed with another secret", () => ({ secret: "not-the-signing-secret" })],
    ["signed more than five minutes ago", () => ({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })],
    ["dated more than five minutes ahead", () => ({ timestamp: Math.floor(Date.now() / 1000) + 6 * 60 })],
    ["altered after signing", (body) => ({ signedBody: body.replace("Kyiv", "Kiev") })],
  ];

  it.each(cases)("rejects a slash command %s with 401 and runs no handler", async (_name, options) => {
    const body = slashCommandBody(slashCommand());
    const res = await postSigned(started.eventsUrl, body, FORM, options(body));
    expect(res.status).toBe(401);
    expect(bot.requests).toHaveLength(0);
    expect(fake.responses).toHaveLength(0);
  });

  it("answers Slack's unsigned ssl_check but runs nothing smuggled into it", async () => {
    const smuggled = new URLSearchParams({ ssl_check: "1", ...slashCommand() }).toString();
    const res = await fetch(started.eventsUrl, {
      method: "POST",
      headers: { "content-type": FORM },
      body: smuggled,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bot.requests).toHaveLength(0);
    expect(fake.responses).toHaveLength(0);
  });

  it("rejects a forged mention event with 401 and posts nothing", async () => {
    const body = JSON.stringify(fixture("app-mention.json"));
    const res = await postSigned(started.eventsUrl, body, JSON_TYPE, { secret: "forged" });
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bot.requests).toHaveLength(0);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(0);
  });
});

describe("when a question contains a broadcast like <!channel>", () => {
  it("echoes it escaped in the slash command answer, so nobody is notified", async () => {
    const command = {
      ...fixture<Record<string, string>>("slash-command-broadcast.json"),
      response_url: fake.responseUrl(),
    };
    const res = await postSigned(started.eventsUrl, slashCommandBody(command), FORM);
    const body = (await res.json()) as { text: string; blocks: unknown[] };

    expect(bot.requests[0]?.text).toBe("is the <!channel> embassy open & safe? ask @sam #security-desk");
    const shown = displayedTexts(body);
    expect(shown.length).toBeGreaterThan(2);
    for (const text of shown) expect(text).not.toMatch(BROADCAST);
    expect(body.text).toContain("&lt;!channel&gt; embassy open &amp; safe?");
    expect(blockTexts(body)).toContain("&lt;!channel&gt;");
  });

  it("echoes nothing live in a threaded mention reply either", async () => {
    const body = JSON.stringify(fixture("app-mention-in-thread.json"));
    await postSigned(started.eventsUrl, body, JSON_TYPE);
    const [post] = await waitFor(() => {
      const posts = fake.callsOf("chat.postMessage");
      return posts.length > 0 ? posts : undefined;
    });
    expect(post?.args.thread_ts).toBe("1732100000.000100");
    const shown = displayedTexts(post?.args);
    expect(shown.length).toBeGreaterThan(1);
    for (const text of shown) expect(text).not.toMatch(BROADCAST);
    expect(bot.requests[0]?.text).toBe("@channel what about the @here embassy & this report?");
  });
});

describe("when the core fails", () => {
  it("apologises privately and says what to try, without the error", async () => {
    bot.failWith = new Error("database is locked");
    const res = await postSigned(started.eventsUrl, slashCommandBody(slashCommand()), FORM);
    const body = (await res.json()) as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain("Please try again in a minute");
    expect(JSON.stringify(body)).not.toContain("database is locked");
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter, slackConfigSchema } from "../../adapters/slack/index.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { BOT_TOKEN, FakeSlack, waitFor } from "./support/fakeSlack.ts";
import { fixture } from "./support/fixtures.ts";
import { interactionBody, postSigned, SIGNING_SECRET, slashCommandBody } from "./support/signedRequest.ts";
import { silentLogger } from "./support/startAdapter.ts";

const FORM = "application/x-www-form-urlencoded";
const ADMIN = "U0ADMIN001";
const knowledgeDir = fileURLToPath(new URL("../../knowledge", import.meta.url));

/** The day after the Washington Times report, advancing in real time so delivery timers work. */
const offset = Date.parse("2024-11-21T10:00:00Z") - Date.now();
const clock = () => new Date(Date.now() + offset);

let fake: FakeSlack;
let dir: string;
let adapter: SlackAdapter;
let bot: Briefbot;
let eventsUrl: string;

/** The real bot, knowledge and SQLite store, wired to the Slack adapter as adapters/main.ts does. */
beforeEach(async () => {
  fake = await FakeSlack.start();
  dir = mkdtempSync(join(tmpdir(), "briefbot-slack-flow-"));
  const config = slackConfigSchema.parse({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: fake.apiUrl,
  });
  adapter = createSlackAdapter(config, silentLogger, { host: "127.0.0.1", clock });
  bot = await createBriefbot({
    knowledgeDir,
    dbPath: join(dir, "briefbot.db"),
    admins: [`slack:${ADMIN}`],
    logger: silentLogger,
    posters: adapter.poster ? [adapter.poster] : [],
    clock,
  });
  await bot.start();
  await adapter.start(bot);
  eventsUrl = `http://127.0.0.1:${adapter.httpAddress()?.port}/slack/events`;
});

afterEach(async () => {
  await adapter.stop();
  await bot.stop();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

interface SlashResponse {
  response_type: string;
  text: string;
  blocks: unknown[];
}

async function brief(
  text: string,
  who: { user_id?: string; user_name?: string; channel_id?: string; channel_name?: string } = {},
) {
  const command = {
    ...fixture<Record<string, string>>("slash-command.json"),
    response_url: fake.responseUrl(),
    text,
    ...who,
  };
  const res = await postSigned(eventsUrl, slashCommandBody(command), FORM);
  expect(res.status).toBe(200);
  return (await res.json()) as SlashResponse;
}

const travelDesk = { channel_id: "C0TRAVEL01", channel_name: "travel-team" };

describe("briefbot on Slack, end to end", () => {
  it("answers 'is the Kyiv embassy open': closed as of 20 Nov 2024, per The Washington Times", async () => {
    const answer = await brief("is the Kyiv embassy open");
    expect(answer.response_type).toBe("ephemeral");
    expect(answer.text).toMatch(
      /^No\. The US Embassy in Kyiv is closed as of 20 Nov 2024, per The Washington Times/,
    );
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks).toContain(
      "*:red_circle: Closed* · *US Embassy in Kyiv* since <!date^1732104000^{date_short}|20 Nov 2024>",
    );
    expect(blocks).toContain(":newspaper: The Washington Times, “US Embassy in Kyiv closes after warning");
    expect(blocks).toContain("Share in channel");
  });

  it("after two channels subscribe and an admin reports it reopened, posts the notice once in each", async () => {
    const subscribed = await brief("subscribe kyiv embassy");
    expect(subscribed).toMatchObject({ response_type: "in_channel" });
    expect(subscribed.text).toContain("This channel now follows US Embassy in Kyiv");
    expect((await brief("subscribe kyiv embassy", travelDesk)).response_type).toBe("in_channel");

    const refused = await brief("update us-embassy-kyiv open Staff returned");
    expect(refused.response_type).toBe("ephemeral");
    expect(refused.text).toContain("Only briefbot admins");

    const admin = { user_id: ADMIN, user_name: "olena" };
    const asked = await brief("update us-embassy-kyiv open Staff returned to the embassy", admin);
    expect(asked.response_type).toBe("ephemeral");
    expect(asked.text).toContain("This will post a notice to 2 channels");
    expect(fake.callsOf("chat.postMessage")).toEqual([]);
    const recorded = await brief("confirm", admin);
    expect(recorded.response_type).toBe("in_channel");
    expect(recorded.text).toContain("US Embassy in Kyiv is now open");

    await waitFor(() => fake.callsOf("chat.postMessage").length >= 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const posts = fake.callsOf("chat.postMessage");
    expect(posts.map((post) => post.args.channel).sort()).toEqual(["C061EG9SL", "C0TRAVEL01"]);
    for (const post of posts) {
      const blocks = JSON.stringify(post.args.blocks);
      expect(blocks).toContain("*US Embassy in Kyiv* is now *:large_green_circle: Open* (was Closed)");
      expect(blocks).toContain("Reported in chat by olena");
      expect(String(post.args.text)).toContain("US Embassy in Kyiv is now open (was closed)");
    }

    const now = await brief("is the Kyiv embassy open");
    expect(now.text).toMatch(/^Yes\. The US Embassy in Kyiv is open/);
  });

  it("shares an answer in the channel when asked, through the real bot", async () => {
    const responseUrl = fake.responseUrl();
    const click = {
      ...fixture<Record<string, unknown>>("block-actions-share.json"),
      response_url: responseUrl,
    };
    await postSigned(eventsUrl, interactionBody(click), FORM);
    const shared = await waitFor(() =>
      fake.responses.find((r) => responseUrl.endsWith(r.path) && r.body.response_type === "in_channel"),
    );
    expect(JSON.stringify(shared.body.blocks)).toContain(":red_circle: Closed");
    expect(JSON.stringify(shared.body.blocks)).toContain("Shared by <@U2147483697>");
  });

  it("answers a mention in its thread and lists the channel's subscriptions privately", async () => {
    await postSigned(eventsUrl, JSON.stringify(fixture("app-mention.json")), "application/json");
    const [answer] = await waitFor(() => {
      const posts = fake.callsOf("chat.postMessage");
      return posts.length > 0 ? posts : undefined;
    });
    expect(answer?.args.thread_ts).toBe("1732100000.000100");
    expect(String(answer?.args.text)).toContain("closed as of 20 Nov 2024");

    await brief("subscribe all");
    const list = await brief("subscriptions");
    expect(list.response_type).toBe("ephemeral");
    expect(JSON.stringify(list.blocks)).toContain("*This channel follows*");
  });
});

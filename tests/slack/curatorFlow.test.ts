import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FEEDBACK_ACTIONS, FEEDBACK_REASON_VIEW } from "../../adapters/slack/feedback.ts";
import { createSlackAdapter, type SlackAdapter, slackConfigSchema } from "../../adapters/slack/index.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { BOT_TOKEN, FakeSlack, TEAM_ID, waitFor } from "./support/fakeSlack.ts";
import { fixture } from "./support/fixtures.ts";
import { interactionBody, postSigned, SIGNING_SECRET, slashCommandBody } from "./support/signedRequest.ts";
import { silentLogger } from "./support/startAdapter.ts";

const FORM = "application/x-www-form-urlencoded";
const ADMIN = "U0ADMIN001";
const CURATOR = "U0CURATOR1";
const READER = "U0READER01";
const knowledgeDir = fileURLToPath(new URL("../../knowledge", import.meta.url));
let offset = Date.parse("2024-11-21T10:00:00Z") - Date.now();
const clock = () => new Date(Date.now() + offset);
const WEEK_MS = 7 * 24 * 60 * 60_000;

let fake: FakeSlack;
let dir: string;
let running: { adapter: SlackAdapter; bot: Briefbot; eventsUrl: string } | undefined;

/** The real bot and Slack adapter over the SQLite file in `dir`, as adapters/main.ts wires them. */
async function startBot() {
  const config = slackConfigSchema.parse({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: fake.apiUrl,
  });
  const adapter = createSlackAdapter(config, silentLogger, { host: "127.0.0.1", clock });
  const bot = await createBriefbot({
    knowledgeDir,
    dbPath: join(dir, "briefbot.db"),
    admins: [`slack:${ADMIN}`],
    curators: [`slack:${CURATOR}`],
    curatorChannel: { platform: "slack", id: `${TEAM_ID}:C0CURATORS` },
    logger: silentLogger,
    posters: adapter.poster ? [adapter.poster] : [],
    clock,
  });
  await bot.start();
  await adapter.start(bot);
  running = { adapter, bot, eventsUrl: `http://127.0.0.1:${adapter.httpAddress()?.port}/slack/events` };
}

async function stopBot() {
  await running?.adapter.stop();
  await running?.bot.stop();
  running = undefined;
}

/** Stops the bot and starts another over the same file, as a restart does. */
async function restart() {
  await stopBot();
  await startBot();
}

beforeEach(async () => {
  offset = Date.parse("2024-11-21T10:00:00Z") - Date.now();
  fake = await FakeSlack.start();
  dir = mkdtempSync(join(tmpdir(), "briefbot-slack-curator-"));
  await startBot();
});

afterEach(async () => {
  await stopBot();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

interface SlashResponse {
  response_type: string;
  text: string;
  blocks: { type: string; block_id?: string; elements?: { action_id: string; value: string }[] }[];
}

async function brief(text: string, userId = READER) {
  const command = {
    ...fixture<Record<string, string>>("slash-command.json"),
    response_url: fake.responseUrl(),
    text,
    user_id: userId,
  };
  const res = await postSigned(running?.eventsUrl ?? "", slashCommandBody(command), FORM);
  expect(res.status).toBe(200);
  return (await res.json()) as SlashResponse;
}

/** The answer's id, as its feedback buttons carry it. */
function feedbackId(answer: SlashResponse): string {
  const buttons = answer.blocks.find((block) => block.block_id === "briefbot_feedback")?.elements ?? [];
  expect(buttons.map((b) => b.action_id)).toEqual([FEEDBACK_ACTIONS.helpful, FEEDBACK_ACTIONS.wrong]);
  const [id] = new Set(buttons.map((b) => b.value));
  if (!id) throw new Error("no feedback buttons");
  return id;
}

/** A click on a feedback button, as Slack posts it; resolves with the private note sent back. */
async function click(vote: "helpful" | "wrong", answerId: string, userId: string) {
  const responseUrl = fake.responseUrl();
  const share = fixture<Record<string, unknown>>("block-actions-share.json");
  const payload = {
    ...share,
    user: { id: userId, username: "someone", name: "someone", team_id: TEAM_ID },
    response_url: responseUrl,
    trigger_id: `1334522460${Math.floor(Math.random() * 1000)}.738474920.8088930838d88f008e2`,
    actions: [
      {
        action_id: FEEDBACK_ACTIONS[vote],
        block_id: "briefbot_feedback",
        text: { type: "plain_text", text: vote, emoji: true },
        value: answerId,
        type: "button",
        action_ts: "1732100105.123456",
      },
    ],
  };
  const res = await postSigned(running?.eventsUrl ?? "", interactionBody(payload), FORM);
  expect(res.status).toBe(200);
  const path = new URL(responseUrl).pathname;
  const note = await waitFor(() => fake.responses.find((r) => r.path === path));
  return { note: String(note.body.text), trigger: payload.trigger_id };
}

/** The reason form submitted, as Slack posts a view_submission. */
async function submitReason(answerId: string, userId: string, reason: string) {
  const payload = {
    type: "view_submission",
    team: { id: TEAM_ID, domain: "newsdesk" },
    user: { id: userId, username: "someone", name: "someone", team_id: TEAM_ID },
    api_app_id: "A0KRD7HC3",
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    trigger_id: "13345224609.738474920.8088930838d88f008e3",
    view: {
      id: "V0REASON01",
      team_id: TEAM_ID,
      type: "modal",
      callback_id: FEEDBACK_REASON_VIEW,
      private_metadata: answerId,
      blocks: [],
      state: { values: { reason: { reason: { type: "plain_text_input", value: reason } } } },
      hash: "1732100200.abcdef",
      title: { type: "plain_text", text: "What is wrong?" },
      app_id: "A0KRD7HC3",
      bot_id: "B0BRIEFBOT",
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  const res = await postSigned(running?.eventsUrl ?? "", interactionBody(payload), FORM);
  expect(res.status).toBe(200);
  return (await res.json()) as { response_action: string; view: { blocks: { text: { text: string } }[] } };
}

describe("the curator's loop on Slack", () => {
  it("a declined question shows up in /brief gaps with its count, for curators only, and a restart keeps it", async () => {
    const declined = await brief("is the British embassy open?");
    expect(declined.text).toContain("I don't have any reports on the British embassy");
    await brief("is the british embassy open");
    await brief("British embassy open?");

    const refused = await brief("gaps", READER);
    expect(refused.response_type).toBe("ephemeral");
    expect(refused.text).toContain("Only briefbot curators can use gaps");
    expect(refused.text).not.toContain("british");

    const gaps = await brief("gaps", CURATOR);
    expect(gaps.response_type).toBe("ephemeral");
    expect(gaps.text).toMatch(
      /^1\. 3× "is the british embassy open" · unknown-entity · not placed: the British embassy/m,
    );
    expect(gaps.text).toContain('also 1× "british embassy open"');
    expect(JSON.stringify(gaps.blocks)).toContain('3× \\"is the british embassy open\\" · unknown-entity');
    // An admin is a curator too.
    expect((await brief("gaps", ADMIN)).text).toContain('3× "is the british embassy open"');

    await restart();
    expect((await brief("gaps", CURATOR)).text).toContain('3× "is the british embassy open"');
  });

  it("clicking wrong and giving a reason shows up in /brief feedback with the facts cited; a second vote replaces the first, also after a restart", async () => {
    const answer = await brief("who is bridget brink");
    const id = feedbackId(answer);

    const wrong = await click("wrong", id, READER);
    expect(wrong.note).toContain("Thanks: recorded as wrong");
    const opened = await waitFor(() => fake.callsOf("views.open")[0]);
    expect(opened.args).toMatchObject({
      trigger_id: wrong.trigger,
      view: { callback_id: FEEDBACK_REASON_VIEW, private_metadata: id },
    });
    const submitted = await submitReason(id, READER, "She has been ambassador since May 2022");
    expect(submitted.response_action).toBe("update");
    expect(submitted.view.blocks[0]?.text.text).toContain("the reason is recorded");

    const refused = await brief("feedback", READER);
    expect(refused.text).toContain("Only briefbot curators can use feedback");

    const feedback = (await brief("feedback", CURATOR)).text;
    expect(feedback).toContain("1 wrong, 0 helpful");
    expect(feedback).toContain('"who is bridget brink"');
    expect(feedback).toContain('reason: "She has been ambassador since May 2022"');
    expect(feedback).toContain("facts senate-approved-bridget-brink, bridget-brink-not-yet-arrived");
    expect(feedback).toContain("sources wsj-relay-2022-05-special-forces");

    await restart();
    expect((await brief("feedback", CURATOR)).text).toContain("She has been ambassador since May 2022");
    // The button on the answer given before the restart still works, and the same person's second vote replaces the first.
    const again = await click("helpful", id, READER);
    expect(again.note).toContain("Your earlier vote on this answer is replaced: it is now helpful");
    const after = (await brief("feedback", CURATOR)).text;
    expect(after).toContain("No answers marked wrong (0 wrong, 1 helpful");
    // Another person's vote on the same answer is their own.
    expect((await click("wrong", id, CURATOR)).note).toContain("Thanks: recorded as wrong");
    expect((await brief("feedback", CURATOR)).text).toContain("1 wrong, 1 helpful");
  });

  it("posts the most asked unanswered questions to the curators' channel once a week", async () => {
    await brief("is the British embassy open?");
    await brief("is the british embassy open");
    // The first start began the week: nothing is posted before it is over.
    expect(await running?.bot.postDigestIfDue()).toBe(false);
    offset += WEEK_MS;
    expect(await running?.bot.postDigestIfDue()).toBe(true);
    const [post] = fake.callsOf("chat.postMessage").filter((call) => call.args.channel === "C0CURATORS");
    expect(String(post?.args.text)).toContain('1. 2× "is the british embassy open" · unknown-entity');
    expect(await running?.bot.postDigestIfDue()).toBe(false);
    expect(
      fake.callsOf("chat.postMessage").filter((call) => call.args.channel === "C0CURATORS"),
    ).toHaveLength(1);
  });

  it("a status answer's feedback names the timeline entry it rests on", async () => {
    const id = feedbackId(await brief("is the kyiv embassy open"));
    await click("wrong", id, READER);
    const feedback = (await brief("feedback", CURATOR)).text;
    expect(feedback).toContain("answered no");
    expect(feedback).toContain("timeline us-embassy-kyiv@2024-11-20");
    expect(feedback).toContain("reason: none given");
  });
});

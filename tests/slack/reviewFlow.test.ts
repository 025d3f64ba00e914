import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter, slackConfigSchema } from "../../adapters/slack/index.ts";
import { REVIEW_ACTIONS, REVIEW_EDIT_VIEW } from "../../adapters/slack/review.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { reviewScratch } from "../support/reviewFixture.ts";
import { BOT_TOKEN, FakeSlack, TEAM_ID, waitFor } from "./support/fakeSlack.ts";
import { fixture } from "./support/fixtures.ts";
import { interactionBody, postSigned, SIGNING_SECRET, slashCommandBody } from "./support/signedRequest.ts";
import { silentLogger } from "./support/startAdapter.ts";

const FORM = "application/x-www-form-urlencoded";
const CURATOR = "U0CURATOR1";
const READER = "U0READER01";
/** The channel the slash command fixture is typed in; it follows the ports. */
const DESK = "C061EG9SL";
const clock = () => new Date("2026-01-21T10:00:00Z");

let fake: FakeSlack;
let scratch: ReturnType<typeof reviewScratch>;
let running: { adapter: SlackAdapter; bot: Briefbot; eventsUrl: string } | undefined;

/** The real bot and Slack adapter over the scratch base, drafts folder and SQLite file. */
async function startBot() {
  const config = slackConfigSchema.parse({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: fake.apiUrl,
  });
  const adapter = createSlackAdapter(config, silentLogger, { host: "127.0.0.1", clock });
  const bot = await createBriefbot({
    knowledgeDir: scratch.knowledgeDir,
    draftsDir: scratch.draftsDir,
    dbPath: scratch.dbPath,
    admins: [],
    curators: [`slack:${CURATOR}`],
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

beforeEach(async () => {
  fake = await FakeSlack.start();
  scratch = reviewScratch();
  await startBot();
});

afterEach(async () => {
  await stopBot();
  await fake.close();
  scratch.cleanup();
});

interface SlashResponse {
  response_type: string;
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[];
}

async function brief(text: string, userId: string) {
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

/** The review list's items: each item's section text and the ids its buttons carry, by action. */
async function reviewList(userId = CURATOR) {
  const list = await brief("review", userId);
  expect(list.response_type).toBe("ephemeral");
  const items: { text: string; buttons: Record<string, string> }[] = [];
  list.blocks.forEach((block, i) => {
    if (block.type !== "actions") return;
    const buttons = Object.fromEntries((block.elements ?? []).map((e) => [e.action_id, e.value]));
    items.push({ text: list.blocks[i - 1]?.text?.text ?? "", buttons });
  });
  return items;
}

async function itemAbout(name: string) {
  const item = (await reviewList()).find((candidate) => candidate.text.includes(name));
  if (!item) throw new Error(`no review item about ${name}`);
  return item;
}

/** A click on a review button, as Slack posts it; resolves with what was sent back to its response_url. */
async function click(actionId: string, value: string, userId: string) {
  const responseUrl = fake.responseUrl();
  const payload = {
    ...fixture<Record<string, unknown>>("block-actions-share.json"),
    user: { id: userId, username: "someone", name: "someone", team_id: TEAM_ID },
    response_url: responseUrl,
    trigger_id: `1334522460${Math.floor(Math.random() * 1000)}.738474920.8088930838d88f008e2`,
    actions: [{ action_id: actionId, block_id: "briefbot_review", value, type: "button", action_ts: "1" }],
  };
  const res = await postSigned(running?.eventsUrl ?? "", interactionBody(payload), FORM);
  expect(res.status).toBe(200);
  return payload.trigger_id;
}

async function clickAndRead(actionId: string, value: string, userId: string) {
  const before = fake.responses.length;
  await click(actionId, value, userId);
  const note = await waitFor(() => fake.responses.slice(before)[0]);
  return note.body as { text: string; response_type?: string };
}

const noticesTo = (channel: string) =>
  fake.callsOf("chat.postMessage").filter((call) => call.args.channel === channel);

describe("reviewing drafts on Slack", () => {
  it("a curator approves one change and rejects another; the channel gets one notice, after the confirm; a restart loses nothing", async () => {
    expect((await brief("subscribe all", READER)).text).toContain("now follows");
    // Nothing drafted is answered before approval.
    expect((await brief("is the port of alby open?", READER)).text).toMatch(/^No\./);

    expect((await brief("review", READER)).text).toContain("Only briefbot curators can use review");
    const listed = await reviewList();
    expect(listed).toHaveLength(4);
    const alby = await itemAbout("Port of Alby: closed -&gt; open");
    expect(alby.text).toContain("Coast News");
    expect(alby.text).toContain("The Port of Alby reopened on Monday.");
    expect(Object.keys(alby.buttons).sort()).toEqual(Object.values(REVIEW_ACTIONS).sort());
    const albyId = alby.buttons[REVIEW_ACTIONS.approve] as string;

    // A reader's click on Approve is refused and writes nothing.
    const refused = await clickAndRead(REVIEW_ACTIONS.approve, albyId, READER);
    expect(refused.text).toContain("Only briefbot curators can use review");
    expect(existsSync(path.join(scratch.knowledgeDir, "coast-news-2026-01-20.yaml"))).toBe(false);

    // A restart between draft and approval: the same items under the same ids.
    await stopBot();
    await startBot();
    expect((await reviewList()).map((i) => i.buttons[REVIEW_ACTIONS.approve])).toEqual(
      listed.map((i) => i.buttons[REVIEW_ACTIONS.approve]),
    );

    const held = await clickAndRead(REVIEW_ACTIONS.approve, albyId, CURATOR);
    expect(held.text).toContain("posts a notice to 1 channel");
    expect(held.text).toContain("confirm");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(noticesTo(DESK)).toHaveLength(0);
    expect((await brief("is the port of alby open?", READER)).text).toMatch(/^No\./);

    const confirmed = await brief("confirm", CURATOR);
    expect(confirmed.response_type).toBe("in_channel");
    expect(confirmed.text).toContain("Approved by");
    expect(confirmed.text).toContain("Port of Alby");
    const [notice] = await waitFor(() => (noticesTo(DESK).length > 0 ? noticesTo(DESK) : undefined));
    expect(String(notice?.args.text)).toContain("Port of Alby");
    // The notice cites the article and names the curator who approved it.
    expect(String(notice?.args.text)).toContain("Source: Coast News (approved by dana)");
    expect(JSON.stringify(notice?.args.blocks)).toContain("Approved by dana");
    expect((await brief("is the port of alby open?", READER)).text).toMatch(/^Yes/);

    // Edit, then reject, the other port's change.
    const brill = await itemAbout("Port of Brill");
    const trigger = await click(REVIEW_ACTIONS.edit, brill.buttons[REVIEW_ACTIONS.edit] as string, CURATOR);
    const opened = await waitFor(() => fake.callsOf("views.open").find((c) => c.args.trigger_id === trigger));
    expect(opened.args).toMatchObject({ view: { callback_id: REVIEW_EDIT_VIEW } });
    const edited = await submitEdit(
      String((opened.args.view as { private_metadata: string }).private_metadata),
      {
        date: "2026-01-21",
      },
    );
    expect(edited).toContain("Edited");
    expect(edited).toContain("21 Jan 2026");
    const rejected = await clickAndRead(
      REVIEW_ACTIONS.reject,
      brill.buttons[REVIEW_ACTIONS.reject] as string,
      CURATOR,
    );
    expect(rejected.text).toContain("Rejected");

    await stopBot();
    await startBot();
    const left = await reviewList();
    expect(left).toHaveLength(2);
    expect(left.map((i) => i.text).join(" ")).not.toMatch(/Port of (Alby|Brill):/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(noticesTo(DESK)).toHaveLength(1);
    expect((await brief("status port-of-brill", READER)).text).toContain("closed");
  });
});

/** The edit form submitted, as Slack posts a view_submission; resolves with what the updated form says. */
async function submitEdit(privateMetadata: string, values: Record<string, string>) {
  const state = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { [name]: { type: "plain_text_input", value } }]),
  );
  const payload = {
    type: "view_submission",
    team: { id: TEAM_ID, domain: "newsdesk" },
    user: { id: CURATOR, username: "curator", name: "curator", team_id: TEAM_ID },
    api_app_id: "A0KRD7HC3",
    token: "gIkuvaNzQIHg97ATvDxqgjtO",
    trigger_id: "13345224609.738474920.8088930838d88f008e4",
    view: {
      id: "V0EDIT0001",
      team_id: TEAM_ID,
      type: "modal",
      callback_id: REVIEW_EDIT_VIEW,
      private_metadata: privateMetadata,
      blocks: [],
      state: { values: state },
      hash: "1732100200.abcdef",
      title: { type: "plain_text", text: "Edit the change" },
      app_id: "A0KRD7HC3",
      bot_id: "B0BRIEFBOT",
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  const res = await postSigned(running?.eventsUrl ?? "", interactionBody(payload), FORM);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { view: { blocks: { text: { text: string } }[] } };
  return body.view.blocks[0]?.text.text ?? "";
}

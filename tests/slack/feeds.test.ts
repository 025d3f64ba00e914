import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createSlackAdapter, type SlackAdapter, slackConfigSchema } from "../../adapters/slack/index.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { runBrief } from "../../src/cli/brief.ts";
import { knowledgeFileSchema } from "../../src/knowledge/schema.ts";
import { MAX_ITEM_ATTEMPTS } from "../../src/news/feeds.ts";
import {
  atom,
  EMBASSY_REOPENS,
  NewsSite,
  PAYWALL_STUB,
  rss,
  SPAIN_REOPENS,
} from "../news/support/newsSite.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";
import { BOT_TOKEN, FakeSlack, TEAM_ID } from "./support/fakeSlack.ts";
import { fixture } from "./support/fixtures.ts";
import { postSigned, SIGNING_SECRET, slashCommandBody } from "./support/signedRequest.ts";
import { silentLogger } from "./support/startAdapter.ts";

const FORM = "application/x-www-form-urlencoded";
const CURATOR = "U0CURATOR1";
const READER = "U0READER01";
const CURATORS_CHANNEL = "C0CURATORS";

let fake: FakeSlack;
let site: NewsSite;
let scratch: ReturnType<typeof scratchCopy>;
let running: { adapter: SlackAdapter; bot: Briefbot; eventsUrl: string } | undefined;
/** The bot's log lines (info and above), as JSON objects. */
let logged: { level: number; msg: string; err?: unknown }[] = [];
const botLogger = pino({ level: "info" }, { write: (line: string) => void logged.push(JSON.parse(line)) });

/** The site's feeds, in the order BRIEFBOT_FEEDS lists them. */
const FEEDS = ["/news.rss", "/desk.atom", "/slow.rss", "/front-page", "/locked.rss"];

function serveSite(): void {
  site.pages.set(
    "/news.rss",
    rss("Kyiv Wire Service", [
      {
        guid: "kws-1001",
        link: site.url("/2024/11/21/us-embassy-reopens"),
        title: "US Embassy in Kyiv reopens after air alert",
        date: "2024-11-21T09:00:00Z",
      },
    ]),
  );
  site.pages.set("/2024/11/21/us-embassy-reopens", EMBASSY_REOPENS);
  site.pages.set(
    "/desk.atom",
    atom("Iberia Desk", [
      {
        id: "tag:iberia.example,2024:spain-kyiv",
        link: site.url("/spain-reopens"),
        title: "Spain reopens its embassy in Kyiv",
        date: "2024-11-22T08:00:00Z",
      },
    ]),
  );
  site.pages.set("/spain-reopens", SPAIN_REOPENS);
  site.pages.set("/slow.rss", { hang: true });
  site.pages.set("/front-page", {
    type: "text/html",
    body: `<!doctype html><html><head><title>Front page</title><link rel="alternate" type="application/rss+xml" href="${site.url("/news.rss")}"></head><body><p>Today's news</p></body></html>`,
  });
  site.pages.set(
    "/locked.rss",
    rss("Locked Times", [
      {
        guid: "locked-1",
        link: site.url("/locked/embassies"),
        title: "Embassies weigh their next move",
        date: "2024-11-21T07:00:00Z",
      },
    ]),
  );
  site.pages.set("/locked/embassies", PAYWALL_STUB);
}

/** The real bot and Slack adapter over the scratch store, polling the site's feeds, as adapters/main.ts wires them. */
async function startBot(): Promise<Briefbot> {
  const config = slackConfigSchema.parse({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: fake.apiUrl,
  });
  const adapter = createSlackAdapter(config, silentLogger, { host: "127.0.0.1" });
  const bot = await createBriefbot({
    knowledgeDir: scratch.knowledgeDir,
    dbPath: scratch.dbPath,
    admins: [],
    curators: [`slack:${CURATOR}`],
    curatorChannel: { platform: "slack", id: `${TEAM_ID}:${CURATORS_CHANNEL}` },
    feeds: {
      urls: FEEDS.map((path) => site.url(path)),
      intervalMs: 60 * 60_000,
      draftsDir: join(scratch.knowledgeDir, "drafts"),
      timeoutMs: 3_000,
    },
    logger: botLogger,
    posters: adapter.poster ? [adapter.poster] : [],
  });
  await bot.start();
  await adapter.start(bot);
  running = { adapter, bot, eventsUrl: `http://127.0.0.1:${adapter.httpAddress()?.port}/slack/events` };
  // The first poll starts with the bot: wait for it.
  await bot.feeds?.idle();
  return bot;
}

async function stopBot() {
  await running?.adapter.stop();
  await running?.bot.stop();
  running = undefined;
}

beforeEach(async () => {
  logged = [];
  fake = await FakeSlack.start();
  site = await NewsSite.start();
  scratch = scratchCopy();
  serveSite();
  await startBot();
});

afterEach(async () => {
  await stopBot();
  await site.close();
  await fake.close();
  scratch.cleanup();
});

async function brief(text: string, userId: string) {
  const command = {
    ...fixture<Record<string, string>>("slash-command.json"),
    response_url: fake.responseUrl(),
    text,
    user_id: userId,
  };
  const res = await postSigned(running?.eventsUrl ?? "", slashCommandBody(command), FORM);
  expect(res.status).toBe(200);
  return (await res.json()) as { response_type: string; text: string };
}

/** What the bot posted in the curators' channel, one text per post. */
function curatorPosts(): string[] {
  return fake
    .callsOf("chat.postMessage")
    .filter((call) => call.args.channel === CURATORS_CHANNEL)
    .map((call) => String(call.args.text));
}

const drafts = () => readdirSync(join(scratch.knowledgeDir, "drafts")).filter((f) => f.endsWith(".yaml"));

/** `feeds`' line for a feed of the site. */
function lineFor(text: string, path: string): string {
  const line = text.split("\n").find((l) => l.includes(`${site.origin}${path} `));
  if (!line) throw new Error(`no line for ${path} in:\n${text}`);
  return line;
}

describe("feeds drafted for the curators, on Slack", () => {
  it("an RSS item and an Atom entry are each drafted into the drafts folder and announced once in the curators' channel", async () => {
    expect(drafts()).toHaveLength(2);
    const usDraft = drafts().find((f) => f.startsWith("kyiv-wire-service-2024-11-21"));
    expect(usDraft).toBeDefined();
    const yaml = parse(readFileSync(join(scratch.knowledgeDir, "drafts", usDraft ?? ""), "utf8"));
    expect(knowledgeFileSchema.safeParse(yaml).success).toBe(true);
    expect(yaml.timelines.map((t: { entity: string }) => t.entity)).toContain("us-embassy-kyiv");

    const posts = curatorPosts();
    expect(posts).toHaveLength(2);
    const us = posts.find((p) => p.includes("Kyiv Wire Service"));
    expect(us).toMatch(
      /^2 candidate changes .*from Kyiv Wire Service, 21 Nov 2024: review kyiv-wire-service-2024-11-21/,
    );
    expect(posts.find((p) => p.includes("Iberia Desk"))).toContain("22 Nov 2024: review");

    // A draft is not the base: the answer is what it was before the article.
    expect(running?.bot.ask("is the us embassy in kyiv open?").text).toMatch(/^No\./);
  });

  it("a restart on the same store fetches no article again, drafts nothing twice and announces nothing again", async () => {
    const before = drafts();
    const articleHits = site.hits("/2024/11/21/us-embassy-reopens") + site.hits("/spain-reopens");
    await stopBot();
    const bot = await startBot();
    // The new instance polls every feed at once, whatever the schedule: every item is known.
    for (const path of ["/news.rss", "/desk.atom"]) {
      const result = await bot.feeds?.pollFeed(site.url(path));
      expect(result).toMatchObject({ problem: null, drafted: [] });
    }
    expect(site.hits("/2024/11/21/us-embassy-reopens") + site.hits("/spain-reopens")).toBe(articleHits);
    expect(drafts()).toEqual(before);
    expect(curatorPosts()).toHaveLength(2);
  });

  it("a feed that times out or answers with an HTML page gets its one-line failure in feeds, and the other feeds still work", async () => {
    const refused = await brief("feeds", READER);
    expect(refused.text).toContain("Only briefbot curators can use feeds");
    expect(refused.text).not.toContain(site.origin);

    const listed = await brief("feeds", CURATOR);
    expect(listed.response_type).toBe("ephemeral");
    expect(listed.text).toMatch(/^Feeds polled every hour for new articles to draft \(5\):/);
    expect(lineFor(listed.text, "/news.rss")).toMatch(
      /last polled .* UTC · last success .* UTC · 1 item seen · ok$/,
    );
    expect(lineFor(listed.text, "/desk.atom")).toMatch(/1 item seen · ok$/);
    const slow = lineFor(listed.text, "/slow.rss");
    expect(slow).toContain("last success never");
    expect(slow).toContain("did not answer within 3 s");
    const front = lineFor(listed.text, "/front-page");
    expect(front).toContain("is an HTML page, not an RSS or Atom feed");
    expect(front).toContain(`the page names its feed at ${site.origin}/news.rss`);

    // The terminal's brief feeds reads the same store, while the bot runs.
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    stdout.on("data", (chunk) => {
      out += chunk;
    });
    const code = await runBrief(["feeds"], {
      stdout,
      stderr,
      stdin: new PassThrough(),
      env: {
        BRIEFBOT_DB_PATH: scratch.dbPath,
        BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir,
        BRIEFBOT_FEEDS: FEEDS.map((path) => site.url(path)).join(","),
        BRIEFBOT_FEED_INTERVAL: "1h",
        DATABASE_URL: "",
      },
    });
    expect(code).toBe(0);
    expect(lineFor(out, "/slow.rss")).toContain("did not answer within 3 s");
    expect(lineFor(out, "/news.rss")).toMatch(/1 item seen · ok$/);

    // Each failing feed is one warning line in the log, with no trace.
    const warnings = logged.filter((entry) => entry.level === 40).map((entry) => entry.msg);
    expect(warnings.filter((msg) => msg.includes("/slow.rss"))).toEqual([
      `feed: ${site.origin}/slow.rss did not answer within 3 s`,
    ]);
    expect(warnings.filter((msg) => msg.includes("/front-page"))).toHaveLength(1);
    expect(logged.some((entry) => entry.err !== undefined)).toBe(false);
  });

  it("an item whose page is a paywall stub is not drafted, says so in feeds, and is tried a few times only", async () => {
    const listed = await brief("feeds", CURATOR);
    const locked = lineFor(listed.text, "/locked.rss");
    expect(locked).toContain("last error: item not drafted:");
    expect(locked).toContain("has no article text");
    expect(drafts().some((f) => f.startsWith("locked-times"))).toBe(false);
    for (let i = 0; i < MAX_ITEM_ATTEMPTS + 2; i++)
      await running?.bot.feeds?.pollFeed(site.url("/locked.rss"));
    expect(site.hits("/locked/embassies")).toBe(MAX_ITEM_ATTEMPTS);
    expect(curatorPosts().some((p) => p.includes("Locked Times"))).toBe(false);
  });
});

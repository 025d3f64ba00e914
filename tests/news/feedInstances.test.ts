import { readdirSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter, slackConfigSchema } from "../../adapters/slack/index.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { runBrief } from "../../src/cli/brief.ts";
import { BOT_TOKEN, FakeSlack, TEAM_ID } from "../slack/support/fakeSlack.ts";
import { SIGNING_SECRET } from "../slack/support/signedRequest.ts";
import { silentLogger } from "../slack/support/startAdapter.ts";
import { createTestDatabase, skipPostgres } from "../support/postgres.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";
import { articlePage, atom, NewsSite, rss } from "./support/newsSite.ts";

const CURATORS_CHANNEL = "C0CURATORS";
/** Three articles in the RSS feed and two in the Atom feed, each its own page. */
const RSS_ITEMS = ["port", "rail", "border"];
const ATOM_ITEMS = ["bridge", "airport"];

function story(slug: string) {
  return articlePage({
    publisher: "Kyiv Wire Service",
    headline: `Embassy week ${slug} report`,
    published: "2024-11-21T09:00:00Z",
    paragraphs: [
      `The U.S. Embassy in Kyiv reopened on Thursday, the State Department said, in a ${slug} report filed after a day in which the mission closed because of a warning of a significant air attack.`,
      "Staff returned to work at the embassy building in the morning, and consular appointments that had been cancelled on Wednesday were offered again to applicants who had booked them earlier in the month.",
    ],
  });
}

describe.skipIf(skipPostgres)("two instances on one PostgreSQL polling the same feeds", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let site: NewsSite;
  let fake: FakeSlack;
  let scratch: ReturnType<typeof scratchCopy>;
  let bots: Briefbot[] = [];

  /** An instance as adapters/main.ts makes one: its own Slack poster, the shared database and drafts folder. */
  async function instance(id: string): Promise<Briefbot> {
    const config = slackConfigSchema.parse({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: "0",
      SLACK_API_URL: fake.apiUrl,
    });
    const adapter: SlackAdapter = createSlackAdapter(config, silentLogger, { host: "127.0.0.1" });
    return createBriefbot({
      knowledgeDir: scratch.knowledgeDir,
      dbPath: ":memory:",
      databaseUrl: database.url,
      instanceId: id,
      admins: [],
      curatorChannel: { platform: "slack", id: `${TEAM_ID}:${CURATORS_CHANNEL}` },
      feeds: {
        urls: [site.url("/news.rss"), site.url("/desk.atom")],
        intervalMs: 60_000,
        draftsDir: join(scratch.knowledgeDir, "drafts"),
        // Both instances run in this one process, so one's drafting holds up the other's fetches: the
        // bot's own 15 s, not a short limit, keeps a busy machine from timing an article out.
        timeoutMs: 15_000,
      },
      logger: silentLogger,
      posters: [adapter.poster],
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    site = await NewsSite.start();
    fake = await FakeSlack.start();
    scratch = scratchCopy();
    site.pages.set(
      "/news.rss",
      rss(
        "Kyiv Wire Service",
        RSS_ITEMS.map((slug) => ({
          guid: slug,
          link: site.url(`/${slug}`),
          title: slug,
          date: "2024-11-21T09:00:00Z",
        })),
      ),
    );
    site.pages.set(
      "/desk.atom",
      atom(
        "Kyiv Wire Service",
        ATOM_ITEMS.map((slug) => ({
          id: `urn:${slug}`,
          link: site.url(`/${slug}`),
          title: slug,
          date: "2024-11-21T09:00:00Z",
        })),
      ),
    );
    for (const slug of [...RSS_ITEMS, ...ATOM_ITEMS]) site.pages.set(`/${slug}`, story(slug));
    bots = [await instance("feeds-a"), await instance("feeds-b")];
  });

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await site.close();
    await fake.close();
    await database.drop();
    scratch.cleanup();
  });

  it("each feed's scheduled poll runs on one instance", async () => {
    const [a, b] = bots as [Briefbot, Briefbot];
    const results = await Promise.all([a.feeds?.pollDue(), b.feeds?.pollDue()]);
    // Each feed is claimed by one of the two (which one is a race); between them, every feed once.
    expect(
      results
        .flatMap((r) => r ?? [])
        .map((r) => r.url)
        .sort(),
    ).toEqual([site.url("/desk.atom"), site.url("/news.rss")].sort());
    expect(site.hits("/news.rss")).toBe(1);
    expect(site.hits("/desk.atom")).toBe(1);
  });

  it("when both poll every feed at once, each item is fetched, drafted and announced once", async () => {
    const [a, b] = bots as [Briefbot, Briefbot];
    // A second round, both instances at once and whatever the schedule: every item is already claimed.
    const urls = [site.url("/news.rss"), site.url("/desk.atom")];
    const again = await Promise.all(urls.flatMap((url) => [a.feeds?.pollFeed(url), b.feeds?.pollFeed(url)]));
    expect(again.flatMap((r) => r?.drafted ?? [])).toEqual([]);

    for (const slug of [...RSS_ITEMS, ...ATOM_ITEMS]) expect(site.hits(`/${slug}`), slug).toBe(1);
    const drafts = readdirSync(join(scratch.knowledgeDir, "drafts")).filter((f) => f.endsWith(".yaml"));
    expect(drafts).toHaveLength(RSS_ITEMS.length + ATOM_ITEMS.length);
    const posted = fake
      .callsOf("chat.postMessage")
      .filter((call) => call.args.channel === CURATORS_CHANNEL)
      .flatMap((call) => String(call.args.text).split("\n"))
      .filter((line) => line.includes(": review "));
    expect(posted).toHaveLength(RSS_ITEMS.length + ATOM_ITEMS.length);
    expect(new Set(posted.map((line) => line.split(": review ")[1])).size).toBe(posted.length);
  });

  it("with new items appearing, two instances polling at once draft each new one once", async () => {
    const [a, b] = bots as [Briefbot, Briefbot];
    const fresh = ["ferry", "metro", "power", "water"];
    site.pages.set(
      "/news.rss",
      rss(
        "Kyiv Wire Service",
        [...RSS_ITEMS, ...fresh].map((slug) => ({
          guid: slug,
          link: site.url(`/${slug}`),
          title: slug,
          date: "2024-11-21T09:00:00Z",
        })),
      ),
    );
    for (const slug of fresh) site.pages.set(`/${slug}`, story(slug));
    const url = site.url("/news.rss");
    const results = await Promise.all([
      a.feeds?.pollFeed(url),
      b.feeds?.pollFeed(url),
      a.feeds?.pollFeed(url),
    ]);
    expect(results.flatMap((r) => r?.drafted ?? [])).toHaveLength(fresh.length);
    for (const slug of fresh) expect(site.hits(`/${slug}`), slug).toBe(1);
    const records = await bots[0]?.feeds?.pollFeed(url);
    expect(records?.drafted).toEqual([]);
  });

  it("brief feeds reads what the instances recorded from PostgreSQL", async () => {
    const stdout = new PassThrough();
    let out = "";
    stdout.on("data", (chunk) => {
      out += chunk;
    });
    const code = await runBrief(["feeds"], {
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: {
        DATABASE_URL: database.url,
        BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir,
        BRIEFBOT_FEEDS: `${site.url("/news.rss")} ${site.url("/desk.atom")}`,
        BRIEFBOT_FEED_INTERVAL: "1m",
      },
    });
    expect(code).toBe(0);
    expect(out).toContain("Feeds polled every minute for new articles to draft (2):");
    expect(out).toMatch(/1\. http:\/\/127\.0\.0\.1:\d+\/news\.rss · .* · 7 items seen · ok/);
    expect(out).toMatch(/2\. http:\/\/127\.0\.0\.1:\d+\/desk\.atom · .* · 2 items seen · ok/);
  });
});

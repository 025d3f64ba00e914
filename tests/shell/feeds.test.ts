import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createShellAdapter } from "../../adapters/shell/shell.ts";
import { createBriefbot } from "../../src/bot.ts";
import { EMBASSY_REOPENS, NewsSite, rss } from "../news/support/newsSite.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";

let site: NewsSite;
let scratch: ReturnType<typeof scratchCopy>;

beforeEach(async () => {
  scratch = scratchCopy();
  site = await NewsSite.start();
  site.pages.set(
    "/news.rss",
    rss("Kyiv Wire Service", [
      {
        guid: "kws-1001",
        link: site.url("/us-reopens"),
        title: "US Embassy reopens",
        date: "2024-11-21T09:00:00Z",
      },
    ]),
  );
  site.pages.set("/us-reopens", EMBASSY_REOPENS);
});

afterEach(async () => {
  await site.close();
  scratch.cleanup();
});

describe("feeds in the terminal", () => {
  it("with no curators' channel, what a feed drafted is said in the terminal, and feeds lists the feed", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => {
      printed += chunk.toString();
    });
    const shell = createShellAdapter({ input, output, interactive: false, user: "tester" });
    const bot = await createBriefbot({
      knowledgeDir: scratch.knowledgeDir,
      dbPath: scratch.dbPath,
      admins: [],
      feeds: {
        urls: [site.url("/news.rss")],
        intervalMs: 60 * 60_000,
        draftsDir: join(scratch.dir, "drafts"),
      },
      logger: pino({ level: "silent" }),
      posters: shell.poster ? [shell.poster] : [],
    });
    await bot.start();
    await shell.start(bot);
    await bot.feeds?.idle();
    input.write("feeds\n");
    input.end();
    await shell.done;
    await bot.stop();
    expect(printed).toMatch(
      /^2 candidate changes .*from Kyiv Wire Service, 21 Nov 2024: review kyiv-wire-service/m,
    );
    expect(printed).toContain("Feeds polled every hour for new articles to draft (1):");
    expect(printed).toMatch(/1\. http:\/\/127\.0\.0\.1:\d+\/news\.rss · last polled .* · 1 item seen · ok/);
  });
});

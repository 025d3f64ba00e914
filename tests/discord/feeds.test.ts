import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type APIEmbed, MessageFlags } from "discord.js";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { EMBASSY_REOPENS, NewsSite, rss } from "../news/support/newsSite.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";
import { CHANNELS, USERS } from "./fake/world.ts";
import { DiscordHarness } from "./support/harness.ts";
import { PLACES } from "./support/newsroom.ts";

let harness: DiscordHarness;
let site: NewsSite;
let scratch: ReturnType<typeof scratchCopy>;
let bot: Briefbot;

/** The real bot over the scratch store, polling the site's feed; #desk-alerts is the curators' channel. */
async function startBot(): Promise<Briefbot> {
  const started = await createBriefbot({
    knowledgeDir: scratch.knowledgeDir,
    dbPath: scratch.dbPath,
    admins: [`discord:${USERS.admin.id}`],
    curators: [`discord:${USERS.editor.id}`],
    curatorChannel: { platform: "discord", id: CHANNELS.deskAlerts },
    feeds: {
      urls: [site.url("/news.rss"), site.url("/gone.rss")],
      intervalMs: 15 * 60_000,
      draftsDir: join(scratch.knowledgeDir, "drafts"),
      timeoutMs: 2_000,
    },
    logger: pino({ level: "silent" }),
    posters: [harness.adapter.poster],
  });
  await started.start();
  await started.feeds?.idle();
  return started;
}

beforeEach(async () => {
  scratch = scratchCopy();
  site = await NewsSite.start();
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
  harness = await DiscordHarness.create();
  bot = await startBot();
  await harness.adapter.start(bot);
});

afterEach(async () => {
  await harness.stop();
  await bot.stop();
  await site.close();
  scratch.cleanup();
});

/** What the bot posted in #desk-alerts, as the members read each embed's title and description. */
function deskAlerts(): string[] {
  return harness.fake.created
    .filter((m) => m.channel_id === CHANNELS.deskAlerts)
    .map((m) => {
      const [embed] = (m.embeds ?? []) as APIEmbed[];
      return `${embed?.title ?? m.content}\n${embed?.description ?? ""}`.replace(/\\(.)/g, "$1");
    });
}

describe("feeds drafted for the curators, on Discord", () => {
  it("a feed item is drafted and announced once in the curators' channel, also after a restart", async () => {
    const [post, ...others] = deskAlerts();
    expect(others).toEqual([]);
    expect(post).toMatch(
      /^2 candidate changes .*from Kyiv Wire Service, 21 Nov 2024: review kyiv-wire-service-2024-11-21/,
    );
    expect(readdirSync(join(scratch.knowledgeDir, "drafts"))).toHaveLength(1);

    await harness.adapter.stop();
    await bot.stop();
    bot = await startBot();
    await harness.adapter.start(bot);
    expect(await bot.feeds?.pollFeed(site.url("/news.rss"))).toMatchObject({ drafted: [] });
    expect(deskAlerts()).toHaveLength(1);
    expect(site.hits("/2024/11/21/us-embassy-reopens")).toBe(1);
  });

  it("/brief feeds shows each feed's state to curators only, a missing feed with its HTTP error", async () => {
    const refused = await harness.slash("reporter", PLACES.briefings, "feeds");
    const refusedText = JSON.stringify(refused.response.data);
    expect(refusedText).toContain("Only briefbot curators can use feeds");
    expect(refusedText).not.toContain("127.0.0.1");

    const { response } = await harness.slash("editor", PLACES.briefings, "feeds");
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    const [embed] = (response.data?.embeds ?? []) as APIEmbed[];
    const shown = `${embed?.title}\n${embed?.description ?? ""}`.replace(/\\(.)/g, "$1");
    expect(shown).toContain("Feeds polled every 15 minutes");
    const lines = shown.split("\n");
    expect(lines.find((l) => l.includes("/news.rss"))).toMatch(/1 item seen · ok$/);
    expect(lines.find((l) => l.includes("/gone.rss"))).toMatch(
      /last error: .*\/gone\.rss answered HTTP 404$/,
    );
  });
});

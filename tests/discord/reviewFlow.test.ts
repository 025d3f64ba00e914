import { type APIEmbed, type APIMessage, InteractionResponseType, MessageFlags } from "discord.js";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { reviewScratch } from "../support/reviewFixture.ts";
import { BOT_USER_ID, USERS } from "./fake/world.ts";
import { DiscordHarness } from "./support/harness.ts";
import { PLACES } from "./support/newsroom.ts";

const mention = `<@${BOT_USER_ID}>`;
let harness: DiscordHarness;
let bot: Briefbot;
let scratch: ReturnType<typeof reviewScratch>;

/** The real bot over the scratch base, drafts and SQLite file; the editor is a curator. */
async function startBot(): Promise<Briefbot> {
  const started = await createBriefbot({
    knowledgeDir: scratch.knowledgeDir,
    draftsDir: scratch.draftsDir,
    dbPath: scratch.dbPath,
    admins: [],
    curators: [`discord:${USERS.editor.id}`],
    logger: pino({ level: "silent" }),
    posters: [harness.adapter.poster],
  });
  await started.start();
  return started;
}

async function restart(): Promise<void> {
  await harness.adapter.stop();
  await bot.stop();
  bot = await startBot();
  await harness.adapter.start(bot);
}

beforeEach(async () => {
  scratch = reviewScratch();
  harness = await DiscordHarness.create();
  bot = await startBot();
  await harness.adapter.start(bot);
});

afterEach(async () => {
  await harness.stop();
  await bot.stop();
  scratch.cleanup();
});

const noticesIn = (channelId: string) =>
  harness.fake.messagesIn(channelId).filter((m) => m.content.startsWith("Status change:"));

const shown = (data: { content?: string; embeds?: APIEmbed[] } | undefined) => {
  const [embed] = data?.embeds ?? [];
  const text = embed ? `${embed.title}\n${embed.description ?? ""}` : String(data?.content ?? "");
  return text.replace(/\\(.)/g, "$1");
};

/** `/brief review` as the member sees it: its lines, and the custom ids of each item's buttons, in order. */
async function review(who: "editor" | "reporter") {
  const { response } = await harness.slash(who, PLACES.briefings, "review");
  expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
  const rows = (response.data?.components ?? []) as { components: { custom_id: string }[] }[];
  return {
    text: shown(response.data as { embeds?: APIEmbed[] }),
    lines: shown(response.data as { embeds?: APIEmbed[] })
      .split("\n")
      .filter((l) => /^\d+\. /.test(l)),
    rows: rows.map((row) => row.components.map((c) => c.custom_id)),
  };
}

/** The buttons of the item whose line names `name`. */
async function buttonsOf(name: string) {
  const list = await review("editor");
  const index = list.lines.findIndex((line) => line.includes(name));
  const row = list.rows[index];
  if (!row) throw new Error(`no buttons for ${name}`);
  const [approve, ...rest] = row;
  return {
    approve: String(approve),
    edit: rest.find((id) => id.includes(":edit:")),
    reject: String(rest.at(-1)),
  };
}

const message = { id: "1186300000000000999" } as Pick<APIMessage, "id">;

describe("reviewing drafts on Discord", () => {
  it("a curator approves one change and rejects another; the channel gets one notice, after the confirm; a restart loses nothing", async () => {
    const subscribed = await harness.replyTo(
      harness.say("editor", PLACES.briefings, `${mention} subscribe all`),
    );
    expect(subscribed.reply.content).toContain("now follows");

    expect((await review("reporter")).text).toContain("Only briefbot curators can use review");
    const first = await review("editor");
    expect(first.lines).toHaveLength(4);
    expect(first.text).toContain("Port of Alby: closed -> open, 19 Jan 2026 (Coast News, 20 Jan 2026, ¶1");
    expect(first.text).toContain('"The Port of Alby reopened on Monday."');
    const alby = await buttonsOf("Port of Alby: closed -> open");
    expect(alby.approve).toMatch(/^briefbot:rv:approve:c[0-9a-f]{7}$/);

    const refused = await harness.click("reporter", PLACES.briefings, message, alby.approve);
    expect(refused.data?.flags).toBe(MessageFlags.Ephemeral);
    expect(refused.data?.content).toContain("Only briefbot curators can use review");

    await restart();
    expect((await review("editor")).rows).toEqual(first.rows);

    const held = await harness.click("editor", PLACES.briefings, message, alby.approve);
    expect(held.data?.content).toContain("posts a notice to 1 channel");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(noticesIn(PLACES.briefings.channelId)).toEqual([]);

    const confirmed = await harness.slash("editor", PLACES.briefings, "confirm");
    expect(confirmed.response.data?.content).toContain("Approved by");
    await harness.fake.waitFor("the notice", () => noticesIn(PLACES.briefings.channelId)[0]);
    const [notice, ...others] = noticesIn(PLACES.briefings.channelId);
    expect(others).toEqual([]);
    expect(notice?.content).toContain("Port of Alby");
    // The notice cites the article and names the curator who approved it.
    const fields = Object.fromEntries((notice?.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Source).toContain("Coast News");
    expect(fields["Approved by"]).toBeTruthy();

    const brill = await buttonsOf("Port of Brill");
    const form = await harness.click("editor", PLACES.briefings, message, String(brill.edit));
    expect(form.type).toBe(InteractionResponseType.Modal);
    const formId = String(form.data?.custom_id);
    expect(formId).toMatch(/^briefbot:rvedit:c[0-9a-f]{7}$/);
    const edited = await harness.submit("editor", PLACES.briefings, formId, { state: "limited" });
    expect(edited.data?.content).toContain("Port of Brill: closed -> limited");
    // A reader's edit is refused.
    const notTheirs = await harness.submit("reporter", PLACES.briefings, formId, { state: "open" });
    expect(notTheirs.data?.content).toContain("Only briefbot curators");
    const rejected = await harness.click("editor", PLACES.briefings, message, brill.reject);
    expect(rejected.data?.content).toContain("Rejected");

    await restart();
    const left = await review("editor");
    expect(left.lines).toHaveLength(2);
    expect(left.text).not.toMatch(/Port of (Alby|Brill):/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(noticesIn(PLACES.briefings.channelId)).toHaveLength(1);
  });
});

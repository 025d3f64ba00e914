import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type APIEmbed, type APIMessage, InteractionResponseType, MessageFlags } from "discord.js";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { BOT_USER_ID, USERS } from "./fake/world.ts";
import { DiscordHarness } from "./support/harness.ts";
import { PLACES } from "./support/newsroom.ts";

const mention = `<@${BOT_USER_ID}>`;
const knowledgeDir = new URL("../../knowledge", import.meta.url).pathname;

let harness: DiscordHarness;
let bot: Briefbot;
let dir: string;

/** The real bot over the SQLite file in `dir`; the editor is a curator, the admin an admin. */
async function startBot(): Promise<Briefbot> {
  const started = await createBriefbot({
    knowledgeDir,
    dbPath: join(dir, "briefbot.db"),
    admins: [`discord:${USERS.admin.id}`],
    curators: [`discord:${USERS.editor.id}`],
    logger: pino({ level: "silent" }),
    posters: [harness.adapter.poster],
  });
  await started.start();
  return started;
}

/** The bot and its gateway connection stopped, and started again over the same file. */
async function restart(): Promise<void> {
  await harness.adapter.stop();
  await bot.stop();
  bot = await startBot();
  await harness.adapter.start(bot);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "briefbot-discord-curator-"));
  harness = await DiscordHarness.create();
  bot = await startBot();
  await harness.adapter.start(bot);
});

afterEach(async () => {
  await harness.stop();
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function ask(who: "reporter" | "editor", text: string): Promise<APIMessage> {
  return (await harness.replyTo(harness.say(who, PLACES.briefings, `${mention} ${text}`))).reply;
}

/** A curator's list as the member sees it: only to them, its title and lines. */
async function report(who: "reporter" | "editor" | "admin", subcommand: "gaps" | "feedback") {
  const { response } = await harness.slash(who, PLACES.briefings, subcommand);
  expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
  const [embed] = (response.data?.embeds ?? []) as APIEmbed[];
  const shown = embed ? `${embed.title}\n${embed.description ?? ""}` : String(response.data?.content);
  // As the member reads it: Markdown escapes are not shown.
  return shown.replace(/\\(.)/g, "$1");
}

/** The custom ids of the feedback buttons under a reply. */
function buttons(reply: APIMessage): string[] {
  const rows = (reply.components ?? []) as unknown as { components: { custom_id: string }[] }[];
  return rows.flatMap((row) => row.components.map((button) => button.custom_id));
}

describe("the curator's loop on Discord", () => {
  it("a declined question shows up in /brief gaps with its count, for curators only, and a restart keeps it", async () => {
    const declined = await ask("reporter", "is the British embassy open?");
    expect(declined.embeds[0]?.description).toContain("I don't have any reports on the British embassy");
    await ask("reporter", "is the british embassy open");
    await harness.slash("reporter", PLACES.briefings, "ask", { question: "British embassy open?" });

    expect(await report("reporter", "gaps")).toContain("Only briefbot curators can use gaps");
    const gaps = await report("editor", "gaps");
    expect(gaps).toContain(
      '1. 3× "is the british embassy open" · unknown-entity · not placed: the British embassy',
    );
    expect(gaps).toContain('also 1× "british embassy open"');
    expect(await report("admin", "gaps")).toContain('3× "is the british embassy open"');

    await restart();
    expect(await report("editor", "gaps")).toContain('3× "is the british embassy open"');
  });

  it("clicking wrong and giving a reason shows up in /brief feedback with the facts cited; a second vote replaces the first, also after a restart", async () => {
    const reply = await ask("reporter", "who is bridget brink");
    const [helpful, wrong] = buttons(reply);
    expect(helpful).toMatch(/^briefbot:fb:helpful:[a-f0-9]{32}$/);
    expect(wrong).toBe(helpful?.replace("helpful", "wrong"));
    const answerId = String(wrong).split(":").at(-1);

    const form = await harness.click("reporter", PLACES.briefings, reply, String(wrong));
    expect(form.type).toBe(InteractionResponseType.Modal);
    expect(form.data?.custom_id).toBe(`briefbot:why:${answerId}`);
    const thanks = await harness.submit("reporter", PLACES.briefings, `briefbot:why:${answerId}`, {
      reason: "She has been ambassador since May 2022",
    });
    expect(thanks.data).toMatchObject({ flags: MessageFlags.Ephemeral });
    expect(thanks.data?.content).toContain("the reason is recorded");

    expect(await report("reporter", "feedback")).toContain("Only briefbot curators can use feedback");
    const feedback = await report("editor", "feedback");
    expect(feedback).toContain("1 wrong, 0 helpful");
    expect(feedback).toContain('"who is bridget brink"');
    expect(feedback).toContain('reason: "She has been ambassador since May 2022"');
    expect(feedback).toContain("facts senate-approved-bridget-brink, bridget-brink-not-yet-arrived");

    await restart();
    expect(await report("editor", "feedback")).toContain("She has been ambassador since May 2022");
    const again = await harness.click("reporter", PLACES.briefings, reply, String(helpful));
    expect(again.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(again.data?.content).toContain("Your earlier vote on this answer is replaced: it is now helpful");
    expect(await report("editor", "feedback")).toContain("No answers marked wrong (0 wrong, 1 helpful");
  });

  it("a /brief ask answer carries the buttons too, and a vote on an answer no longer kept says so", async () => {
    const { response } = await harness.slash("reporter", PLACES.briefings, "ask", {
      question: "is the kyiv embassy open?",
    });
    const ids = (response.data?.components as { components: { custom_id: string }[] }[] | undefined)?.flatMap(
      (row) => row.components.map((b) => b.custom_id),
    );
    expect(ids).toHaveLength(2);
    const gone = await harness.click("reporter", PLACES.briefings, { id: "1" }, "briefbot:fb:wrong:0123abcd");
    expect(gone.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(gone.data?.content).toContain("older than the 90 days feedback is kept for");
  });
});

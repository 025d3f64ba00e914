import { spawn } from "node:child_process";
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../adapters/discord/limits.ts";
import { renderReply as renderDiscord } from "../../adapters/discord/render.ts";
import { translateMessage } from "../../adapters/discord/translate.ts";
import { render as renderShell } from "../../adapters/shell/render.ts";
import { terminalSafe } from "../../adapters/shell/shell.ts";
import { translate as translateShell } from "../../adapters/shell/translate.ts";
import { SLACK_LIMITS } from "../../adapters/slack/mrkdwn.ts";
import { renderReply as renderSlack } from "../../adapters/slack/renderReply.ts";
import { translateMention, translateSlashCommand } from "../../adapters/slack/translate.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import type { Reply } from "../../src/commands/reply.ts";
import { QueryEngine } from "../../src/engine/engine.ts";
import { preloadPlaces } from "../../src/engine/language/places.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { hasLoneSurrogate } from "../../src/text/clean.ts";
import { messageCreate } from "../discord/fake/eventPayloads.ts";
import { user } from "../discord/fake/guildPayloads.ts";
import { BOT_USER_ID, CHANNELS, GUILD_ID } from "../discord/fake/world.ts";
import { silentLogger } from "../subscriptions/fixtures.ts";
import { KNOWLEDGE_DIR, REPO_ROOT } from "../support/tempKnowledge.ts";
import { type HostileInput, hostileInputs } from "./generate.ts";

const IN_PROCESS = 10_000;
const THROUGH_SUBPROCESSES = 400;
/**
 * The longest one input may take through translate, the core and render: far above any answer's
 * time (the bench measures those), so that only a runaway input (a pattern that backtracks without
 * end, a loop over its length) fails it, even on a shared machine under load.
 */
const BOUND_MS = 5_000;
const NOW = new Date("2026-11-22T09:00:00Z");

const inputs = hostileInputs(IN_PROCESS);
const failures: string[] = [];
const counts = { cli: 0, shell: 0, slack: 0, discord: 0, subprocessCli: 0, subprocessShell: 0 };
let slowest = 0;

function fail(input: HostileInput, where: string, why: string): void {
  if (failures.length < 20)
    failures.push(`${where} [${input.kind}] ${JSON.stringify(input.text.slice(0, 80))}: ${why}`);
}

/** Every string inside a rendered message; `shown` leaves out button values, which Slack never displays. */
function strings(value: unknown, out: string[] = [], shown = false): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out, shown);
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value))
      if (!(shown && key === "value")) strings(item, out, shown);
  return out;
}

const SLACK_PING = /<!(?:channel|here|everyone|subteam)|<@[UW]/;
const DISCORD_PING = /@everyone|@here|<@[!&]?\d+>/;

function statusFor(input: HostileInput, reply: Reply, where: string): void {
  if (!input.garbage || reply.kind !== "answer") return;
  const answer = reply.answer;
  if (answer.answered && (answer.status || (answer.statuses ?? []).length > 0))
    fail(input, where, `garbage answered with a status: ${answer.text.slice(0, 80)}`);
}

function checkSlack(input: HostileInput, message: { text: string; blocks: unknown[] }): void {
  const all = strings(message);
  if (all.some(hasLoneSurrogate)) fail(input, "slack", "lone surrogate");
  if (strings(message, [], true).some((s) => SLACK_PING.test(s))) fail(input, "slack", "can ping");
  if (message.blocks.length > SLACK_LIMITS.blocksPerMessage) fail(input, "slack", "too many blocks");
  if (message.text.length > SLACK_LIMITS.fallbackText) fail(input, "slack", "fallback text too long");
  for (const block of message.blocks as { type: string; text?: { text: string }; elements?: unknown[] }[]) {
    if (block.text && block.text.text.length > SLACK_LIMITS.sectionText)
      fail(input, "slack", "section too long");
    if (block.type === "context" && (block.elements?.length ?? 0) > SLACK_LIMITS.contextElements)
      fail(input, "slack", "too many context elements");
    for (const element of (block.elements ?? []) as { value?: string }[])
      if (element.value && element.value.length > SLACK_LIMITS.buttonValue)
        fail(input, "slack", "button value too long");
  }
}

function checkDiscord(
  input: HostileInput,
  message: { content?: string; embeds?: APIEmbed[]; allowed_mentions?: unknown },
): void {
  const all = strings(message);
  if (all.some(hasLoneSurrogate)) fail(input, "discord", "lone surrogate");
  const mentions = message.allowed_mentions as
    | { parse?: unknown[]; roles?: unknown; users?: unknown }
    | undefined;
  if (!mentions || (mentions.parse ?? []).length > 0 || mentions.roles || mentions.users)
    fail(input, "discord", "allowed_mentions lets something ping");
  if (all.some((s) => DISCORD_PING.test(s))) fail(input, "discord", "mention text left in the message");
  if ((message.content?.length ?? 0) > LIMITS.content) fail(input, "discord", "content too long");
  let total = 0;
  for (const embed of message.embeds ?? []) {
    if ((embed.title?.length ?? 0) > LIMITS.title) fail(input, "discord", "title too long");
    if ((embed.description?.length ?? 0) > LIMITS.description) fail(input, "discord", "description too long");
    if ((embed.fields?.length ?? 0) > LIMITS.fields) fail(input, "discord", "too many fields");
    for (const field of embed.fields ?? []) {
      if (field.name.length > LIMITS.fieldName || field.value.length > LIMITS.fieldValue)
        fail(input, "discord", "field too long");
      total += field.name.length + field.value.length;
    }
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  }
  if (total > LIMITS.embedTotal) fail(input, "discord", "embeds over 6,000 characters");
}

function checkText(input: HostileInput, where: string, text: string): void {
  if (hasLoneSurrogate(text)) fail(input, where, "lone surrogate");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes are what must not get through.
  if (/[\u001B\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(text))
    fail(input, where, "control, escape or bidi character printed");
}

async function timed<T>(work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  slowest = Math.max(slowest, performance.now() - started);
  return result;
}

describe(`hostile input: ${IN_PROCESS} generated inputs in process, ${THROUGH_SUBPROCESSES} through real subprocesses`, () => {
  let bot: Briefbot;
  let engine: QueryEngine;
  beforeAll(async () => {
    // Limits far above this run's pace, so every input reaches the core instead of a polite refusal.
    const generous = { burst: 1_000_000, refillMs: 1 };
    bot = await createBriefbot({
      knowledgeDir: KNOWLEDGE_DIR,
      dbPath: ":memory:",
      admins: ["slack:UADMIN", "discord:402538212356866048"],
      logger: silentLogger,
      posters: [],
      clock: () => NOW,
      limits: { user: generous, channel: generous },
    });
    await bot.start();
    const loaded = loadKnowledgeBase(KNOWLEDGE_DIR);
    if (!loaded.ok) throw new Error("knowledge does not load");
    engine = new QueryEngine(loaded.base);
    // The running bot reads the place data once after start-up; the bound is per answer, not that read.
    preloadPlaces();
  });
  afterAll(async () => {
    await bot.stop();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `hostile inputs run: ${IN_PROCESS} generated, ${total} passes (CLI ${counts.cli}, shell ${counts.shell}, Slack ${counts.slack}, Discord ${counts.discord}, CLI subprocess ${counts.subprocessCli}, shell subprocess ${counts.subprocessShell}); slowest in-process pass ${slowest.toFixed(1)} ms`,
    );
  });

  it("through the CLI's engine, the shell, and both adapters' translate and render: no crash, no ping, within limits, within the bound", async () => {
    for (const [i, input] of inputs.entries()) {
      const answer = await timed(() => engine.ask(input.text, { now: NOW }));
      counts.cli++;
      checkText(input, "cli", answer.text);
      // `brief ask` has no commands: "update open …" asks whether something is open, so it may get a status.
      if (input.kind !== "malformed")
        statusFor(input, { kind: "answer", answer, text: answer.text, visibility: "public" }, "cli");

      const shellReply = await timed(async () => bot.handle(translateShell(input.text, "tester", NOW)));
      counts.shell++;
      checkText(input, "shell", terminalSafe(renderShell(shellReply)));
      statusFor(input, shellReply, "shell");

      // Slack: alternate slash commands and mentions, each from its own person and channel.
      const slackRequest =
        i % 2 === 0
          ? translateSlashCommand(
              {
                text: input.text,
                user_id: `U${i}`,
                team_id: "T1",
                channel_id: `C${i % 97}`,
                user_name: "hostile",
              },
              NOW,
            )
          : translateMention(
              { text: `<@UBOT> ${input.text}`, user: `U${i}`, channel: `C${i % 97}`, ts: "1.0" },
              "T1",
              "UBOT",
              NOW,
            );
      if (!slackRequest) throw new Error("a mention from a person must translate");
      const slackReply = await timed(() => bot.handle(slackRequest));
      counts.slack++;
      checkSlack(input, renderSlack(slackReply, { commandPrefix: "/brief ", shareQuestion: input.text }));
      statusFor(input, slackReply, "slack");

      const discordRequest = translateMessage(
        messageCreate({
          guildId: GUILD_ID,
          channelId: CHANNELS.briefings,
          author: user({
            id: String(402538212356866048n + BigInt(i)),
            username: "hostile",
            global_name: null,
          }),
          roles: [],
          content: `<@${BOT_USER_ID}> ${input.text}`,
          mentions: [user({ id: BOT_USER_ID, username: "briefbot", global_name: null, bot: true })],
        }),
        { botUserId: BOT_USER_ID, canManageSubscriptions: i % 3 === 0 },
      );
      if (!discordRequest) throw new Error("a mention of the bot must translate");
      const discordReply = await timed(() => bot.handle(discordRequest));
      counts.discord++;
      checkDiscord(input, renderDiscord(discordReply, { question: input.text }));
      statusFor(input, discordReply, "discord");
    }
    expect(failures).toEqual([]);
    expect(slowest).toBeLessThan(BOUND_MS);
    // Nothing hostile changed anything: no subscription, no chat update.
    expect(bot.subscriptions.chatUpdates()).toEqual([]);
  }, 300_000);

  it("cuts a reply of 4,000 flags and family emoji at both platforms' limits without splitting one", () => {
    // Long cuts on grapheme boundaries: a title or section cut at its limit keeps every emoji whole.
    const emoji = "🇺🇦👩‍👩‍👧‍👦".repeat(2_000);
    const answer = engine.ask("is the us embassy in kyiv open?", { now: NOW });
    const reply: Reply = {
      kind: "answer",
      answer: { ...answer, text: emoji },
      text: emoji,
      visibility: "public",
    };
    const discord = renderDiscord(reply, { question: emoji });
    checkDiscord({ kind: "emoji", text: emoji, garbage: false }, discord);
    checkSlack(
      { kind: "emoji", text: emoji, garbage: false },
      renderSlack(reply, { commandPrefix: "/brief " }),
    );
    // Each cut ends on a whole flag or family (joiners kept), then the ellipsis.
    expect(discord.embeds?.[0]?.title).toMatch(/(?:🇺🇦|👩‍👩‍👧‍👦)…$/u);
    expect(discord.embeds?.[0]?.description).toMatch(/(?:🇺🇦|👩‍👩‍👧‍👦)…$/u);
    expect(failures).toEqual([]);
  });

  it("through real subprocesses: `brief ask --jsonl` and the shell read every line and answer each", async () => {
    const sample = inputs
      .filter((input) => input.kind !== "huge")
      .slice(0, THROUGH_SUBPROCESSES)
      .map((input) => input.text.replace(/[\r\n\u2028\u2029\u0085]/g, " "));
    const cli = await pipe(["--import", "tsx", "src/cli/main.ts", "ask", "--jsonl"], sample);
    expect(cli.code).toBe(0);
    const answers = cli.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { text: string });
    expect(answers).toHaveLength(sample.length);
    counts.subprocessCli = answers.length;
    for (const answer of answers) expect(hasLoneSurrogate(answer.text)).toBe(false);

    const shell = await pipe(["--import", "tsx", "adapters/main.ts"], [...sample, "quit"], {
      BRIEFBOT_DB_PATH: ":memory:",
    });
    expect(shell.code).toBe(0);
    expect(shell.stderr).not.toMatch(/"level":50|Sorry, something went wrong/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no escape may reach the terminal.
    expect(shell.stdout).not.toMatch(/[\u001B\u202A-\u202E\u2066-\u2069]/);
    expect(hasLoneSurrogate(shell.stdout)).toBe(false);
    counts.subprocessShell = sample.filter((line) => line.trim() !== "").length;
  }, 120_000);
});

function pipe(
  args: string[],
  lines: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        BRIEFBOT_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
        LOG_LEVEL: "warn",
        BRIEFBOT_WATCH: "off",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    // Written as UTF-8; lone surrogates become U+FFFD on the way, as any terminal or pipe would send them.
    child.stdin.end(`${lines.join("\n")}\n`);
  });
}

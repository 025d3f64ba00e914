import { execFile } from "node:child_process";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShellAdapter } from "../../adapters/shell/shell.ts";
import { createSlackAdapter, slackConfigSchema } from "../../adapters/slack/index.ts";
import { createBriefbot } from "../../src/bot.ts";
import { BOT_TOKEN, FakeSlack } from "../slack/support/fakeSlack.ts";
import { fixture } from "../slack/support/fixtures.ts";
import { postSigned, SIGNING_SECRET, slashCommandBody } from "../slack/support/signedRequest.ts";
import { silentLogger } from "../slack/support/startAdapter.ts";
import { createTestDatabase, skipPostgres } from "../support/postgres.ts";
import { REPO_ROOT, scratchCopy } from "../support/tempKnowledge.ts";

const run = promisify(execFile);
const NOW = new Date("2026-11-22T09:00:00Z");
const ADMIN = "U0ADMIN001";
const QUESTION = "is the us embassy in kyiv open?";

/**
 * The same knowledge folder and the same store (the SQLite file the bot keeps), reached through
 * three entry points in turn, each as a person would use it: `brief ask` (the bin, a process of its
 * own), the shell adapter over a running bot, and `/brief` on a (fake) Slack over a running bot.
 */
const scratch = scratchCopy();
let slack: FakeSlack;
beforeAll(async () => {
  slack = await FakeSlack.start();
});
afterAll(async () => {
  await slack.close();
  scratch.cleanup();
});

async function viaBrief(question: string, databaseUrl = ""): Promise<{ answer: string; said: string }> {
  const { stdout, stderr } = await run(
    process.execPath,
    ["bin/brief.js", "ask", "--now", NOW.toISOString(), question],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir,
        BRIEFBOT_DB_PATH: scratch.dbPath,
        DATABASE_URL: databaseUrl,
      },
    },
  );
  return { answer: stdout.trim(), said: stderr.trim() };
}

/** Runs `lines` through the shell adapter over a bot on the scratch store; returns what it printed, a line each. */
async function viaShell(...lines: string[]): Promise<string[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk;
  });
  const shell = createShellAdapter({ input, output, interactive: false, clock: () => NOW, user: "tester" });
  const bot = await createBriefbot({
    knowledgeDir: scratch.knowledgeDir,
    dbPath: scratch.dbPath,
    admins: [],
    logger: silentLogger,
    posters: shell.poster ? [shell.poster] : [],
    clock: () => NOW,
  });
  await bot.start();
  await shell.start(bot);
  input.end(`${lines.join("\n")}\n`);
  await shell.done;
  await bot.stop();
  return printed.trim().split("\n");
}

/** Sends each text as `/brief <text>` from the admin through a fake Slack to a bot on the scratch store. */
async function viaSlack(...texts: string[]): Promise<string[]> {
  const config = slackConfigSchema.parse({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: "0",
    SLACK_API_URL: slack.apiUrl,
  });
  const adapter = createSlackAdapter(config, silentLogger, { host: "127.0.0.1", clock: () => NOW });
  const bot = await createBriefbot({
    knowledgeDir: scratch.knowledgeDir,
    dbPath: scratch.dbPath,
    admins: [`slack:${ADMIN}`],
    logger: silentLogger,
    posters: adapter.poster ? [adapter.poster] : [],
    clock: () => NOW,
  });
  await bot.start();
  await adapter.start(bot);
  const eventsUrl = `http://127.0.0.1:${adapter.httpAddress()?.port}/slack/events`;
  const replies: string[] = [];
  try {
    for (const text of texts) {
      const command = {
        ...fixture<Record<string, string>>("slash-command.json"),
        response_url: slack.responseUrl(),
        user_id: ADMIN,
        user_name: "olena",
        text,
      };
      const res = await postSigned(eventsUrl, slashCommandBody(command), "application/x-www-form-urlencoded");
      expect(res.status).toBe(200);
      replies.push(((await res.json()) as { text: string }).text);
    }
  } finally {
    await adapter.stop();
    await bot.stop();
  }
  return replies;
}

describe("one truth between the command line and the bot", () => {
  it("before the bot has run, brief answers from the knowledge files alone and says so", async () => {
    const { answer, said } = await viaBrief(QUESTION);
    expect(answer).toMatch(/^No\. The US Embassy in Kyiv was closed as of 20 Nov 2024/);
    expect(said).toMatch(/^brief: answering from .+ alone: there is no store at .+ \(BRIEFBOT_DB_PATH\) yet/);
  });

  it("after an update in the shell, brief ask, the shell and Slack give the same answer", async () => {
    const [recorded] = await viaShell("update us-embassy-kyiv open Staff back at work after the alert");
    expect(recorded).toMatch(/^Recorded: US Embassy in Kyiv is now open/);

    const brief = await viaBrief(QUESTION);
    const [shell] = await viaShell(QUESTION);
    const [onSlack] = await viaSlack(QUESTION);
    expect(brief.answer).toMatch(
      /^Yes\. The US Embassy in Kyiv is open as of 22 Nov 2026, per a chat report by tester/,
    );
    expect(shell).toBe(brief.answer);
    expect(onSlack).toBe(brief.answer);
    expect(brief.said).toMatch(
      /^brief: answering from .+ and the store at .+ \(BRIEFBOT_DB_PATH\), with 1 chat update$/,
    );
  });

  it("after an update in Slack, brief ask, the shell and Slack give the same answer", async () => {
    // Nobody follows the embassy, so the update is recorded at once, with no confirm.
    const [recorded, onSlack] = await viaSlack(
      "update us-embassy-kyiv limited Skeleton staff only",
      QUESTION,
    );
    expect(recorded).toMatch(/^Recorded: US Embassy in Kyiv is now limited/);

    const brief = await viaBrief(QUESTION);
    const [shell] = await viaShell(QUESTION);
    expect(brief.answer).toMatch(
      /^Only partly\. The US Embassy in Kyiv is operating on a limited basis as of 22 Nov 2026, per a chat report by olena/,
    );
    expect(shell).toBe(brief.answer);
    expect(onSlack).toBe(brief.answer);
    expect(brief.said).toMatch(/with 2 chat updates$/);
  });
});

describe.skipIf(skipPostgres)("one truth on PostgreSQL", () => {
  it("brief reads the chat updates a bot recorded in DATABASE_URL, and never prints the password", async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url);
    url.password = "s3cret-pass";
    try {
      const bot = await createBriefbot({
        knowledgeDir: scratch.knowledgeDir,
        dbPath: ":memory:",
        databaseUrl: database.url,
        admins: ["shell:tester"],
        logger: silentLogger,
        posters: [],
        clock: () => NOW,
      });
      await bot.start();
      const reply = await bot.handle({
        text: "update greece-embassy-kyiv open Consular staff back",
        channel: { platform: "shell", id: "terminal" },
        user: { platform: "shell", id: "tester", name: "tester" },
        canManageSubscriptions: true,
        now: NOW,
      });
      expect(reply.text).toMatch(/^Recorded: Greek Embassy in Kyiv is now open/);
      const fromBot = bot.ask("is the greek embassy in kyiv open?", NOW).text;
      await bot.stop();

      // Trust auth ignores the password; it is there to show it is never printed.
      const brief = await viaBrief("is the greek embassy in kyiv open?", url.toString());
      expect(brief.answer).toBe(fromBot);
      expect(brief.answer).toMatch(/^Yes\. The Greek Embassy in Kyiv is open as of 22 Nov 2026/);
      expect(brief.said).toMatch(
        /^brief: answering from .+ and the store at PostgreSQL at .+ \(DATABASE_URL\), with 1 chat update$/,
      );
      expect(brief.said).not.toContain("s3cret-pass");
    } finally {
      await database.drop();
    }
  });
});

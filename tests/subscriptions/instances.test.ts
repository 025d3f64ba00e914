import { afterAll, describe, expect, it } from "vitest";
import { openPostgresSubscriptionStore } from "../../src/subscriptions/postgres/postgresStore.ts";
import { createTestDatabase, skipPostgres } from "../support/postgres.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";
import { type BotProcess, startBot } from "./support/botProcess.ts";

const running: BotProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((bot) => bot.kill("SIGKILL")));
});

/** Asks `question` every half second until the answer matches: another instance's change arrives within the poll. */
async function askUntil(target: BotProcess, question: string, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 15_000;
  const from = target.stdout().length;
  while (!pattern.test(target.stdout().slice(from))) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${target.stdout().slice(from)}`);
    target.send(question);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function bot(env: Record<string, string>): BotProcess {
  const started = startBot(env);
  running.push(started);
  return started;
}

describe("when a second bot process is started on the SQLite file another one is using", () => {
  const scratch = scratchCopy();
  afterAll(() => scratch.cleanup());

  it("refuses to start with one line saying why and to use PostgreSQL, and the first keeps answering", async () => {
    const env = { BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir, BRIEFBOT_DB_PATH: scratch.dbPath };
    const first = bot(env);
    first.send("status us embassy in kyiv");
    await first.waitFor(/US Embassy in Kyiv/);

    const second = bot(env);
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    const lines = second.stderr().trim().split("\n");
    const last = lines.at(-1) ?? "";
    expect(last).toMatch(/another briefbot process is using .*briefbot\.db/);
    expect(last).toMatch(/DATABASE_URL=postgres/);
    expect(second.stderr()).not.toMatch(/\n\s+at /);
    expect(second.stdout()).toBe("");

    first.send("sources");
    await first.waitFor(/Washington Times[\s\S]*Washington Times/);
    await first.kill();
  }, 60_000);
});

describe.skipIf(skipPostgres)("when two bot processes share one PostgreSQL database", () => {
  const scratch = scratchCopy();
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  afterAll(async () => {
    await database?.drop();
    scratch.cleanup();
  });

  it("neither reverts the other's chat update, and each change is announced once", async () => {
    database = await createTestDatabase();
    const env = { BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir, DATABASE_URL: database.url };
    const a = bot({ ...env, BRIEFBOT_INSTANCE_ID: "a" });
    a.send("status us embassy in kyiv");
    await a.waitFor(/closed/);
    const b = bot({ ...env, BRIEFBOT_INSTANCE_ID: "b" });
    b.send("status us embassy in kyiv");
    await b.waitFor(/closed/);
    a.send("subscribe us embassy in kyiv");
    await a.waitFor(/now follows/);

    a.send("update us embassy kyiv limited Staff cut to a skeleton crew");
    await a.waitFor(/post a notice to 1 channel/);
    a.send("confirm");
    await a.waitFor(/now limited \(was closed\)/);
    // B reloads its files without having seen A's update in its own memory.
    b.child.kill("SIGHUP");
    await askUntil(b, "status us embassy in kyiv", /limited/);

    b.send("update us embassy kyiv open Back to full service");
    await b.waitFor(/post a notice to 1 channel/);
    b.send("confirm");
    await b.waitFor(/now open \(was limited\)/);
    a.child.kill("SIGHUP");
    await askUntil(a, "status us embassy in kyiv", /\bopen\b/);
    b.child.kill("SIGHUP");
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    await a.kill();
    await b.kill();
    const store = await openPostgresSubscriptionStore(database.url);
    try {
      const { statuses } = await store.announcements();
      expect(statuses.get("us-embassy-kyiv")?.state).toBe("open");
      const chat = await store.chatUpdates();
      expect(chat.map((update) => update.state)).toEqual(["limited", "open"]);
    } finally {
      await store.close();
    }
    const printed = a.stdout() + b.stdout();
    const notices = printed.match(/now \w+ \(was \w+\)/g) ?? [];
    expect(notices).toEqual(["now limited (was closed)", "now open (was limited)"]);
  }, 90_000);
});

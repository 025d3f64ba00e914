import { type ChildProcessByStdio, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresSubscriptionStore } from "../../src/subscriptions/postgres/postgresStore.ts";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "../../src/subscriptions/store.ts";
import { SubscriptionSystem } from "../../src/subscriptions/system.ts";
import { createTestDatabase, skipPostgres } from "../support/postgres.ts";
import { crashChannels, crashStatuses } from "./crash/scenario.ts";
import { alice, channel, silentLogger, tempDir } from "./fixtures.ts";

const childScript = join(import.meta.dirname, "crash", "child.ts");

interface Life {
  child: ChildProcessByStdio<null, Readable, Readable>;
  output: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startLife(store: string, postsFile: string, life: number): Life {
  const child = spawn(process.execPath, ["--import", "tsx", childScript, store, postsFile, String(life)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const state: Life = {
    child,
    output: "",
    exited: new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal }))),
  };
  child.stdout.on("data", (chunk) => {
    state.output += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    state.output += String(chunk);
  });
  return state;
}

async function waitFor(life: Life, text: string): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (!life.output.includes(text)) {
    if (life.child.exitCode !== null || Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

/** The epoch ms a life printed after `word` ("synced 1 <ms>"). */
function printedAt(life: Life, word: string): number {
  const match = new RegExp(`${word} \\d+ (\\d+)`).exec(life.output);
  if (!match?.[1]) throw new Error(`no "${word}" in ${life.output}`);
  return Number(match[1]);
}

interface Scenario {
  name: string;
  kills: number;
  /** Channels following the entity: enough that every kill lands mid-fan-out. */
  channels: number;
  /** The store the lives use (`sqlite:<file>` or a URL), and a way to open it in the test. */
  open: () => Promise<{
    spec: string;
    store: () => Promise<SubscriptionStore>;
    dispose: () => Promise<void>;
  }>;
}

const scenarios: Scenario[] = [
  {
    name: "SQLite",
    kills: 15,
    channels: crashChannels,
    open: async () => {
      const dir = tempDir();
      return {
        spec: `sqlite:${dir.dbPath}`,
        store: async () => openSqliteSubscriptionStore(dir.dbPath),
        dispose: async () => dir.cleanup(),
      };
    },
  },
  {
    name: "PostgreSQL",
    kills: 8,
    channels: crashChannels / 2,
    open: async () => {
      const database = await createTestDatabase();
      return {
        spec: database.url,
        store: () => openPostgresSubscriptionStore(database.url),
        dispose: database.drop,
      };
    },
  },
];

for (const scenario of scenarios) {
  // BRIEFBOT_TEST_POSTGRES=skip: the PostgreSQL scenario is reported as skipped.
  const describeScenario = skipPostgres && scenario.name === "PostgreSQL" ? describe.skip : describe;
  describeScenario(
    `when the bot on ${scenario.name} is SIGKILLed at random moments while fanning a notice out, and restarted each time`,
    () => {
      const dir = tempDir();
      const postsFile = join(dir.dir, "accepted-posts.tsv");
      let dispose: (() => Promise<void>) | undefined;
      afterAll(async () => {
        await dispose?.();
        dir.cleanup();
      });

      it("every channel has the notice within 15 s of the last restart, and every duplicate is the one post in flight at a kill", async () => {
        const opened = await scenario.open();
        dispose = opened.dispose;
        const store = await opened.store();
        const setup = await SubscriptionSystem.open({
          store,
          posters: [],
          logger: silentLogger,
          statuses: () => crashStatuses.before,
          clock: () => new Date(),
        });
        for (let index = 0; index < scenario.channels; index++) {
          await setup.subscribe(channel(index, "discord"), { kind: "all" }, alice, new Date());
        }
        await setup.sync(crashStatuses.before);
        await store.close();
        writeFileSync(postsFile, "");

        const killedLives = new Set<number>();
        let killedAt = 0;
        for (let life = 1; killedLives.size < scenario.kills; life++) {
          const running = startLife(opened.spec, postsFile, life);
          expect(await waitFor(running, "synced"), running.output).toBe(true);
          await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 60));
          killedAt = Date.now();
          if (running.child.exitCode === null && running.child.kill("SIGKILL")) killedLives.add(life);
          const exit = await running.exited;
          if (!killedLives.has(life)) {
            expect(exit.code, running.output).toBe(0);
            throw new Error(`the fan-out finished after only ${killedLives.size} kills; make it longer`);
          }
        }
        const last = startLife(opened.spec, postsFile, 0);
        expect((await last.exited).code, last.output).toBe(0);
        const ready = printedAt(last, "synced");

        const posts = readFileSync(postsFile, "utf8")
          .trim()
          .split("\n")
          .map((line, order) => {
            const [life, channelId, noticeId, deliveryId, nonce, , at] = line.split("\t");
            return { order, life: Number(life), channelId, noticeId, deliveryId, nonce, at: Number(at) };
          });
        const check = await opened.store();
        const { statuses } = await check.announcements();
        const noticeId = statuses.get("us-embassy-kyiv")?.noticeId;
        await check.close();
        expect(noticeId).toBeTruthy();

        const byChannel = new Map<string, typeof posts>();
        for (const post of posts)
          byChannel.set(post.channelId ?? "", [...(byChannel.get(post.channelId ?? "") ?? []), post]);
        expect(byChannel.size).toBe(scenario.channels);
        expect(posts.every((post) => post.noticeId === noticeId)).toBe(true);

        // Recovery: the last life posts everything still owed within its lease and a few pacing rounds
        // of being ready (the bound leaves room for a shared machine under load; the bench times it).
        const lastPosts = posts.filter((post) => post.life === 0);
        expect(lastPosts.length).toBeGreaterThan(0);
        const finishedAt = Math.max(...lastPosts.map((post) => post.at));
        expect(finishedAt - ready, "the restarted bot finished the fan-out within 15 s").toBeLessThan(15_000);

        const lastPostOfLife = new Map<number, number>();
        for (const post of posts) lastPostOfLife.set(post.life, post.order);
        let duplicates = 0;
        for (const channelPosts of byChannel.values()) {
          const final = channelPosts.at(-1);
          for (const earlier of channelPosts.slice(0, -1)) {
            duplicates += 1;
            expect(killedLives.has(earlier.life), `post ${earlier.order} came from a killed life`).toBe(true);
            expect(earlier.order, "it was the post in flight when that life was killed").toBe(
              lastPostOfLife.get(earlier.life),
            );
            expect(earlier.deliveryId).toBe(final?.deliveryId);
            expect(earlier.nonce, "the repeat carries the same nonce, so Discord drops it").toBe(
              final?.nonce,
            );
          }
        }
        expect(duplicates).toBeLessThanOrEqual(killedLives.size);
        console.info(
          `crash test (${scenario.name}): ${killedLives.size} kills, ${duplicates} duplicates, ` +
            `${posts.length} accepted posts, ${lastPosts.length} by the last life in ${finishedAt - ready} ms ` +
            `after it was ready (${ready - killedAt} ms after the last kill)`,
        );
      }, 120_000);
    },
  );
}

import { type ChildProcessByStdio, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import { SubscriptionSystem } from "../../src/subscriptions/system.ts";
import { crashChannels, crashStatuses } from "./crash/scenario.ts";
import { alice, channel, silentLogger, tempDir } from "./fixtures.ts";

const kills = 20;
const childScript = join(import.meta.dirname, "crash", "child.ts");

interface Life {
  child: ChildProcessByStdio<null, Readable, Readable>;
  output: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startLife(dbPath: string, postsFile: string, life: number): Life {
  const child = spawn(process.execPath, ["--import", "tsx", childScript, dbPath, postsFile, String(life)], {
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

describe("when the bot is SIGKILLed at random moments while fanning a notice out, and restarted each time", () => {
  const dir = tempDir();
  const postsFile = join(dir.dir, "accepted-posts.tsv");
  afterAll(() => dir.cleanup());

  it("no channel misses the notice, and every duplicate is the one post in flight at a kill", async () => {
    const store = openSqliteSubscriptionStore(dir.dbPath);
    const setup = await SubscriptionSystem.open({
      store,
      posters: [],
      logger: silentLogger,
      statuses: () => crashStatuses.before,
      clock: () => new Date(),
    });
    for (let index = 0; index < crashChannels; index++) {
      await setup.subscribe(channel(index, "discord"), { kind: "all" }, alice, new Date());
    }
    await setup.sync(crashStatuses.before);
    await store.close();
    writeFileSync(postsFile, "");

    const killedLives = new Set<number>();
    for (let life = 1; killedLives.size < kills; life++) {
      const running = startLife(dir.dbPath, postsFile, life);
      expect(await waitFor(running, "synced"), running.output).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 60));
      if (running.child.exitCode === null && running.child.kill("SIGKILL")) killedLives.add(life);
      const exit = await running.exited;
      if (!killedLives.has(life)) {
        expect(exit.code, running.output).toBe(0);
        throw new Error(`the fan-out finished after only ${killedLives.size} kills; make it longer`);
      }
    }
    const last = startLife(dir.dbPath, postsFile, 0);
    expect((await last.exited).code, last.output).toBe(0);

    const posts = readFileSync(postsFile, "utf8")
      .trim()
      .split("\n")
      .map((line, order) => {
        const [life, channelId, noticeId, deliveryId, nonce] = line.split("\t");
        return { order, life: Number(life), channelId, noticeId, deliveryId, nonce };
      });
    const db = new Database(dir.dbPath, { readonly: true });
    const notices = db.prepare("SELECT id FROM notices").pluck().all();
    const statuses = db.prepare("SELECT status, count(*) AS n FROM deliveries GROUP BY status").all();
    db.close();
    expect(notices).toHaveLength(1);
    expect(statuses).toEqual([{ status: "sent", n: crashChannels }]);

    const byChannel = new Map<string, typeof posts>();
    for (const post of posts)
      byChannel.set(post.channelId ?? "", [...(byChannel.get(post.channelId ?? "") ?? []), post]);
    expect(byChannel.size).toBe(crashChannels);
    expect(posts.every((post) => post.noticeId === notices[0])).toBe(true);

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
        expect(earlier.nonce, "the repeat carries the same nonce, so Discord drops it").toBe(final?.nonce);
      }
    }
    expect(duplicates).toBeLessThanOrEqual(killedLives.size);
    console.info(
      `crash test: ${killedLives.size} kills, ${duplicates} duplicates, ${posts.length} accepted posts`,
    );
  }, 90_000);
});

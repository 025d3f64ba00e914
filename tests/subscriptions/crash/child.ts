import { appendFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import type { Poster } from "../../../src/delivery/poster.ts";
import { openSqliteSubscriptionStore } from "../../../src/subscriptions/sqlite/sqliteStore.ts";
import { SubscriptionSystem } from "../../../src/subscriptions/system.ts";
import { crashDispatch, crashStatuses } from "./scenario.ts";

/**
 * One life of the bot in the crash test: sync (announcing the change on the first life), then
 * deliver until done. The parent SIGKILLs it at a random moment. The fake platform "accepts" a post
 * by appending it to `postsFile` before its response travels back, which is the duplicate window.
 */
const [dbPath, postsFile, life] = process.argv.slice(2);
if (!dbPath || !postsFile || !life) throw new Error("usage: child.ts <db> <posts file> <life>");

const platform: Poster = {
  platform: "discord",
  pacing: { perChannelIntervalMs: 0, globalPerSecond: 0 },
  async post(channel, notice, attempt) {
    await new Promise((resolve) => setImmediate(resolve));
    const fields = [life, channel.id, notice.id, attempt.deliveryId, attempt.nonce, attempt.attempt];
    appendFileSync(postsFile, `${fields.join("\t")}\n`);
    await sleep(2);
    return { kind: "sent", messageId: `${channel.id}-${attempt.nonce}` };
  },
};

const store = openSqliteSubscriptionStore(dbPath);
const system = await SubscriptionSystem.open({
  store,
  posters: [platform],
  logger: pino({ level: "silent" }),
  statuses: () => crashStatuses.after,
  clock: () => new Date(),
  dispatch: crashDispatch,
});
const synced = await system.sync(crashStatuses.after);
process.stdout.write(`synced ${synced.notices.length}\n`);
const report = await system.drain();
await store.close();
process.stdout.write(`drained ${report.sent}\n`);

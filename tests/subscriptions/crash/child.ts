import { appendFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import type { Poster } from "../../../src/delivery/poster.ts";
import { openPostgresSubscriptionStore } from "../../../src/subscriptions/postgres/postgresStore.ts";
import { openSqliteSubscriptionStore } from "../../../src/subscriptions/sqlite/sqliteStore.ts";
import { SubscriptionSystem } from "../../../src/subscriptions/system.ts";
import { crashDispatch, crashStatuses } from "./scenario.ts";

/**
 * One life of the bot in the crash test: sync (announcing the change on the first life), then
 * deliver until done. The parent SIGKILLs it at a random moment. The fake platform "accepts" a post
 * by appending it to `postsFile` before its response travels back, which is the duplicate window.
 * `store` is `sqlite:<file>` or a postgres:// URL; every life runs under one instance name.
 */
const [storeSpec, postsFile, life] = process.argv.slice(2);
if (!storeSpec || !postsFile || !life) throw new Error("usage: child.ts <store> <posts file> <life>");

const platform: Poster = {
  platform: "discord",
  pacing: { perChannelIntervalMs: 0, globalPerSecond: 0 },
  async post(channel, notice, attempt) {
    await new Promise((resolve) => setImmediate(resolve));
    const fields = [
      life,
      channel.id,
      notice.id,
      attempt.deliveryId,
      attempt.nonce,
      attempt.attempt,
      Date.now(),
    ];
    appendFileSync(postsFile, `${fields.join("\t")}\n`);
    await sleep(2);
    return { kind: "sent", messageId: `${channel.id}-${attempt.nonce}` };
  },
};

const store = storeSpec.startsWith("sqlite:")
  ? openSqliteSubscriptionStore(storeSpec.slice("sqlite:".length))
  : await openPostgresSubscriptionStore(storeSpec);
const system = await SubscriptionSystem.open({
  store,
  posters: [platform],
  logger: pino({ level: "silent" }),
  statuses: () => crashStatuses.after,
  clock: () => new Date(),
  dispatch: crashDispatch,
  instanceId: "crash-test-bot",
});
const synced = await system.sync(crashStatuses.after);
process.stdout.write(`synced ${synced.notices.length} ${Date.now()}\n`);
const report = await system.drain();
await store.close();
process.stdout.write(`drained ${report.sent} ${Date.now()}\n`);

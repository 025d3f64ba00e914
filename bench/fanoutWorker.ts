import { pino } from "pino";
import { createDiscordPoster, createPosterRest } from "../adapters/discord/poster.ts";
import { openPostgresSubscriptionStore } from "../src/subscriptions/postgres/postgresStore.ts";
import { SubscriptionSystem } from "../src/subscriptions/system.ts";

/**
 * One bot instance of the scale benchmark: the real dispatcher, the real Discord poster and REST
 * client, over the shared PostgreSQL store, posting to the fake platform until it is stopped.
 */
const [databaseUrl, apiUrl, instanceId, rateScale] = process.argv.slice(2);
if (!databaseUrl || !apiUrl || !instanceId || !rateScale)
  throw new Error("usage: fanoutWorker.ts <db> <api> <id> <scale>");

const logger = pino({ level: "silent" });
const token = "MTE4NjIxNDUzNjcyMjMxNzMxMg.GkQ0aB.benchTokenForTheFakePlatform0123456789ab";
const scale = Number(rateScale);
const poster = createDiscordPoster({ rest: createPosterRest(apiUrl, token, scale), token, logger });
const store = await openPostgresSubscriptionStore(databaseUrl);
const system = await SubscriptionSystem.open({
  store,
  posters: [poster],
  logger,
  statuses: () => [],
  clock: () => new Date(),
  instanceId,
  dispatch: { rateScale: scale },
  pollMs: 0,
});
system.start();
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void system
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});

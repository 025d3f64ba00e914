import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { config as loadDotenv } from "dotenv";
import type { Adapter } from "../src/adapter.ts";
import { createBriefbot, KnowledgeLoadError } from "../src/bot.ts";
import { createLogger } from "../src/logger.ts";
import { describeStoreProblem } from "../src/subscriptions/storeProblem.ts";
import { parseAppConfig } from "./config.ts";
import { createDiscordAdapter } from "./discord/adapter.ts";
import { isDiscordEnabled } from "./discord/config.ts";
import { createShellAdapter } from "./shell/shell.ts";
import { isSlackEnabled } from "./slack/config.ts";
import { createSlackAdapter } from "./slack/index.ts";

const USAGE = 'usage: npm start [-- --execute "<question or command>"]';

/**
 * Starts the bot: the chat platforms whose credentials are configured, or the shell adapter
 * in this terminal when there are none. `--execute` runs one line in the shell and exits.
 */
async function main(): Promise<number> {
  let execute: string | undefined;
  try {
    execute = parseArgs({ options: { execute: { type: "string", short: "e" } } }).values.execute;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  loadDotenv({ quiet: true });
  const parsed = parseAppConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.problems.join("\n")}\n`);
    return 1;
  }
  const { core, slack, discord, delivery } = parsed.value;
  const logger = createLogger(core.logLevel);
  const adapters: Adapter[] = [];
  if (isSlackEnabled(slack) && execute === undefined) adapters.push(createSlackAdapter(slack, logger));
  if (isDiscordEnabled(discord) && execute === undefined)
    adapters.push(createDiscordAdapter(discord, logger, { rateScale: delivery.rateScale }));
  const shell =
    adapters.length === 0
      ? createShellAdapter({
          input: execute === undefined ? process.stdin : Readable.from([`${execute}\n`]),
          output: process.stdout,
          interactive: execute === undefined && process.stdin.isTTY === true,
          onError: (error) => logger.error({ err: error }, "request failed"),
        })
      : undefined;
  if (shell) adapters.push(shell);
  logger.info({ adapters: adapters.map((a) => a.platform) }, "starting");
  let bot: Awaited<ReturnType<typeof createBriefbot>>;
  try {
    bot = await createBriefbot({
      knowledgeDir: core.knowledgeDir,
      dbPath: core.dbPath,
      ...(delivery.databaseUrl ? { databaseUrl: delivery.databaseUrl } : {}),
      ...(delivery.instanceId ? { instanceId: delivery.instanceId } : {}),
      dispatch: { rateScale: delivery.rateScale },
      admins: core.admins,
      logger,
      posters: adapters.flatMap((a) => (a.poster ? [a.poster] : [])),
      watch: core.watchKnowledge && execute === undefined,
    });
  } catch (error) {
    if (error instanceof KnowledgeLoadError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    const storeProblem = describeStoreProblem(error);
    if (storeProblem) {
      process.stderr.write(`${storeProblem}\n`);
      return 1;
    }
    throw error;
  }
  await bot.start();
  for (const adapter of adapters) await adapter.start(bot);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      for (const adapter of adapters) await adapter.stop();
      await bot.stop();
    })();
    return stopping;
  };
  process.on("SIGHUP", () => {
    void bot.reloadSafely();
  });
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
  if (shell) {
    await shell.done;
    if (execute !== undefined) await bot.subscriptions.drain();
    await stop();
  }
  return 0;
}

main().then((code) => {
  if (code !== 0) process.exitCode = code;
});

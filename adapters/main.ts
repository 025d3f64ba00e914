import { parseArgs } from "node:util";
import type { Adapter } from "../src/adapter.ts";
import { createBriefbot, KnowledgeLoadError } from "../src/bot.ts";
import { loadConfig } from "../src/config/load.ts";
import { createLogger } from "../src/logger.ts";
import { createShellAdapter } from "./shell/shell.ts";

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
  const config = loadConfig(process.env);
  if (!config.ok) {
    process.stderr.write(`${config.problems.join("\n")}\n`);
    return 1;
  }
  const logger = createLogger(config.value.logLevel);
  const shell = createShellAdapter({
    input: execute === undefined ? process.stdin : streamOf(execute),
    output: process.stdout,
    interactive: execute === undefined && process.stdin.isTTY === true,
  });
  const adapters: Adapter[] = [shell];
  let bot: Awaited<ReturnType<typeof createBriefbot>>;
  try {
    bot = await createBriefbot({
      knowledgeDir: config.value.knowledgeDir,
      dbPath: config.value.dbPath,
      admins: config.value.admins,
      logger,
      posters: adapters.flatMap((a) => (a.poster ? [a.poster] : [])),
      watch: config.value.watchKnowledge && execute === undefined,
    });
  } catch (error) {
    if (error instanceof KnowledgeLoadError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  await bot.start();
  for (const adapter of adapters) await adapter.start(bot);
  const stop = async () => {
    for (const adapter of adapters) await adapter.stop();
    await bot.stop();
  };
  process.on("SIGHUP", () => {
    void bot.reload();
  });
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
  await shell.done;
  if (execute !== undefined) await bot.subscriptions.drain();
  await stop();
  return 0;
}

async function* lines(text: string) {
  yield `${text}\n`;
}

function streamOf(text: string): NodeJS.ReadableStream {
  return ReadableFrom(lines(text));
}

import { Readable } from "node:stream";

const ReadableFrom = (source: AsyncIterable<string>) => Readable.from(source);

main().then((code) => {
  process.exitCode = code;
});

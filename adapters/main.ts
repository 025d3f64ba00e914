import { createWriteStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable, Writable } from "node:stream";
import { config as loadDotenv } from "dotenv";
import type { Logger } from "pino";
import { pino } from "pino";
import pretty from "pino-pretty";
import type { Adapter } from "../src/adapter.ts";
import { type Briefbot, createBriefbot, KnowledgeLoadError } from "../src/bot.ts";
import { preloadPlacesInSteps } from "../src/engine/language/places.ts";
import { failureLine, OperatorError, redactSecrets, secretValues } from "../src/failure.ts";
import { createLogger } from "../src/logger.ts";
import { draftsDir } from "../src/news/draftFile.ts";
import { handleOps, type OpsEndpoints, startOpsServer } from "../src/ops/healthServer.ts";
import { BotMetrics } from "../src/ops/metrics.ts";
import { runInSlices } from "../src/runtime/steps.ts";
import { databaseFailure, isDatabaseError } from "../src/subscriptions/sqlite/databaseErrors.ts";
import { describeStoreProblem } from "../src/subscriptions/storeProblem.ts";
import { parseAppConfig } from "./config.ts";
import { createDiscordAdapter } from "./discord/adapter.ts";
import { isDiscordEnabled } from "./discord/config.ts";
import { createShellAdapter } from "./shell/shell.ts";
import { isSlackEnabled } from "./slack/config.ts";
import { createSlackAdapter, type SlackAdapter } from "./slack/index.ts";

const USAGE = 'usage: npm start [-- --execute "<question or command>"]';

/** The longest a SIGTERM or SIGINT may take: stop taking work, finish or release deliveries, close the store. */
export const SHUTDOWN_LIMIT_MS = 10_000;
/** The longest a one-shot `--execute` waits to post the notices its own line queued. */
const EXECUTE_DRAIN_MS = 15_000;

/** `--execute <line>` (or `-e`, or `--execute=<line>`): the line is taken as is, even when it starts with "-". */
export function parseMainArgs(argv: string[]): { ok: true; execute?: string } | { ok: false } {
  if (argv.length === 0) return { ok: true };
  const [flag, value, ...rest] = argv;
  if (flag?.startsWith("--execute=") && argv.length === 1) return { ok: true, execute: flag.slice(10) };
  if ((flag === "--execute" || flag === "-e") && value !== undefined && rest.length === 0)
    return { ok: true, execute: value };
  return { ok: false };
}

let secrets: string[] = [];
const say = (line: string) => process.stderr.write(`${redactSecrets(line, secrets)}\n`);

/**
 * Starts the bot: the chat platforms whose credentials are configured, or the shell adapter in
 * this terminal when there are none. `--execute` runs one line in the shell and exits. Every
 * failure ends with one line on stderr and a non-zero exit; its trace goes to the debug log.
 */
async function main(): Promise<number> {
  const args = parseMainArgs(process.argv.slice(2));
  if (!args.ok) {
    say(USAGE);
    return 2;
  }
  const execute = args.execute;
  loadDotenv({ quiet: true });
  secrets = secretValues(process.env);
  const parsed = parseAppConfig(process.env);
  if (!parsed.ok) {
    say(parsed.problems.join("\n"));
    return 1;
  }
  const { core, slack, discord, delivery } = parsed.value;
  const platforms = execute === undefined && (isSlackEnabled(slack) || isDiscordEnabled(discord));
  const interactive = !platforms && execute === undefined && process.stdin.isTTY === true;
  const history: string[] = [];
  let shellLog: { write(text: string): void } | undefined;
  // A person reads this terminal: warnings above the prompt, or, for --execute, on stderr, never JSON.
  const toTerminal = interactive || (execute !== undefined && process.stderr.isTTY === true);
  const logger = buildLogger(core.logLevel, core.logFile, toTerminal, (text) =>
    interactive ? shellLog?.write(text) : process.stderr.write(text),
  );
  try {
    return await run(logger, { execute, interactive, history, setShellLog: (log) => (shellLog = log) });
  } catch (error) {
    logger.debug({ err: error }, "start-up failed");
    say(describeStoreProblem(error) ?? failureLine(error, "briefbot start-up"));
    return 1;
  } finally {
    logger.flush?.();
  }

  async function run(
    logger: Logger,
    shellOptions: {
      execute: string | undefined;
      interactive: boolean;
      history: string[];
      setShellLog(log: { write(text: string): void }): void;
    },
  ): Promise<number> {
    let ops: OpsEndpoints | undefined;
    const opsRoute = (req: IncomingMessage, res: ServerResponse) =>
      ops ? handleOps(ops, req, res) : Promise.resolve(false);
    const adapters: Adapter[] = [];
    let slackAdapter: SlackAdapter | undefined;
    if (isSlackEnabled(slack) && execute === undefined) {
      slackAdapter = createSlackAdapter(slack, logger, { ops: opsRoute });
      adapters.push(slackAdapter);
    }
    if (isDiscordEnabled(discord) && execute === undefined)
      adapters.push(createDiscordAdapter(discord, logger, { rateScale: delivery.rateScale }));
    const shell =
      adapters.length === 0
        ? createShellAdapter({
            input: execute === undefined ? process.stdin : Readable.from([`${execute}\n`]),
            output: process.stdout,
            interactive: shellOptions.interactive,
            history: shellOptions.history,
            onError: (error) => logger.error({ err: error }, "request failed"),
          })
        : undefined;
    if (shell) {
      adapters.push(shell);
      if (shellOptions.interactive) shellOptions.setShellLog(shell.log);
    }
    logger.info({ adapters: adapters.map((a) => a.platform) }, "starting");
    let bot: Briefbot | undefined;
    const started: Adapter[] = [];
    const metrics = new BotMetrics(async () => (bot ? bot.outboxStats() : null));
    ops = {
      metrics,
      readiness: async () => ({
        knowledge: bot !== undefined,
        store: bot ? await bot.storeReachable() : false,
        ...Object.fromEntries(adapters.map((a) => [a.platform, a.ready ? a.ready() : started.includes(a)])),
      }),
    };
    // Health and metrics on PORT at once, while the knowledge loads: /readyz says not ready until it has.
    // On Slack's own server in HTTP mode once it listens; until then on one of their own.
    let opsServer: { close(): Promise<void> } | undefined;
    if (platforms) opsServer = await listenForOps(ops, slack.PORT);
    // A signal while the knowledge loads stops the process too, with nothing to hand back.
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        for (const adapter of started) await adapter.stop().catch(() => {});
        await opsServer?.close();
        await bot?.stop();
      })();
      return stopping;
    };
    const shutdown = (signal: string) => {
      logger.info({ signal }, "stopping");
      const limit = setTimeout(() => {
        say(
          `briefbot did not stop within ${SHUTDOWN_LIMIT_MS / 1000} s of ${signal}; exiting anyway (claimed deliveries are posted after their lease ends)`,
        );
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS);
      limit.unref();
      void stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.debug({ err: error }, "shutdown failed");
          say(failureLine(error, "briefbot shutdown"));
          process.exit(1);
        },
      );
    };
    process.once("SIGINT", () => shutdown("SIGINT"));
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    try {
      bot = await createBriefbot({
        knowledgeDir: core.knowledgeDir,
        ...(core.draftsDir ? { draftsDir: core.draftsDir } : {}),
        dbPath: core.dbPath,
        ...(delivery.databaseUrl ? { databaseUrl: delivery.databaseUrl } : {}),
        ...(delivery.instanceId ? { instanceId: delivery.instanceId } : {}),
        dispatch: { rateScale: delivery.rateScale },
        admins: core.admins,
        curators: core.curators,
        retentionDays: core.retentionDays,
        ...(core.curatorChannel ? { curatorChannel: core.curatorChannel } : {}),
        feeds: {
          urls: core.feeds,
          intervalMs: core.feedIntervalMs,
          draftsDir: draftsDir(core.knowledgeDir, process.env),
        },
        logger,
        posters: adapters.flatMap((a) => (a.poster ? [a.poster] : [])),
        watch: core.watchKnowledge && execute === undefined,
        background: execute === undefined,
        oneShot: execute !== undefined,
        metrics,
      });
    } catch (error) {
      await opsServer?.close();
      if (error instanceof KnowledgeLoadError) {
        say(error.message);
        return 1;
      }
      throw error;
    }
    const running = bot;
    process.on("SIGHUP", () => {
      void running.reloadSafely();
    });
    try {
      await running.start();
      if (slackAdapter && slackAdapter.mode === "http") {
        // Slack's server takes PORT over, with the same health paths.
        await opsServer?.close();
        opsServer = undefined;
      }
      for (const adapter of adapters) {
        await adapter.start(running);
        started.push(adapter);
      }
      // The place data is read once, now, in slices between questions, rather than by the first
      // question that names a place.
      if (execute === undefined) setTimeout(() => void runInSlices(preloadPlacesInSteps()), 100).unref();
    } catch (error) {
      await stop().catch(() => {});
      throw error;
    }
    if (shell) {
      await shell.done;
      // A one-shot run posts what its own line queued, within a bound, and never waits on others' deliveries.
      let failed = running.storeFailures.at(-1);
      if (execute !== undefined && running.subscriptions.deliveriesQueued > 0) {
        try {
          await running.subscriptions.drain({ until: Date.now() + EXECUTE_DRAIN_MS });
        } catch (error) {
          if (!isDatabaseError(error)) throw error;
          logger.debug({ err: error }, "delivery failed");
          failed = `${databaseFailure(error, core.dbPath, "use").message}; the notices are posted by the next run`;
        }
      }
      await stop();
      // The reply said nothing changed; the exit code and one line on stderr say why.
      if (execute !== undefined && failed) {
        say(failed);
        return 1;
      }
    }
    return 0;
  }
}

/** The ops server on `port`, or one line saying to pick a free port. */
function listenForOps(ops: OpsEndpoints, port: number): Promise<{ close(): Promise<void> }> {
  return startOpsServer(ops, port).catch((error: NodeJS.ErrnoException) => {
    throw new OperatorError(
      `cannot listen on PORT ${port} (${error.code ?? error.name}): set PORT to a free port`,
      { cause: error },
    );
  });
}

/**
 * JSON lines on stderr, except for a person at a terminal: then BRIEFBOT_LOG_FILE takes every
 * line, or, without one, warnings and errors are pretty-printed (above the prompt in the shell).
 */
function buildLogger(
  level: string,
  file: string | undefined,
  interactive: boolean,
  toShell: (text: string) => void,
): Logger {
  if (file) return createLogger(level, createWriteStream(file, { flags: "a" }), secrets);
  if (!interactive) return createLogger(level, pino.destination(2), secrets);
  const levels = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];
  const shown = levels.indexOf(level) >= levels.indexOf("warn") ? level : "warn";
  const stream = pretty({
    colorize: process.stdout.isTTY === true,
    singleLine: true,
    ignore: "pid,hostname",
    hideObject: true,
    translateTime: "HH:MM:ss",
    sync: true,
    destination: new Writable({
      write(chunk, _encoding, done) {
        toShell(String(chunk));
        done();
      },
    }),
  });
  return createLogger(shown, stream, secrets);
}

process.on("uncaughtException", (error) => {
  say(failureLine(error, "briefbot"));
  process.exit(1);
});
process.on("unhandledRejection", (error) => {
  say(failureLine(error, "briefbot"));
  process.exit(1);
});

main().then((code) => {
  if (code !== 0) process.exitCode = code;
});

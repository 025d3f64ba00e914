import { type ChildProcessByStdio, spawn } from "node:child_process";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { REPO_ROOT } from "../../support/tempKnowledge.ts";

/** A real bot process (`adapters/main.ts`, as `npm start` runs it), its output collected. */
export interface BotProcess {
  child: ChildProcessByStdio<Writable, Readable, Readable>;
  stdout: () => string;
  stderr: () => string;
  /** Types a line into the shell adapter (when no platform is configured). */
  send: (line: string) => void;
  /** Resolves with the output once `pattern` matches stdout (or stderr with `stream`), or throws after `timeoutMs`. */
  waitFor: (
    pattern: RegExp,
    options?: { timeoutMs?: number; stream?: "stdout" | "stderr" },
  ) => Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Platform keys a developer's environment might hold; a test bot gets only what the test gives it. */
const cleared = [
  "SLACK_BOT_TOKEN",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_API_URL",
  "DISCORD_TOKEN",
  "DISCORD_API_URL",
  "DISCORD_APPLICATION_ID",
  "DISCORD_GUILD_ID",
  "DATABASE_URL",
  "BRIEFBOT_ADMINS",
];

export function startBot(env: Record<string, string>): BotProcess {
  const base = { ...process.env };
  for (const key of cleared) delete base[key];
  const child = spawn(
    process.execPath,
    ["--v8-pool-size=1", "--import", "tsx", path.join(REPO_ROOT, "adapters", "main.ts")],
    {
      cwd: REPO_ROOT,
      env: { ...base, BRIEFBOT_WATCH: "off", LOG_LEVEL: "info", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => {
    out += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    err += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const bot: BotProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    send: (line) => child.stdin.write(`${line}\n`),
    // Checks on each chunk of output the bot writes; gives up once its output has ended, or after `timeoutMs`.
    waitFor: (pattern, options = {}) => {
      const stream = options.stream === "stderr" ? child.stderr : child.stdout;
      const read = () => (options.stream === "stderr" ? err : out);
      return new Promise<string>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(read())) return false;
          finish();
          resolve(read());
          return true;
        };
        const fail = () => {
          if (check()) return;
          finish();
          reject(new Error(`no ${pattern} from the bot; stdout:\n${out}\nstderr:\n${err.slice(-3000)}`));
        };
        const timer = setTimeout(fail, options.timeoutMs ?? 60_000);
        const finish = () => {
          clearTimeout(timer);
          stream.off("data", check);
          child.off("close", fail);
        };
        // Listeners added after the collecting one: each chunk is in `out` or `err` when checked.
        stream.on("data", check);
        child.on("close", fail);
        if (!check() && (child.exitCode !== null || child.signalCode !== null)) fail();
      });
    },
    exited,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return bot;
}

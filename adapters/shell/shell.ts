import { userInfo } from "node:os";
import { createInterface, type Interface } from "node:readline";
import type { Adapter, BotCore } from "../../src/adapter.ts";
import type { Poster } from "../../src/delivery/poster.ts";
import { SHELL_WORDS } from "../../src/messages/catalogue.ts";
import { stripUnsafe } from "../../src/text/clean.ts";
import { render, renderNotice } from "./render.ts";
import { translate } from "./translate.ts";

export interface ShellOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Show a prompt and a greeting (a person at a terminal) or not (a pipe). */
  interactive: boolean;
  clock?: () => Date;
  user?: string;
  /** Called when input ends or the person types quit. */
  onClose?: () => void;
  /** Told about a request the core failed on; the person sees only an apology. */
  onError?: (error: unknown) => void;
  /** Interactive only: lines of earlier sessions for the up-arrow, oldest first; new lines are appended. */
  history?: string[];
}

const QUIT_WORDS = new Set(["quit", "exit", ":q"]);

/** What the shell itself says, as opposed to the core's replies: from the bot's one catalogue. */
export const SHELL_MESSAGES = SHELL_WORDS;

/** The terminal as a chat channel: one line in, one reply out; notices print as they arrive. */
export function createShellAdapter(options: ShellOptions): Adapter & {
  done: Promise<void>;
  /** Where log lines go while the shell runs: printed above the prompt, never between a question and its answer. */
  log: { write(text: string): void };
} {
  const clock = options.clock ?? (() => new Date());
  const user = options.user ?? safeUserName();
  let lines: Interface | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let busy = false;
  const held: string[] = [];
  const write = (text: string) => options.output.write(`${terminalSafe(text)}\n`);
  const prompt = () => {
    if (!options.interactive) return;
    if (lines && isTerminal(options)) lines.prompt(true);
    else options.output.write("> ");
  };
  /** Prints something that did not answer the person's line (a notice, a log line) without breaking their typing. */
  const aside = (text: string) => {
    if (busy) {
      held.push(text);
      return;
    }
    if (lines && isTerminal(options)) {
      const out = options.output as NodeJS.WriteStream;
      out.write("\r\u001b[2K");
      write(text);
      lines.prompt(true);
    } else write(text);
  };

  const poster: Poster = {
    platform: "shell",
    pacing: { perChannelIntervalMs: 0, globalPerSecond: 1_000 },
    async post(_channel, notice) {
      aside(renderNotice(notice));
      return { kind: "sent" };
    },
    // What the feeds drafted: the person at the terminal is the curator.
    async postReport(_channel, report) {
      aside([report.title, ...report.lines.map((line) => `  ${line}`)].join("\n"));
      return { kind: "sent" };
    },
  };

  return {
    platform: "shell",
    poster,
    done,
    log: { write: (text: string) => aside(text.replace(/\n+$/, "")) },
    async start(bot: BotCore) {
      lines = isTerminal(options)
        ? createInterface({
            input: options.input,
            output: options.output,
            terminal: true,
            prompt: "> ",
            history: [...(options.history ?? [])].reverse(),
            historySize: 1_000,
            removeHistoryDuplicates: true,
          })
        : createInterface({ input: options.input, terminal: false });
      if (options.interactive) {
        write(SHELL_MESSAGES.greeting);
        prompt();
      }
      let queue = Promise.resolve();
      lines.on("line", (line) => {
        queue = queue.then(async () => {
          const text = line.trim();
          if (QUIT_WORDS.has(text.toLowerCase())) {
            lines?.close();
            return;
          }
          if (text) {
            options.history?.push(text);
            busy = true;
            try {
              write(render(await bot.handle(translate(text, user, clock()))));
            } catch (error) {
              options.onError?.(error);
              write(SHELL_MESSAGES.failed);
            } finally {
              busy = false;
            }
            for (const waiting of held.splice(0)) write(waiting);
          }
          prompt();
        });
      });
      lines.on("close", () => {
        void queue.then(() => {
          options.onClose?.();
          finish();
        });
      });
    },
    async stop() {
      lines?.close();
    },
  };
}

/** A real terminal on both ends: readline then edits lines and keeps history. */
function isTerminal(options: ShellOptions): boolean {
  return (
    options.interactive &&
    (options.input as NodeJS.ReadStream).isTTY === true &&
    (options.output as NodeJS.WriteStream).isTTY === true
  );
}

/** Terminal escapes, control and bidi characters removed from every line printed; line breaks kept. */
export function terminalSafe(text: string): string {
  return text.split("\n").map(stripUnsafe).join("\n");
}

function safeUserName(): string {
  try {
    return userInfo().username || "terminal";
  } catch {
    return "terminal";
  }
}

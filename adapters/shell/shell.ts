import { userInfo } from "node:os";
import { createInterface, type Interface } from "node:readline";
import type { Adapter, BotCore } from "../../src/adapter.ts";
import type { Poster } from "../../src/delivery/poster.ts";
import { SHELL_WORDS } from "../../src/messages/catalogue.ts";
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
}

const QUIT_WORDS = new Set(["quit", "exit", ":q"]);

/** What the shell itself says, as opposed to the core's replies: from the bot's one catalogue. */
export const SHELL_MESSAGES = SHELL_WORDS;

/** The terminal as a chat channel: one line in, one reply out; notices print as they arrive. */
export function createShellAdapter(options: ShellOptions): Adapter & { done: Promise<void> } {
  const clock = options.clock ?? (() => new Date());
  const user = options.user ?? safeUserName();
  let lines: Interface | undefined;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const write = (text: string) => options.output.write(`${text}\n`);

  const poster: Poster = {
    platform: "shell",
    pacing: { perChannelIntervalMs: 0, globalPerSecond: 1_000 },
    async post(_channel, notice) {
      write(renderNotice(notice));
      return { kind: "sent" };
    },
  };

  return {
    platform: "shell",
    poster,
    done,
    async start(bot: BotCore) {
      lines = createInterface({ input: options.input, terminal: false });
      if (options.interactive) {
        write(SHELL_MESSAGES.greeting);
        options.output.write("> ");
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
            try {
              write(render(await bot.handle(translate(text, user, clock()))));
            } catch (error) {
              options.onError?.(error);
              write(SHELL_MESSAGES.failed);
            }
          }
          if (options.interactive) options.output.write("> ");
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

function safeUserName(): string {
  try {
    return userInfo().username || "terminal";
  } catch {
    return "terminal";
  }
}

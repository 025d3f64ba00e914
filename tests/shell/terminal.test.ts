import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createShellAdapter } from "../../adapters/shell/shell.ts";
import type { BotCore } from "../../src/adapter.ts";

/** A stream that says it is a terminal, as process.stdin and process.stdout do in one. */
function tty(): PassThrough & { isTTY: true; columns: number } {
  return Object.assign(new PassThrough(), { isTTY: true as const, columns: 100 });
}

describe("the shell at a terminal", () => {
  it("never prints a log line between a question and its answer, and keeps typed lines as history", async () => {
    const input = tty();
    const output = tty();
    let printed = "";
    output.on("data", (chunk) => {
      printed += chunk.toString();
    });
    const history = ["status"];
    const shell = createShellAdapter({ input, output, interactive: true, user: "tester", history });
    const bot: BotCore = {
      async handle(request) {
        // Something logs a warning while the answer is being worked out.
        shell.log.write("WARN: the knowledge folder changed\n");
        await new Promise((resolve) => setTimeout(resolve, 20));
        return {
          kind: "result",
          ok: true,
          code: "usage",
          text: `answer to ${request.text}`,
          visibility: "private",
        };
      },
    };
    await shell.start(bot);
    input.write("is it open?\r");
    await new Promise((resolve) => setTimeout(resolve, 100));
    input.end();
    await shell.done;
    const answerAt = printed.indexOf("answer to is it open?");
    const warningAt = printed.indexOf("WARN: the knowledge folder changed");
    expect(answerAt).toBeGreaterThan(-1);
    expect(warningAt).toBeGreaterThan(answerAt);
    // The prompt comes back after the warning, so the next line is typed on a clean prompt.
    expect(printed.lastIndexOf("> ")).toBeGreaterThan(warningAt);
    expect(history).toEqual(["status", "is it open?"]);
  });

  it("strips terminal escapes and bidi overrides from everything it prints", async () => {
    const input = tty();
    const output = tty();
    let printed = "";
    output.on("data", (chunk) => {
      printed += chunk.toString();
    });
    const shell = createShellAdapter({ input, output, interactive: true, user: "tester" });
    await shell.start({
      handle: async () => ({
        kind: "result",
        ok: false,
        code: "usage",
        text: 'I don\'t know "\u001B[2J\u001B[31mred\u202Eevil"',
        visibility: "private",
      }),
    });
    input.write("x\r");
    await new Promise((resolve) => setTimeout(resolve, 50));
    input.end();
    await shell.done;
    expect(printed).toContain('I don\'t know "redevil"');
    expect(printed).not.toContain("\u001B[2J");
    expect(printed).not.toContain("\u202E");
  });
});

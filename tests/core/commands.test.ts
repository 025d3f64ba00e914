import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createShellAdapter, SHELL_MESSAGES } from "../../adapters/shell/shell.ts";
import { CommandRegistry, helpText } from "../../src/commands/registry.ts";
import type { Reply } from "../../src/commands/reply.ts";
import type { CommandContext, CommandSpec } from "../../src/commands/spec.ts";

const reply = (text: string): Reply => ({
  kind: "result",
  ok: true,
  code: "updated",
  text,
  visibility: "public",
});
const echo: CommandSpec = {
  id: "ask",
  usage: "ask <q>",
  description: "ask",
  examples: [],
  args: [],
  run: ({ args }) => reply(`asked: ${args}`),
};
const secret: CommandSpec = {
  id: "purge",
  usage: "purge",
  description: "admins only",
  examples: ["purge"],
  adminOnly: true,
  args: [],
  run: () => reply("purged"),
};
const registry = new CommandRegistry([echo, secret], echo);
const context = (text: string, isAdmin: boolean) =>
  ({
    request: {
      text,
      channel: { platform: "slack", id: "T1:C1" },
      user: { platform: "slack", id: "U1" },
      canManageSubscriptions: true,
      now: new Date("2026-11-22T00:00:00Z"),
    },
    isAdmin,
    services: {} as CommandContext["services"],
  }) as Omit<CommandContext, "args">;

describe("the command list", () => {
  it("routes the first word to its command and anything else to ask, with a leading /brief removed", () => {
    expect(registry.route("/brief purge now")).toMatchObject({ command: secret, args: "now" });
    expect(registry.route("is the embassy open")).toMatchObject({
      command: echo,
      args: "is the embassy open",
    });
  });

  it("refuses an admin-only command to a non-admin before its handler runs", async () => {
    const refused = await registry.run(context("purge", false));
    expect(refused).toMatchObject({ kind: "result", ok: false, code: "not-admin", visibility: "private" });
    expect(await registry.run(context("purge", true))).toMatchObject({ text: "purged" });
  });

  it("generates help from the list, marking admin commands and showing examples", () => {
    const text = helpText(registry.summaries());
    expect(text).toContain("purge  (admins) — admins only");
    expect(text).toContain("e.g. purge");
  });

  it("will not let two commands claim one word", () => {
    expect(() => new CommandRegistry([echo, { ...secret, aliases: ["ask"] }], echo)).toThrow(/two commands/);
  });
});

describe("the shell when the core fails", () => {
  it("apologises, reports the error, and goes on answering the next line", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => {
      printed += chunk.toString();
    });
    const errors: unknown[] = [];
    const shell = createShellAdapter({
      input,
      output,
      interactive: false,
      user: "t",
      onError: (e) => errors.push(e),
    });
    let calls = 0;
    await shell.start({
      handle: async (request) => {
        calls++;
        if (calls === 1) throw new Error("boom");
        return reply(`fine: ${request.text}`);
      },
    });
    input.write("first\nsecond\n");
    input.end();
    await shell.done;
    expect(printed).toBe(`${SHELL_MESSAGES.failed}\nfine: second\n`);
    expect(errors).toHaveLength(1);
  });
});

import { PassThrough } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShellAdapter } from "../../adapters/shell/shell.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { COMMAND_DECLARATIONS } from "../../src/commands/declarations.ts";
import { commandSlip, didYouMean } from "../../src/commands/suggest.ts";
import { KNOWLEDGE_DIR } from "../support/tempKnowledge.ts";

const NOW = new Date("2026-11-22T09:00:00Z");
const WORDS = COMMAND_DECLARATIONS.flatMap((d) => [d.id, ...(d.aliases ?? [])]);

const request = (text: string, platform: "slack" | "discord" | "shell" = "slack") => ({
  text,
  channel: { platform, id: "C1" },
  user: { platform, id: "U1" },
  canManageSubscriptions: true,
  now: NOW,
});

let bot: Briefbot;
beforeAll(async () => {
  bot = await createBriefbot({
    knowledgeDir: KNOWLEDGE_DIR,
    dbPath: ":memory:",
    admins: [],
    logger: pino({ level: "silent" }),
    posters: [],
    clock: () => NOW,
  });
});
afterAll(async () => {
  await bot.stop();
});

describe("a slip in a command word", () => {
  it("is named with the command it was meant to be, from the one command list, and nothing runs", async () => {
    const reply = await bot.handle(request("subscirbe all"));
    expect(reply).toMatchObject({
      kind: "result",
      ok: false,
      code: "unknown-command",
      visibility: "private",
    });
    expect(reply.text).toBe(
      "`subscirbe` is not a command; did you mean `subscribe`? Usage: subscribe <entity | all>",
    );
    expect((await bot.handle(request("subscriptions"))).text).not.toContain("US Embassy");
  });

  it("is caught on every platform, with /brief in front or not", async () => {
    for (const [text, platform, meant] of [
      ["/brief stauts kyiv embassy", "slack", "status"],
      ["udpate us-embassy-kyiv open Back", "discord", "update"],
      ["unsubscirbe all", "shell", "unsubscribe"],
      ["sourcse", "slack", "sources"],
    ] as const) {
      const reply = await bot.handle(request(text, platform));
      expect(reply.text, text).toMatch(new RegExp(`did you mean \`${meant}\`\\?`));
    }
  });

  it("is told apart from a question that starts with an ordinary word near a command", async () => {
    for (const question of [
      "updates on the us embassy in kyiv?",
      "source of the warning about the air attack",
      "confirmed closures in kyiv",
      "hello",
      "statuses of the embassies",
    ]) {
      const reply = await bot.handle(request(question));
      expect(reply.kind, question).toBe("answer");
    }
  });

  it("reaches a person at the terminal as that one line", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => {
      printed += chunk;
    });
    const shell = createShellAdapter({ input, output, interactive: false, clock: () => NOW, user: "tester" });
    await shell.start(bot);
    input.end("subscirbe all\n");
    await shell.done;
    expect(printed).toBe(
      "`subscirbe` is not a command; did you mean `subscribe`? Usage: subscribe <entity | all>\n",
    );
  });

  it("matches one slip in a short word and two in a longer one, and never an ordinary English word", () => {
    expect(didYouMean("aks", ["ask", "check"])).toBe("ask");
    expect(didYouMean("chekc", ["ask", "check"])).toBe("check");
    expect(didYouMean("nonsense", ["ask", "status", "sources", "check"])).toBeUndefined();
    expect(didYouMean("hlep", ["help"])).toBe("help");
    expect(didYouMean("hp", ["help"])).toBeUndefined();
    expect(commandSlip("subscirbe", WORDS)).toBe("subscribe");
    expect(commandSlip("updates", WORDS)).toBeUndefined();
    expect(commandSlip("statue", WORDS)).toBeUndefined();
  });
});

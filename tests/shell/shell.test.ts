import { PassThrough } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createShellAdapter } from "../../adapters/shell/shell.ts";
import { translate } from "../../adapters/shell/translate.ts";
import { type Briefbot, createBriefbot } from "../../src/bot.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";

const NOW = new Date("2026-11-22T09:00:00Z");

/** Runs the shell adapter over a real bot, feeding it lines and collecting what it prints. */
async function runShell(lines: string[], scratch: ReturnType<typeof scratchCopy>): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk.toString();
  });
  const shell = createShellAdapter({ input, output, interactive: false, clock: () => NOW, user: "tester" });
  const bot: Briefbot = await createBriefbot({
    knowledgeDir: scratch.knowledgeDir,
    dbPath: scratch.dbPath,
    admins: [],
    logger: pino({ level: "silent" }),
    posters: shell.poster ? [shell.poster] : [],
    clock: () => NOW,
  });
  await bot.start();
  await shell.start(bot);
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await shell.done;
  await bot.subscriptions.drain();
  await bot.stop();
  return printed;
}

describe("the shell adapter", () => {
  let scratch = scratchCopy();
  afterEach(() => {
    scratch.cleanup();
    scratch = scratchCopy();
  });

  it("translates a typed line into a shell request from an admin-capable terminal user", () => {
    const request = translate("  status ", "dana", NOW);
    expect(request).toMatchObject({
      text: "  status ",
      channel: { platform: "shell", id: "terminal" },
      user: { platform: "shell", id: "dana" },
      canManageSubscriptions: true,
    });
  });

  it("answers a question typed at the prompt with the status and its source", async () => {
    const printed = await runShell(["is the us embassy in kyiv open?"], scratch);
    expect(printed).toMatch(
      /^No\. The US Embassy in Kyiv was closed as of 20 Nov 2024, per The Washington Times/,
    );
  });

  it("prints help generated from the command list, subscription commands included", async () => {
    const printed = await runShell(["help"], scratch);
    for (const word of [
      "ask <question>",
      "status [entity]",
      "sources",
      "subscribe",
      "unsubscribe",
      "subscriptions",
      "update <entity>",
    ]) {
      expect(printed).toContain(word);
    }
  });

  it("when the shell subscribes and an update is reported, prints the notice once; after a restart, prints nothing again", async () => {
    const first = await runShell(
      [
        "subscribe us embassy in kyiv",
        "update us embassy kyiv open Staff back at work after the alert",
        "confirm",
      ],
      scratch,
    );
    expect(first).toMatch(/follows US Embassy in Kyiv/);
    expect(first).toMatch(/This will post a notice to 1 channel: US Embassy in Kyiv is now open/);
    const notices = first.split("\n").filter((l) => l.startsWith("[status change]"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/now open \(was closed\)/);

    const second = await runShell(["is the us embassy in kyiv open"], scratch);
    expect(second).not.toContain("[status change]");
    expect(second).toMatch(
      /^Yes\. The US Embassy in Kyiv is open as of 22 Nov 2026, per a chat report by tester/,
    );
  });

  it("lists the articles, marking a title the base wrote and naming the outlet a relay carries", async () => {
    const printed = await runShell(["sources"], scratch);
    expect(printed).toMatch(/Russian air attack \[our title\] \(The Washington Times, 20 Nov 2024\)/);
    expect(printed).toContain(
      "(The Wall Street Journal, as relayed by an unnamed news site (byline: Editor), May 2022)",
    );
  });

  it("a malformed command gets its usage line and changes nothing", async () => {
    const printed = await runShell(["update us embassy", "subscriptions"], scratch);
    expect(printed).toMatch(/update <entity> <open\|closed\|limited\|suspended> <reason>/);
    expect(printed).toMatch(/follows nothing/);
  });
});

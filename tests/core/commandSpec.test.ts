import { readFileSync } from "node:fs";
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  REST,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registerCommands } from "../../adapters/discord/registerCommands.ts";
import { translateInteraction } from "../../adapters/discord/translate.ts";
import { slackUsageHint } from "../../adapters/slack/usageHint.ts";
import { COMMAND_DECLARATIONS, parseArgs, usageOf } from "../../src/commands/declarations.ts";
import { helpText } from "../../src/commands/registry.ts";
import { STATES } from "../../src/knowledge/schema.ts";
import { slashCommand } from "../discord/fake/eventPayloads.ts";
import type { FakeDiscord } from "../discord/fake/fakeDiscord.ts";
import { user } from "../discord/fake/guildPayloads.ts";
import { APPLICATION_ID, BOT_TOKEN, CHANNELS, GUILD_ID, USERS } from "../discord/fake/world.ts";
import { startFakeDiscord } from "../discord/support/harness.ts";
import { startRealBot } from "../discord/support/realBot.ts";

/**
 * One declaration per command, and every surface built from it: the parser, help, Discord's
 * registered /brief definition and Slack's usage hint. Each check compares a surface with the
 * declarations themselves, so a surface edited by hand, or a declaration changed without
 * `npm run discord:register`'s payload following, fails here.
 */
let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => {
  await fake.close();
});

describe("the command declarations and every surface made from them", () => {
  it("are what `discord:register` sends: a subcommand per command, an option per argument", async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken(BOT_TOKEN);
    await registerCommands(rest, { applicationId: APPLICATION_ID, guildId: GUILD_ID });
    const registered = fake.registrations[0];
    if (!registered) throw new Error("nothing was registered");
    const [sent] = registered.body as { options: APIApplicationCommandSubcommandOption[] }[];
    const subcommands = sent?.options ?? [];
    expect(subcommands.map((s) => s.name)).toEqual(COMMAND_DECLARATIONS.map((c) => c.id));
    for (const command of COMMAND_DECLARATIONS) {
      const sub = subcommands.find((s) => s.name === command.id);
      expect(sub?.description).toBe(command.description);
      const options = (sub?.options ?? []) as APIApplicationCommandBasicOption[];
      expect(
        options.map((o) => o.name),
        command.id,
      ).toEqual(command.args.map((a) => a.name));
      for (const arg of command.args) {
        const option = options.find((o) => o.name === arg.name) as Record<string, unknown> | undefined;
        expect(option?.type, `${command.id} ${arg.name}`).toBe(ApplicationCommandOptionType.String);
        expect(option?.required, `${command.id} ${arg.name}`).toBe(arg.required);
        expect(option?.description).toBe(arg.description);
        const suggested = arg.type === "entity" || arg.fromBase === true;
        expect(option?.autocomplete === true, `${command.id} ${arg.name} autocomplete`).toBe(suggested);
        const choices = (option?.choices as { value: string }[] | undefined)?.map((c) => c.value);
        expect(choices, `${command.id} ${arg.name} choices`).toEqual(
          arg.choices && !suggested ? [...arg.choices] : undefined,
        );
      }
    }
  });

  it("offer the states of the schema as update's choices", () => {
    const state = COMMAND_DECLARATIONS.find((c) => c.id === "update")?.args.find((a) => a.name === "state");
    expect(state?.choices).toEqual(STATES);
  });

  it("are the usage lines help prints, and the hint the Slack manifest carries", async () => {
    const bot = await startRealBot([]);
    try {
      const help = helpText(bot.bot.registry.summaries());
      for (const command of COMMAND_DECLARATIONS) {
        expect(help).toContain(`  ${usageOf(command)}`);
        expect(help).toContain(command.description);
      }
      expect(bot.bot.registry.summaries().map((s) => s.id)).toEqual(COMMAND_DECLARATIONS.map((c) => c.id));
    } finally {
      await bot.stop();
    }
    const manifest = parse(
      readFileSync(new URL("../../adapters/slack/manifest.yaml", import.meta.url), "utf8"),
    ) as {
      features: { slash_commands: { usage_hint: string }[] };
    };
    expect(manifest.features.slash_commands[0]?.usage_hint).toBe(slackUsageHint());
    for (const id of ["status", "subscribe"]) {
      const command = COMMAND_DECLARATIONS.find((c) => c.id === id);
      if (command) expect(slackUsageHint()).toContain(usageOf(command));
    }
  });

  it("read back, through the parser, what a slash command's options become", () => {
    const values = {
      entity: "us embassy in kyiv",
      state: "closed",
      reason: "Air raid warnings for the capital",
      url: "https://example.org/report",
    };
    const interaction = slashCommand({
      applicationId: APPLICATION_ID,
      commandId: "1186300000000000000",
      guildId: GUILD_ID,
      channel: { id: CHANNELS.briefings, name: "briefings" },
      user: user(USERS.admin),
      roles: [],
      permissions: 0n,
      appPermissions: 0n,
      subcommand: "update",
      options: values,
      token: "t",
    });
    const request = translateInteraction(interaction);
    const [word, ...rest] = (request?.text ?? "").split(" ");
    const update = COMMAND_DECLARATIONS.find((c) => c.id === word);
    if (!update) throw new Error(`no command for "${word}"`);
    expect(parseArgs(update, rest.join(" "))).toEqual({ ok: true, values });
    const { url: _url, ...withoutUrl } = values;
    expect(parseArgs(update, `${values.entity} ${values.state} ${values.reason}`)).toEqual({
      ok: true,
      values: withoutUrl,
    });
    expect(parseArgs(update, `${values.entity} shut ${values.reason}`)).toEqual({ ok: false });
  });
});

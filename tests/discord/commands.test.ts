import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
} from "discord.js";
import { describe, expect, it } from "vitest";
import { commandDefinitions, SUBCOMMANDS } from "../../adapters/discord/commands.ts";

/** Discord's rule for command and option names (lower case; letters, digits, - and _). */
const NAME = /^[-_\p{Ll}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

describe("the /brief command definition sent to Discord", () => {
  const [brief] = commandDefinitions();
  const subcommands = (brief?.options ?? []) as APIApplicationCommandSubcommandOption[];

  it("is one guild-only chat command named brief", () => {
    expect(commandDefinitions()).toHaveLength(1);
    expect(brief).toMatchObject({ type: ApplicationCommandType.ChatInput, name: "brief", contexts: [0] });
    expect(brief?.description.length).toBeLessThanOrEqual(100);
  });

  it("has a subcommand for every command a user can type, in the order help lists them", () => {
    expect(subcommands.map((s) => s.name)).toEqual([
      "ask",
      "help",
      "status",
      "sources",
      "subscribe",
      "unsubscribe",
      "subscriptions",
      "update",
      "confirm",
      "gaps",
      "feedback",
      "review",
      "feeds",
    ]);
    for (const sub of subcommands) expect(sub.type).toBe(ApplicationCommandOptionType.Subcommand);
  });

  it("follows Discord's rules: valid names, 1-100 character descriptions, required options first, at most 25", () => {
    expect(subcommands.length).toBeLessThanOrEqual(25);
    for (const sub of subcommands) {
      expect(sub.name).toMatch(NAME);
      expect(sub.description.length).toBeGreaterThan(0);
      expect(sub.description.length).toBeLessThanOrEqual(100);
      const options = (sub.options ?? []) as APIApplicationCommandBasicOption[];
      expect(options.length).toBeLessThanOrEqual(25);
      const required = options.map((o) => o.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const option of options) {
        expect(option.name).toMatch(NAME);
        expect(option.description.length).toBeLessThanOrEqual(100);
        expect(option.type).toBe(ApplicationCommandOptionType.String);
      }
    }
  });

  it("suggests the base's states as one types the state of /brief update, with no fixed choices", () => {
    const update = subcommands.find((s) => s.name === "update");
    const state = ((update?.options ?? []) as APIApplicationCommandBasicOption[]).find(
      (o) => o.name === "state",
    );
    expect(state && "autocomplete" in state ? state.autocomplete : undefined).toBe(true);
    expect(state && "choices" in state ? state.choices : undefined).toBeUndefined();
  });

  it("is built from the same list translate reads", () => {
    expect(subcommands.map((s) => s.name)).toEqual(SUBCOMMANDS.map((s) => s.name));
  });
});

import { echo } from "../text/clean.ts";
import { COMMAND_DECLARATIONS } from "./declarations.ts";
import { commandMessages } from "./messages.ts";
import type { CommandSummary, Reply } from "./reply.ts";
import type { CommandContext, CommandSpec } from "./spec.ts";
import { commandSlip } from "./suggest.ts";

/**
 * The one list of commands. A request whose first word names a command runs it; anything
 * else is a question for `ask`, the default.
 */
export class CommandRegistry {
  private readonly byWord = new Map<string, CommandSpec>();

  constructor(
    readonly commands: readonly CommandSpec[],
    private readonly fallback: CommandSpec,
  ) {
    for (const command of commands) {
      for (const word of [command.id, ...(command.aliases ?? [])]) {
        if (this.byWord.has(word)) throw new Error(`two commands claim the word "${word}"`);
        this.byWord.set(word, command);
      }
    }
  }

  /** Splits "subscribe kyiv embassy" into the command and its arguments. */
  route(text: string): { command: CommandSpec; args: string } {
    const trimmed = text.trim().replace(/^\/?brief\s+/i, "");
    const space = trimmed.search(/\s/);
    const word = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase().replace(/^\//, "");
    const command = this.byWord.get(word);
    if (command) return { command, args: space === -1 ? "" : trimmed.slice(space + 1).trim() };
    return { command: this.fallback, args: trimmed };
  }

  /**
   * The command a line that runs none was meant to run, when its first word is a slip of a command
   * word ("subscirbe all"), with that word as typed; undefined for a line that reads as a question.
   */
  slip(text: string): { typed: string; command: CommandSpec } | undefined {
    const { command, args } = this.route(text);
    if (command !== this.fallback) return undefined;
    const typed = args.split(/\s/, 1)[0]?.replace(/^\//, "") ?? "";
    const meant = commandSlip(typed, [...this.byWord.keys()]);
    const intended = meant ? this.byWord.get(meant) : undefined;
    return intended && intended !== this.fallback ? { typed, command: intended } : undefined;
  }

  /**
   * Runs the command a request names. Admin-only commands are refused here, whatever their handler
   * does, and a slip of a command word is named with the command it was likely meant to be.
   */
  async run(context: Omit<CommandContext, "args">): Promise<Reply> {
    const { command, args } = this.route(context.request.text);
    const slip = this.slip(context.request.text);
    if (slip) {
      return {
        kind: "result",
        ok: false,
        code: "unknown-command",
        text: commandMessages.notACommand(echo(slip.typed), slip.command.id, slip.command.usage),
        visibility: "private",
      };
    }
    if (command.adminOnly && !context.isAdmin) {
      return {
        kind: "result",
        ok: false,
        code: "not-admin",
        text: commandMessages.adminOnly(command.id),
        visibility: "private",
      };
    }
    if (command.curatorOnly && !context.isCurator) {
      return {
        kind: "result",
        ok: false,
        code: "not-curator",
        text: commandMessages.curatorOnly(command.id),
        visibility: "private",
      };
    }
    if (command.changesChannel && context.request.direct) {
      return {
        kind: "result",
        ok: false,
        code: "forbidden",
        text: commandMessages.notInDirectMessage(command.id),
        visibility: "private",
      };
    }
    return command.run({ ...context, args });
  }

  summaries(): CommandSummary[] {
    return this.commands.map((c) => ({
      id: c.id,
      usage: c.usage,
      description: c.description,
      examples: c.examples,
      adminOnly: c.adminOnly ?? false,
      curatorOnly: c.curatorOnly ?? false,
    }));
  }
}

/** The help text, generated from the command list. */
export function helpText(
  summaries: readonly CommandSummary[],
  /** The states kinds of the base declare, by kind, which `update` takes beside the four. */
  declaredStates: readonly { kind: string; states: readonly string[] }[] = [],
): string {
  const lines = [commandMessages.helpIntro];
  for (const c of summaries) {
    lines.push(
      `  ${c.usage}${c.adminOnly ? "  (admins)" : c.curatorOnly ? "  (curators)" : ""} — ${c.description}`,
    );
    if (COMMAND_DECLARATIONS.find((d) => d.id === c.id)?.args.some((a) => a.fromBase))
      for (const { kind, states } of declaredStates)
        lines.push(`      states of a ${kind}: ${states.join(" | ")}`);
    for (const example of c.examples) lines.push(`      e.g. ${example}`);
  }
  return lines.join("\n");
}

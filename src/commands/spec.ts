import type { Logger } from "pino";
import type { Subject } from "../conversation/memory.ts";
import type { Answer } from "../engine/answer.ts";
import type { EntityResolution } from "../engine/resolve/resolution.ts";
import type { StateSet } from "../knowledge/states.ts";
import { type CommandDeclaration, declaration, usageOf } from "./declarations.ts";
import type { Reply } from "./reply.ts";
import type { ChatRequest } from "./request.ts";
import type { TrackedResolution } from "./trackedEntities.ts";

/** What a command handler may use. Built once by the bot; handlers hold no state of their own. */
export interface CommandServices {
  /** `subject`: what the conversation was last about, for a follow-up that names nothing. */
  ask(question: string, now: Date, subject?: Subject): Answer;
  /** Resolves an entity named in a command; only entities with a status timeline when `withStatus`. */
  resolveEntity(text: string, options?: { withStatus?: boolean }): EntityResolution;
  /**
   * Resolves an entity named in a command that changes something (update, subscribe, unsubscribe):
   * the base's ids, names and aliases exactly, or one small slip offered for confirmation.
   */
  resolveTracked(text: string, options: { withStatus: boolean }): TrackedResolution;
  /** The states an entity's kind declares, or the four (left out: the four for every entity). */
  stateSet?(entityId: string): StateSet;
  /** Every state id an entity of the base can take (left out: the four). */
  stateIds?(): string[];
  /** Display name of an entity id, or the id when unknown. */
  entityName(id: string): string;
  logger: Logger;
}

export interface CommandContext {
  request: ChatRequest;
  /** The request text after the command word, trimmed. */
  args: string;
  /** From config (BRIEFBOT_ADMINS) or the adapter (the shell's user is always an admin). */
  isAdmin: boolean;
  /** Admins, and those in BRIEFBOT_CURATORS: they may read what people asked and thought. */
  isCurator?: boolean;
  services: CommandServices;
  /** What the request's conversation was last about, if it is remembered. */
  subject?: Subject;
}

/**
 * A command: its declaration (the single place its words, arguments and wording are defined; help,
 * usage, the parser and every platform's command definitions come from it) and what it does.
 */
export interface CommandSpec extends CommandDeclaration {
  /** Generated from the declaration's arguments. */
  usage: string;
  run(context: CommandContext): Reply | Promise<Reply>;
}

/** A command from its declaration and its handler. */
export function defineCommand(id: string, run: CommandSpec["run"]): CommandSpec {
  const declared = declaration(id);
  return { ...declared, usage: usageOf(declared), run };
}

import type { Logger } from "pino";
import type { Answer } from "../engine/answer.ts";
import type { EntityResolution } from "../engine/resolution.ts";
import type { Reply } from "./reply.ts";
import type { ChatRequest } from "./request.ts";
import type { TrackedResolution } from "./trackedEntities.ts";

/** What a command handler may use. Built once by the bot; handlers hold no state of their own. */
export interface CommandServices {
  ask(question: string, now: Date): Answer;
  /** Resolves an entity named in a command; only entities with a status timeline when `withStatus`. */
  resolveEntity(text: string, options?: { withStatus?: boolean }): EntityResolution;
  /**
   * Resolves an entity named in a command that changes something (update, subscribe, unsubscribe):
   * the base's ids, names and aliases exactly, or one small slip offered for confirmation.
   */
  resolveTracked(text: string, options: { withStatus: boolean }): TrackedResolution;
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
  services: CommandServices;
}

/**
 * A command as data. The list of these is the single place commands are defined;
 * help is generated from it.
 */
export interface CommandSpec {
  id: string;
  /** Other words that invoke it ("subs" for "subscriptions"). */
  aliases?: string[];
  usage: string;
  description: string;
  examples: string[];
  adminOnly?: boolean;
  run(context: CommandContext): Reply | Promise<Reply>;
}

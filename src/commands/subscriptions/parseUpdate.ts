import { STATES, type State } from "../../knowledge/schema.ts";
import { declaration, parseArgs } from "../declarations.ts";

export { MAX_REASON, MAX_URL } from "../declarations.ts";

/** The parts of `update <entity> <state> <reason> [source URL]`. */
export interface ParsedUpdate {
  entityText: string;
  state: State;
  reason: string;
  url?: string;
}

/**
 * Reads an update by the command's declared arguments, so entity names need no quoting: the words
 * before the first state word name the entity, the rest is the reason, and a trailing http(s) URL
 * is the source. Null when the entity, the state or the reason is missing.
 */
export function parseUpdate(args: string, states: readonly string[] = STATES): ParsedUpdate | null {
  const declared = declaration("update");
  // The state is one word of the base's states: the four, and those its kinds declare.
  const command = {
    ...declared,
    args: declared.args.map((arg) => (arg.type === "choice" ? { ...arg, choices: states } : arg)),
  };
  const parsed = parseArgs(command, args);
  if (!parsed.ok) return null;
  const { entity, state, reason, url } = parsed.values;
  if (!entity || !state || !reason) return null;
  return { entityText: entity, state, reason, ...(url ? { url } : {}) };
}

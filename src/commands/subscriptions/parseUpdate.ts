import { type State, stateSchema } from "../../knowledge/schema.ts";
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
export function parseUpdate(args: string): ParsedUpdate | null {
  const parsed = parseArgs(declaration("update"), args);
  if (!parsed.ok) return null;
  const { entity, state, reason, url } = parsed.values;
  if (!entity || !state || !reason) return null;
  return { entityText: entity, state: stateSchema.parse(state), reason, ...(url ? { url } : {}) };
}

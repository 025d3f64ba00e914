import { type State, stateSchema } from "../../knowledge/schema.ts";

/** Longest reason an update may give; a notice quotes it whole. */
export const MAX_REASON = 500;
/** Longest source URL an update may give. */
export const MAX_URL = 500;

/** The parts of `update <entity> <state> <reason> [source URL]`. */
export interface ParsedUpdate {
  entityText: string;
  state: State;
  reason: string;
  url?: string;
}

/**
 * Splits an update at the first word that is a state, so entity names need no quoting: the words
 * before it name the entity, the rest is the reason, and a trailing http(s) URL is the source.
 * Null when the entity, the state or the reason is missing.
 */
export function parseUpdate(args: string): ParsedUpdate | null {
  const words = args.split(/\s+/).filter((word) => word !== "");
  const stateAt = words.findIndex(
    (word, index) => index > 0 && stateSchema.safeParse(word.toLowerCase()).success,
  );
  if (stateAt < 1) return null;
  const rest = words.slice(stateAt + 1);
  const last = rest.at(-1);
  const url = last !== undefined && isHttpUrl(last) ? last : undefined;
  const reason = (url ? rest.slice(0, -1) : rest).join(" ");
  if (reason === "") return null;
  return {
    entityText: words.slice(0, stateAt).join(" "),
    state: stateSchema.parse(words[stateAt]?.toLowerCase()),
    reason,
    ...(url ? { url } : {}),
  };
}

function isHttpUrl(word: string): boolean {
  if (!/^https?:\/\//i.test(word)) return false;
  try {
    new URL(word);
    return true;
  } catch {
    return false;
  }
}

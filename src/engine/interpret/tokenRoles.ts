import { PLACE_KINDS } from "../../knowledge/schema.ts";
import { isDateToken } from "../language/dateTokens.ts";
import {
  CHANGE_WORDS,
  NOUN_FILLERS,
  PERSISTENCE_WORDS,
  PREMISE_LINKS,
  QUESTION_CUES,
  ROLE_NOUNS,
  STATUS_WORDS,
  STOPWORDS,
} from "../language/words.ts";
import type { EngineIndex } from "../lookup/index.ts";
import type { Understanding } from "./understand.ts";

/** What one token of a question was understood as. */
export type TokenRole =
  /** Part of the name of a tracked thing, or of another entity of the base. */
  | "thing"
  /** A noun for a kind of thing the base tracks ("embassy", "ports"). */
  | "kind"
  /** A place, owner or body the base knows, qualifying a thing ("Kyiv", "Italian"). */
  | "qualifier"
  /** A known place or people the base lacks ("Lviv", "French"). */
  | "unknown-place"
  /** A word for a state or a change of state ("open", "shut"). */
  | "state"
  | "date"
  /** A function word, a question word or a word that steers the question ("why", "reason"). */
  | "function"
  /** Any other word: it must be met in what the answer rests on, or it is unplaced. */
  | "content";

/** One token with what it was understood as, and the entities its name stands for. */
export interface PlacedToken {
  token: string;
  role: TokenRole;
  entityIds: readonly string[];
}

/**
 * The first pass of the coverage accounting: each token's role from the understanding alone.
 * `content` tokens are settled against the answer's evidence later (`accountFor`).
 */
export function tokenRoles(index: EngineIndex, u: Understanding): PlacedToken[] {
  let roles = rolesOf.get(u);
  if (!roles) {
    roles = readRoles(index, u);
    rolesOf.set(u, roles);
  }
  return roles;
}

/** Roles already read, per understanding: several stages ask for them. */
const rolesOf = new WeakMap<Understanding, PlacedToken[]>();

function readRoles(index: EngineIndex, u: Understanding): PlacedToken[] {
  const byPosition = new Map<number, string[]>();
  for (const m of u.mentions) for (let i = m.start; i < m.end; i++) byPosition.set(i, m.entityIds);
  for (const [i, ids] of u.nameTokens) if (!byPosition.has(i)) byPosition.set(i, [...ids]);
  // "Stay shut after the storm passed": with a state that held on, what follows "after" says when.
  const heldOn = u.tokens.some((t) => PERSISTENCE_WORDS.has(t));
  const when = heldOn ? u.tokens.findIndex((t) => PREMISE_LINKS.has(t)) : -1;
  return u.tokens.map((token, i) => {
    if (when >= 0 && i > when && !byPosition.has(i)) return { token, role: "date", entityIds: [] };
    // What the question leaves out is accounted for by being left out.
    if (u.excludedTokens.has(i)) return { token, role: "function", entityIds: [] };
    const ids = byPosition.get(i);
    if (ids && ids.length > 0) {
      const places = ids.every((id) => {
        const e = index.entity(id);
        return e !== undefined && (PLACE_KINDS.has(e.kind) || !index.base.timelines.has(id));
      });
      return { token, role: places ? "qualifier" : "thing", entityIds: ids };
    }
    const role: TokenRole = u.kindTokens.has(i)
      ? "kind"
      : u.placeTokens.has(i)
        ? "unknown-place"
        : STATUS_WORDS.has(token) || CHANGE_WORDS.has(token) || index.lexicon.stateWords.has(token)
          ? "state"
          : isDateToken(token) && !numberInName(u, i)
            ? "date"
            : STOPWORDS.has(token) ||
                QUESTION_CUES.has(token) ||
                NOUN_FILLERS.has(token) ||
                ROLE_NOUNS.has(token)
              ? "function"
              : index.lexicon.nounWords.has(token) && index.lexicon.nounAt(u.tokens, i)
                ? "kind"
                : "content";
    return { token, role, entityIds: [] };
  });
}

/** A number right after a name or noun and away from any month ("State Road 87", "Terminal 2"). */
function numberInName(u: Understanding, i: number): boolean {
  const token = u.tokens[i] ?? "";
  if (!/^\d{1,3}$/.test(token)) return false;
  const around = [u.tokens[i - 2], u.tokens[i - 1], u.tokens[i + 1], u.tokens[i + 2]];
  if (around.some((t) => t !== undefined && /^[a-z]{3,9}$/.test(t) && isDateToken(t))) return false;
  const before = i - 1;
  return (
    u.kindTokens.has(before) ||
    u.kindTokens.has(i + 1) ||
    u.mentions.some((m) => m.end === i) ||
    u.nameTokens.has(before)
  );
}

import type { KnowledgeBase } from "../knowledge/base.ts";
import { type ArgSpec, declaration } from "./declarations.ts";

/** What a platform asks while someone types an argument: which command, which argument, typed so far. */
export interface CompletionQuery {
  commandId: string;
  argName: string;
  partial: string;
}

/** Discord shows at most 25 suggestions. */
export const MAX_SUGGESTIONS = 25;

const fold = (text: string) => text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").trim();

/**
 * Suggestions for an argument that names an entity of the base: names whose name or an alias holds
 * what was typed, those starting with it first, then the tracked ones; "all" where it is allowed.
 * Only entities with a status where the command needs one. Other arguments get none.
 */
export function completeArgument(base: KnowledgeBase, arg: ArgSpec, partial: string): string[] {
  if (arg.type !== "entity") return [];
  const typed = fold(partial);
  const candidates = [...base.entities.values()].filter((e) => !arg.withStatus || base.timelines.has(e.id));
  const scored = candidates.flatMap((entity) => {
    const words = [entity.name, ...entity.aliases].map(fold);
    if (typed && !words.some((w) => w.includes(typed))) return [];
    const starts = typed !== "" && words.some((w) => w.startsWith(typed));
    return [{ name: entity.name, rank: (starts ? 0 : 2) + (base.timelines.has(entity.id) ? 0 : 1) }];
  });
  scored.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  const names = [...new Set(scored.map((s) => s.name))];
  const all = arg.allowAll && "all".startsWith(typed) ? ["all"] : [];
  return [...all, ...names].slice(0, MAX_SUGGESTIONS);
}

/** Suggestions for one argument of one command, by their declarations. */
export function complete(base: KnowledgeBase, query: CompletionQuery): string[] {
  const arg = declaration(query.commandId).args.find((a) => a.name === query.argName);
  return arg ? completeArgument(base, arg, query.partial) : [];
}

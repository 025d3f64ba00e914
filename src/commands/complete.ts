import type { KnowledgeBase } from "../knowledge/base.ts";
import { baseStateIds } from "../knowledge/states.ts";
import { type ArgSpec, declaration } from "./declarations.ts";

/** What a platform asks while someone types an argument: which command, which argument, typed so far. */
export interface CompletionQuery {
  commandId: string;
  argName: string;
  partial: string;
  /** What the other arguments hold so far ("entity": "valdoria"), when the platform says. */
  others?: Readonly<Record<string, string>>;
}

/** Discord shows at most 25 suggestions. */
export const MAX_SUGGESTIONS = 25;

const fold = (text: string) => text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").trim();

/**
 * Suggestions for an argument that names an entity of the base: names whose name or an alias holds
 * what was typed, those starting with it first, then the tracked ones; "all" where it is allowed.
 * Only entities with a status where the command needs one. Other arguments get none.
 */
export function completeArgument(
  base: KnowledgeBase,
  arg: ArgSpec,
  partial: string,
  others: Readonly<Record<string, string>> = {},
): string[] {
  if (arg.fromBase) return completeState(base, partial, others.entity);
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

/**
 * Suggestions for a state: those of the entity named so far (by id, name or alias), or every state of
 * the base; those whose id or label starts with what was typed first.
 */
function completeState(base: KnowledgeBase, partial: string, entityText: string | undefined): string[] {
  const typed = fold(partial);
  const named = entityText === undefined ? undefined : fold(entityText);
  const entity = named
    ? [...base.entities.values()].find((e) => [e.id, e.name, ...e.aliases].some((n) => fold(n) === named))
    : undefined;
  const states = entity
    ? base.stateSet(entity.id).states.map((s) => ({ id: s.id, label: s.label }))
    : baseStateIds(base.topic.kinds.values()).map((id) => ({ id, label: id }));
  const ranked = states.flatMap((s) => {
    const words = [s.id, s.label].map(fold);
    if (typed && !words.some((w) => w.includes(typed))) return [];
    return [{ id: s.id, rank: typed && words.some((w) => w.startsWith(typed)) ? 0 : 1 }];
  });
  ranked.sort((a, b) => a.rank - b.rank);
  return ranked.map((s) => s.id).slice(0, MAX_SUGGESTIONS);
}

/** Suggestions for one argument of one command, by their declarations. */
export function complete(base: KnowledgeBase, query: CompletionQuery): string[] {
  const arg = declaration(query.commandId).args.find((a) => a.name === query.argName);
  return arg ? completeArgument(base, arg, query.partial, query.others) : [];
}

import Fuse from "fuse.js";
import type { Entity } from "../../knowledge/schema.ts";
import { understand } from "../interpret/understand.ts";
import { type EngineIndex, namesOf } from "../lookup/index.ts";
import { entityRef } from "./entityRef.ts";
import type { EntityResolution } from "./resolution.ts";

/** fuse.js threshold for "did you mean" suggestions: looser than spelling, since they are only offered. */
export const SUGGESTION_THRESHOLD = 0.5;

/**
 * Resolves an entity named in a command ("subscribe kyiv embassy"): one match is found, several
 * are ambiguous, none is unknown with suggestions. An exact id always resolves.
 */
export function entityResolver(index: EngineIndex) {
  const entities = [...index.base.entities.values()];
  const fuse = new Fuse(
    entities.flatMap((entity) => namesOf(entity).map((name) => ({ entity, name }))),
    { keys: ["name"], threshold: SUGGESTION_THRESHOLD, ignoreLocation: true, includeScore: true },
  );
  return (text: string, options: { withStatus?: boolean } = {}): EntityResolution => {
    const eligible = (e: Entity) => !options.withStatus || index.base.timelines.has(e.id);
    const byId = index.entity(text.trim().toLowerCase());
    if (byId && eligible(byId)) return { kind: "found", entity: entityRef(byId) };
    const u = understand(index, text);
    const named = u.uncovered.length > 0 ? [] : u.entities.filter(eligible);
    const targets = u.targets.filter(eligible);
    const narrowed = targets.length > 0 ? targets : named;
    if (narrowed.length === 1) return { kind: "found", entity: entityRef(narrowed[0] as Entity) };
    if (narrowed.length > 1) return { kind: "ambiguous", candidates: narrowed.map(entityRef) };
    const seen = new Set<string>();
    const suggestions = fuse
      .search(text.slice(0, 100))
      .map((hit) => hit.item.entity)
      .filter((e) => eligible(e) && !seen.has(e.id) && seen.add(e.id))
      .slice(0, 3)
      .map(entityRef);
    return { kind: "unknown", suggestions };
  };
}

import type { KnowledgeBase } from "./base.ts";
import { formatDated } from "./dates.ts";

/** What `brief check` prints: counts, and each tracked entity's latest status. */
export function summariseBase(base: KnowledgeBase): string {
  const kinds = new Map<string, number>();
  for (const e of base.entities.values()) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  const lines = [
    `Knowledge base OK: ${base.sources.size} sources, ${base.entities.size} entities, ${base.facts.length} facts, ${base.timelines.size} status timelines.`,
    `Entities by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}.`,
  ];
  for (const [id, events] of base.timelines) {
    // The latest reported state: an expected change is not one until it is reported.
    const last = events.filter((event) => event.type !== "expected").at(-1);
    const name = base.entities.get(id)?.name ?? id;
    if (last)
      lines.push(`  ${name}: ${last.state} since ${formatDated(last.effective)} (${last.source.publisher})`);
  }
  return lines.join("\n");
}

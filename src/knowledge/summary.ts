import type { KnowledgeBase, ResolvedEvent } from "./base.ts";
import { dateRange, formatDated } from "./dates.ts";
import { disagreementLines } from "./disagreements.ts";

/** What `brief check` prints: counts, and each tracked entity's latest status. */
export function summariseBase(base: KnowledgeBase): string {
  const kinds = new Map<string, number>();
  for (const e of base.entities.values()) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  const lines = [
    `Knowledge base OK: ${base.sources.size} sources, ${base.entities.size} entities, ${base.facts.length} facts, ${base.timelines.size} status timelines.`,
    `Entities by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}.`,
  ];
  for (const [id, events] of base.timelines) {
    const name = base.entities.get(id)?.name ?? id;
    const disputed = events.some((e) => e.disagreement) ? "; sources disagree (below)" : "";
    lines.push(`  ${name}: ${latestStatus(events)}${disputed}`);
  }
  const { marked, detected } = disagreementLines(base);
  if (marked.length > 0) lines.push("Sources that disagree, kept side by side:", ...marked);
  if (detected.length > 0)
    lines.push(
      "Sources that may disagree (each reports the same change on another date; if they disagree, give both entries the same `disagreement: <name>`):",
      ...detected,
    );
  return lines.join("\n");
}

/**
 * The latest reported state, dated as the sources date it: since the change that began it (with the
 * latest report that it still held), or, for a state first reported as already holding, as of that
 * report. An expected change is not a state until it is reported; it follows, marked as expected.
 */
function latestStatus(events: readonly ResolvedEvent[]): string {
  let change: ResolvedEvent | undefined;
  let still: ResolvedEvent | undefined;
  for (const event of events) {
    if (event.type === "change" || (event.type === "still" && event.state !== change?.state)) {
      change = event;
      still = undefined;
    } else if (event.type === "still") still = event;
  }
  const cite = (event: ResolvedEvent) => `(${event.source.publisher})`;
  // A state the kind declares goes by its label ("Level 4: Do not travel").
  const named = (event: ResolvedEvent) => event.look?.label ?? event.state;
  const expected = events
    .filter(
      (e) =>
        e.type === "expected" && (!change || dateRange(e.effective).end >= dateRange(change.effective).start),
    )
    .map((e) => `expected ${named(e)} ${formatDated(e.effective)} ${cite(e)}`);
  if (!change) return ["no status reported yet", ...expected].join("; ");
  const status =
    change.type === "still"
      ? `${named(change)} as of ${formatDated(change.effective)}, since when not given ${cite(change)}`
      : `${named(change)} since ${change.effective.until || change.effective.bound ? "a date " : ""}${formatDated(change.effective)} ${cite(change)}`;
  const held = still
    ? `still ${named(still)} as of ${formatDated(still.effective)} ${cite(still)}`
    : undefined;
  return [status, ...(held ? [held] : []), ...expected].join("; ");
}

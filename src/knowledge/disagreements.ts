import type { KnowledgeBase, ResolvedEvent } from "./base.ts";
import { formatDated } from "./dates.ts";

/**
 * Sources that disagree about a thing, as `brief check` lists them for information: the points a
 * curator marked (`disagreement`), each with its accounts, and pairs of entries that look like rival
 * accounts but are not marked: two reports, from different sources, of a change into the same state
 * with no other change between them ("reopened on the 3rd", "reopened on the 6th").
 */
export function disagreementLines(base: KnowledgeBase): { marked: string[]; detected: string[] } {
  const marked: string[] = [];
  const detected: string[] = [];
  for (const [id, events] of base.timelines) {
    const name = base.entities.get(id)?.name ?? id;
    const points = new Map<string, ResolvedEvent[]>();
    for (const e of events)
      if (e.disagreement) points.set(e.disagreement, [...(points.get(e.disagreement) ?? []), e]);
    for (const [point, rivals] of points)
      marked.push(`  ${name} (${point}): ${rivals.map(account).join("; ")}`);
    let last: ResolvedEvent | undefined;
    for (const e of events) {
      if (e.type !== "change") continue;
      if (
        last &&
        last.state === e.state &&
        last.source.id !== e.source.id &&
        !last.disagreement &&
        !e.disagreement
      )
        detected.push(`  ${name}: ${account(last)} [${last.source.id}]; ${account(e)} [${e.source.id}]`);
      last = e;
    }
  }
  return { marked, detected };
}

/** "Canal Gazette: open on 3 Apr 2026", "Tessel Courier: still open as of 21 Apr 2026". */
function account(e: ResolvedEvent): string {
  const state = e.look?.label ?? e.state;
  return e.type === "still"
    ? `${e.source.publisher}: still ${state} as of ${formatDated(e.effective)}`
    : `${e.source.publisher}: ${state} from ${formatDated(e.effective)}`;
}

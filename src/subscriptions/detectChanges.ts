import type { StatusSnapshot } from "../engine/snapshot.ts";
import type { AnnouncedStatus } from "./store.ts";

/** An entity whose current snapshot differs from its last announcement (none for a new entity). */
export interface StatusChange {
  snapshot: StatusSnapshot;
  previous: AnnouncedStatus | undefined;
}

/**
 * The snapshots whose key differs from the one announced, by entity id, one per entity (the last
 * wins). An entity missing from `snapshots` is not a change: a knowledge file failing to load must
 * not announce anything, and its old key still stands when it comes back.
 */
export function detectChanges(
  snapshots: StatusSnapshot[],
  announced: Map<string, AnnouncedStatus>,
): StatusChange[] {
  const latest = new Map<string, StatusSnapshot>();
  for (const snapshot of snapshots) latest.set(snapshot.entityId, snapshot);
  return [...latest.values()]
    .filter((snapshot) => announced.get(snapshot.entityId)?.key !== snapshot.key)
    .sort((a, b) => a.entityId.localeCompare(b.entityId))
    .map((snapshot) => ({ snapshot, previous: announced.get(snapshot.entityId) }));
}

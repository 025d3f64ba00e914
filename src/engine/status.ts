import type { KnowledgeBase, ResolvedEvent } from "../knowledge/base.ts";
import { dateRange, daysSince } from "../knowledge/dates.ts";
import type { Dated, Entity } from "../knowledge/schema.ts";
import type { StatusReport } from "./answer.ts";
import type { StatusSnapshot } from "./snapshot.ts";

/** Reports older than this many days are called out as possibly out of date. */
export const STALE_AFTER_DAYS = 30;

function report(entity: Entity, event: ResolvedEvent, now: Date): StatusReport {
  const ageDays = daysSince(event.reported, now);
  return {
    entity: { id: entity.id, name: entity.name, kind: entity.kind },
    state: event.state,
    since: event.effective,
    temporary: event.temporary,
    reason: event.reason,
    certainty: event.certainty,
    asOf: event.reported,
    ageDays,
    stale: ageDays > STALE_AFTER_DAYS,
    source: event.source,
  };
}

/** The latest reported status of an entity at `now`, or null when it has no timeline. */
export function currentStatus(base: KnowledgeBase, entityId: string, now: Date): StatusReport | null {
  const entity = base.entities.get(entityId);
  const events = base.timelines.get(entityId) ?? [];
  // An event dated after `now` has not happened yet as far as this question is concerned.
  const last = [...events].reverse().find((e) => dateRange(e.effective).start <= now.getTime());
  if (!entity || !last) return null;
  return report(entity, last, now);
}

/** What the timeline says about a past period. */
export type PastStatus =
  | { kind: "held"; status: StatusReport; next?: ResolvedEvent }
  | { kind: "changed-during"; events: ResolvedEvent[]; before?: ResolvedEvent; entity: Entity }
  | { kind: "before-records"; first: ResolvedEvent; entity: Entity }
  | { kind: "no-timeline" };

/**
 * The status during a period: held throughout (the last event before it, and the next one
 * after), changed during it, or unknown because the records start later.
 */
export function statusAsOf(base: KnowledgeBase, entityId: string, period: Dated, now: Date): PastStatus {
  const entity = base.entities.get(entityId);
  const events = base.timelines.get(entityId) ?? [];
  if (!entity || events.length === 0) return { kind: "no-timeline" };
  const { start, end } = dateRange(period);
  const during = events.filter((e) => {
    const r = dateRange(e.effective);
    return r.start <= end && r.end >= start;
  });
  const before = [...events].reverse().find((e) => dateRange(e.effective).end < start);
  if (during.length > 0)
    return { kind: "changed-during", events: during, entity, ...(before ? { before } : {}) };
  if (!before) return { kind: "before-records", first: events[0] as ResolvedEvent, entity };
  const next = events.find((e) => dateRange(e.effective).start > end);
  return { kind: "held", status: report(entity, before, now), ...(next ? { next } : {}) };
}

/** Every entity's current status, reduced for change detection. */
export function statusSnapshots(base: KnowledgeBase, now: Date): StatusSnapshot[] {
  const snapshots: StatusSnapshot[] = [];
  for (const entityId of base.timelines.keys()) {
    const status = currentStatus(base, entityId, now);
    if (!status) continue;
    const key = [status.state, status.since.date, status.since.precision, status.source.id].join("|");
    snapshots.push({ entityId, key, report: status });
  }
  return snapshots;
}

import type { KnowledgeBase, ResolvedEvent } from "../../knowledge/base.ts";
import { dateRange, daysSince, isTimed, wallClock } from "../../knowledge/dates.ts";
import type { Dated, Entity, State } from "../../knowledge/schema.ts";
import { lookOf } from "../../knowledge/states.ts";
import type { StatusReport } from "../answer.ts";
import type { StatusSnapshot } from "../snapshot.ts";

/**
 * `now` on the clock the base's dates and times are written on: the wall time in its time zone, so
 * that a change at 19:50 in Stockholm has happened by 19:00 UTC.
 */
export function clockOf(base: KnowledgeBase, now: Date): number {
  return wallClock(now, base.topic.info.timeZone).getTime();
}

/** Reports older than this many days are called out as possibly out of date. */
export const STALE_AFTER_DAYS = 30;

/**
 * The status an event began, as of the latest report that it still held: a "still" report moves
 * the "as of" date and may give the reason as it now stands.
 */
function report(entity: Entity, event: ResolvedEvent, now: Date, still?: ResolvedEvent): StatusReport {
  const latest = still ?? event;
  const ageDays = daysSince(latest.reported, now);
  return {
    entity: { id: entity.id, name: entity.name, kind: entity.kind },
    state: event.state,
    ...(event.look ? { look: event.look } : {}),
    since: event.effective,
    temporary: latest.temporary,
    // A later report that gives no cause leaves the cause of the change standing.
    ...((latest.reason ?? event.reason) ? { reason: latest.reason ?? event.reason } : {}),
    certainty: event.certainty,
    asOf: latest.reported,
    ageDays,
    stale: ageDays > STALE_AFTER_DAYS,
    source: latest.source,
    ...(still && still.source.id !== event.source.id ? { changeSource: event.source } : {}),
    ...(event.startUnknown ? { startUnknown: true } : {}),
  };
}

/**
 * The changes of state on an entity's timeline, in order. A "still" report that no earlier change
 * explains (a timeline that opens with "remains suspended", or a still report of another state than
 * the last change) stands as the first word on that state, marked `startUnknown`.
 */
export function changesOf(base: KnowledgeBase, entityId: string): ResolvedEvent[] {
  const out: ResolvedEvent[] = [];
  for (const e of base.timelines.get(entityId) ?? []) {
    if (e.type === "change") out.push(e);
    else if (e.type === "still" && out.at(-1)?.state !== e.state) out.push({ ...e, startUnknown: true });
  }
  return out;
}

/** Changes a source expects, which are never reported as having happened. */
export function expectedChanges(base: KnowledgeBase, entityId: string): ResolvedEvent[] {
  return (base.timelines.get(entityId) ?? []).filter((e) => e.type === "expected");
}

/** The latest report, up to `before`, that the state begun by `change` still held. */
export function stillReport(
  base: KnowledgeBase,
  entityId: string,
  change: ResolvedEvent,
  before: number,
): ResolvedEvent | undefined {
  const from = dateRange(change.effective).start;
  return (base.timelines.get(entityId) ?? [])
    .filter(
      (e) =>
        e.type === "still" &&
        sameState(e.state, change.state) &&
        dateRange(e.effective).start >= from &&
        dateRange(e.effective).start <= before,
    )
    .at(-1);
}

/** The latest "still" report on the change now in force, if any. */
export function currentStill(base: KnowledgeBase, entityId: string, now: Date): ResolvedEvent | undefined {
  const last = [...changesOf(base, entityId)]
    .reverse()
    .find((e) => dateRange(e.effective).start <= clockOf(base, now));
  return last ? stillReport(base, entityId, last, clockOf(base, now)) : undefined;
}

/** The latest reported status of an entity at `now`, or null when it has no timeline. */
export function currentStatus(base: KnowledgeBase, entityId: string, now: Date): StatusReport | null {
  const entity = base.entities.get(entityId);
  const events = changesOf(base, entityId);
  // An event dated after `now` has not happened yet as far as this question is concerned.
  const last = [...events].reverse().find((e) => dateRange(e.effective).start <= clockOf(base, now));
  if (!entity || !last) return null;
  return report(entity, last, now, stillReport(base, entityId, last, clockOf(base, now)));
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
  const events = changesOf(base, entityId);
  if (!entity || events.length === 0) return { kind: "no-timeline" };
  const { start, end } = dateRange(period);
  // A change at a known time that had taken effect by the start of the period ("reopened at 12:00",
  // asked "at noon") holds at it: it is not a change during it.
  const inForce = (e: ResolvedEvent) => {
    const r = dateRange(e.effective);
    return r.end < start || (isTimed(e.effective) && r.start <= start);
  };
  const during = events.filter((e) => {
    const r = dateRange(e.effective);
    return r.start <= end && r.end >= start && !inForce(e);
  });
  const before = [...events].reverse().find(inForce);
  if (during.length > 0)
    return { kind: "changed-during", events: during, entity, ...(before ? { before } : {}) };
  if (!before) return { kind: "before-records", first: events[0] as ResolvedEvent, entity };
  const next = events.find((e) => dateRange(e.effective).start > end);
  const still = stillReport(base, entityId, before, end);
  return { kind: "held", status: report(entity, before, now, still), ...(next ? { next } : {}) };
}

/** Every entity's current status, reduced for change detection. */
export function statusSnapshots(base: KnowledgeBase, now: Date): StatusSnapshot[] {
  const snapshots: StatusSnapshot[] = [];
  for (const entityId of base.timelines.keys()) {
    const status = currentStatus(base, entityId, now);
    if (!status) continue;
    const source = status.changeSource ?? status.source;
    const key = [status.state, status.since.date, status.since.precision, source.id].join("|");
    const set = base.stateSet(entityId);
    const looks = set.declared
      ? Object.fromEntries(set.states.flatMap((s) => [[s.id, lookOf(set, s.id)]]))
      : undefined;
    snapshots.push({ entityId, key, report: status, ...(looks ? { looks } : {}) });
  }
  return snapshots;
}

/**
 * Whether a state asked about is the one a timeline holds: the same, or closed and suspended, which
 * readers use for each other ("when did the metro shut" of a suspended service).
 */
export function sameState(actual: State, asked: State): boolean {
  return actual === asked || (NOT_RUNNING.has(actual) && NOT_RUNNING.has(asked));
}

const NOT_RUNNING = new Set<State>(["closed", "suspended"]);

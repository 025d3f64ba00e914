import type { KnowledgeBase, ResolvedEvent } from "../../knowledge/base.ts";
import { dateRange, daysSince, isRough, isTimed, wallClock, windowOfChange } from "../../knowledge/dates.ts";
import type { Dated, Entity, State } from "../../knowledge/schema.ts";
import { lookOf } from "../../knowledge/states.ts";
import type { Account, Dispute, StatusReport } from "../answer.ts";
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
  return changesIn(base.timelines.get(entityId) ?? []);
}

/** The changes of state among `events` (a whole timeline, or one source's account of it), in order. */
function changesIn(events: readonly ResolvedEvent[]): ResolvedEvent[] {
  const out: ResolvedEvent[] = [];
  for (const e of events) {
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
  return stillIn(base.timelines.get(entityId) ?? [], change, before);
}

function stillIn(events: readonly ResolvedEvent[], change: ResolvedEvent, before: number) {
  const from = dateRange(change.effective).start;
  return events
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
  if (!entity) return null;
  const status = statusIn(base, entity, base.timelines.get(entityId) ?? [], now);
  if (!status) return null;
  const accounts = accountsOf(base, entityId);
  if (accounts.length < 2) return status;
  const told = accounts.map((a) => ({ rival: a.rival, status: statusIn(base, entity, a.events, now) }));
  const disputed = disputeOf(told);
  return disputed ? { ...status, disputed } : status;
}

/** The latest status `events` give at `now`. */
function statusIn(
  base: KnowledgeBase,
  entity: Entity,
  events: readonly ResolvedEvent[],
  now: Date,
): StatusReport | null {
  // An event dated after `now` has not happened yet as far as this question is concerned.
  const last = [...changesIn(events)]
    .reverse()
    .find((e) => dateRange(e.effective).start <= clockOf(base, now));
  if (!last) return null;
  return report(entity, last, now, stillIn(events, last, clockOf(base, now)));
}

/**
 * A thing's timeline as each source of a disagreement tells it: for each entry the curator marked
 * as a rival account (`disagreement`), the timeline without the other accounts of that point. One
 * account, the whole timeline, when nothing about the thing is disputed.
 */
export function accountsOf(
  base: KnowledgeBase,
  entityId: string,
): { rival?: ResolvedEvent; events: readonly ResolvedEvent[] }[] {
  const events = base.timelines.get(entityId) ?? [];
  const rivals = events.filter((e) => e.disagreement !== undefined);
  if (rivals.length === 0) return [{ events }];
  return rivals.map((rival) => ({
    rival,
    events: events.filter((e) => e === rival || e.disagreement !== rival.disagreement),
  }));
}

/** The entries that are rival accounts of the same point as `event`, itself among them; none when it is undisputed. */
export function rivalsOf(base: KnowledgeBase, entityId: string, event: ResolvedEvent): ResolvedEvent[] {
  if (event.disagreement === undefined) return [];
  return (base.timelines.get(entityId) ?? []).filter((e) => e.disagreement === event.disagreement);
}

/**
 * The change before `event` on its thing's timeline, as the account it belongs to tells it: a rival
 * account's entry follows the changes its own account has, not its rivals.
 */
export function changeBefore(
  base: KnowledgeBase,
  entityId: string,
  event: ResolvedEvent,
): ResolvedEvent | undefined {
  const account = accountsOf(base, entityId).find((a) => a.rival === event || a.events.includes(event));
  const changes = changesIn(account?.events ?? base.timelines.get(entityId) ?? []);
  const at = changes.indexOf(event);
  return at > 0
    ? changes[at - 1]
    : at < 0
      ? changes.filter((e) => e.effective.date < event.effective.date).at(-1)
      : undefined;
}

/**
 * Where the accounts part: on the state (they give different states) or only on the date of the
 * change into the one they share. Undefined when they agree.
 */
function disputeOf(told: { rival?: ResolvedEvent; status: StatusReport | null }[]): Dispute | undefined {
  const accounts: Account[] = told.flatMap(({ rival, status }) =>
    rival && status
      ? [
          {
            source: rival.source,
            state: status.state,
            ...(status.look ? { look: status.look } : {}),
            since: status.since,
            temporary: status.temporary,
            ...(status.startUnknown ? { startUnknown: true } : {}),
            ...(rival.type === "still" ? { asOf: rival.effective } : {}),
          },
        ]
      : [],
  );
  if (accounts.length < 2) return undefined;
  if (new Set(accounts.map((a) => a.state)).size > 1) return { kind: "state", accounts };
  if (new Set(accounts.map((a) => JSON.stringify(a.since))).size > 1) return { kind: "date", accounts };
  return undefined;
}

/** What the timeline says about a past period. */
export type PastStatus =
  | { kind: "held"; status: StatusReport; next?: ResolvedEvent }
  | {
      kind: "changed-during";
      events: ResolvedEvent[];
      before?: ResolvedEvent;
      entity: Entity;
      /** Changes known only roughly whose span the period falls in: which side of them it was is not known. */
      unsettled?: ResolvedEvent[];
    }
  /** The sources the curator marked as disagreeing tell the period differently; each account with its rival entry. */
  | { kind: "disputed"; entity: Entity; accounts: { rival: ResolvedEvent; past: PastStatus }[] }
  | { kind: "before-records"; first: ResolvedEvent; entity: Entity }
  | { kind: "no-timeline" };

/**
 * The status during a period: held throughout (the last event before it, and the next one
 * after), changed during it, or unknown because the records start later.
 */
export function statusAsOf(base: KnowledgeBase, entityId: string, period: Dated, now: Date): PastStatus {
  const entity = base.entities.get(entityId);
  const all = base.timelines.get(entityId) ?? [];
  if (!entity || changesIn(all).length === 0) return { kind: "no-timeline" };
  const whole = pastIn(entity, all, period, now);
  const accounts = accountsOf(base, entityId);
  if (accounts.length < 2) return whole;
  const told = accounts.map((a) => ({ rival: a.rival, past: pastIn(entity, a.events, period, now) }));
  // The accounts agree where each has the thing in one state throughout, the same state, or where
  // none has it held (each has it changing in the period, or starts later).
  const held = told.map(({ past }) => (past.kind === "held" ? past.status.state : undefined));
  const agreed =
    held.every((s) => s === held[0]) &&
    (held[0] !== undefined || told.every((t) => t.past.kind === whole.kind));
  if (agreed) {
    if (whole.kind !== "held") return whole;
    const disputed = disputeOf(
      told.map(({ rival, past }) => ({ rival, status: past.kind === "held" ? past.status : null })),
    );
    return disputed ? { ...whole, status: { ...whole.status, disputed } } : whole;
  }
  return {
    kind: "disputed",
    entity,
    accounts: told.flatMap(({ rival, past }) => (rival ? [{ rival, past }] : [])),
  };
}

/**
 * The span in which a change may have taken effect: its date, or a range's days; for one known
 * only to have come "by" a date, from the change before it to that date; for one "not before" a
 * date, from that date to its report. A change a source reports came by the day it was published.
 */
export function changeWindow(
  event: ResolvedEvent,
  previous: ResolvedEvent | undefined,
): { start: number; end: number } {
  return windowOfChange(
    event.effective,
    previous?.effective,
    event.type === "expected" ? undefined : event.reported,
  );
}

/** What `events` (a whole timeline, or one source's account) say of a past period. */
function pastIn(entity: Entity, all: readonly ResolvedEvent[], period: Dated, now: Date): PastStatus {
  const events = changesIn(all);
  if (events.length === 0) return { kind: "no-timeline" };
  const { start, end } = dateRange(period);
  const windows = new Map(events.map((e, i) => [e, changeWindow(e, events[i - 1])]));
  const windowOf = (e: ResolvedEvent) => windows.get(e) as { start: number; end: number };
  // A change at a known time that had taken effect by the start of the period ("reopened at 12:00",
  // asked "at noon") holds at it: it is not a change during it.
  const inForce = (e: ResolvedEvent) => {
    const r = windowOf(e);
    return r.end < start || (isTimed(e.effective) && r.start <= start);
  };
  const during = events.filter((e) => {
    const r = windowOf(e);
    return r.start <= end && r.end >= start && !inForce(e);
  });
  const before = [...events].reverse().find(inForce);
  if (during.length > 0) {
    // A change known only roughly whose span the period falls within, or straddles: the sources do
    // not say which side of it the period was.
    const unsettled = during.filter(
      (e) => isRough(e.effective) && !(start <= windowOf(e).start && end >= windowOf(e).end),
    );
    return {
      kind: "changed-during",
      events: during,
      entity,
      ...(before ? { before } : {}),
      ...(unsettled.length > 0 ? { unsettled } : {}),
    };
  }
  if (!before) return { kind: "before-records", first: events[0] as ResolvedEvent, entity };
  const next = events.find((e) => windowOf(e).start > end);
  const still = stillIn(all, before, end);
  return { kind: "held", status: report(entity, before, now, still), ...(next ? { next } : {}) };
}

/** Every entity's current status, reduced for change detection. */
export function statusSnapshots(base: KnowledgeBase, now: Date): StatusSnapshot[] {
  const snapshots: StatusSnapshot[] = [];
  for (const entityId of base.timelines.keys()) {
    const status = currentStatus(base, entityId, now);
    if (!status) continue;
    const source = status.changeSource ?? status.source;
    // A dispute on the state is news of its own; an undisputed status keeps the key it always had.
    const key = [
      status.state,
      status.since.date,
      status.since.precision,
      source.id,
      ...(status.disputed?.kind === "state" ? ["disputed"] : []),
    ].join("|");
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

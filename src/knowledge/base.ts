import { runToEnd, type Steps } from "../runtime/steps.ts";
import type { ChatStatusUpdate } from "./chatUpdate.ts";
import { dateRange, dayOf, inZone, isTimed, orderOf } from "./dates.ts";
import type { ParsedFile } from "./load.ts";
import { fieldPath, type KnowledgeProblem } from "./problems.ts";
import type { SourceRef } from "./refs.ts";
import {
  type BaseInfo,
  BUILT_IN_KINDS,
  baseInfoSchema,
  type Certainty,
  type Dated,
  type Entity,
  type EventType,
  type Fact,
  type Kind,
  PLACE_KINDS,
  type Source,
  type State,
  type Timeline,
} from "./schema.ts";
import { lookOf, type StateLook, type StateSet, stateIds, stateSetOf } from "./states.ts";

/** A timeline event with its source resolved, whether from an article or from chat. */
export interface ResolvedEvent {
  /** A change, a later report that the state still holds, or an expected change. */
  type: EventType;
  state: State;
  effective: Dated;
  temporary: boolean;
  /** The cause the source gives; absent when it gives none. */
  reason?: string;
  certainty: Certainty;
  qualifier?: string;
  /** How a state its kind declares shows (label, severity, colour); absent for the four. */
  look?: StateLook;
  source: SourceRef;
  /** When this was reported: the article's date, or the day of the chat update. */
  reported: Dated;
  /**
   * The curator's name for a point on which sources disagree: entries of one thing that share it are
   * rival accounts, each from its own source.
   */
  disagreement?: string;
  /**
   * Set by the engine on a "still" report that is the first word on a state ("remains suspended"
   * with no earlier change): the state held on that date, and when it began is not known.
   */
  startUnknown?: boolean;
}

/** How an entity stands to others: where it is, whose it is, what it is part of. */
export interface Relations {
  location?: string;
  owner?: string;
  partOf?: string;
}

/** What the base says about itself and its kinds; empty for a base that declares none. */
export interface BaseTopic {
  info: BaseInfo;
  kinds: ReadonlyMap<string, Kind>;
}

const EMPTY_TOPIC: BaseTopic = { info: baseInfoSchema.parse({}), kinds: new Map() };

/** The validated, cross-referenced fact base. Immutable: a reload or chat update builds a new one. */
export class KnowledgeBase {
  readonly factsByEntity = new Map<string, Fact[]>();
  readonly relations = new Map<string, Relations>();

  /** Indexes the base at once; with `deferred`, leaves it to `build()`, run in slices by the caller. */
  constructor(
    readonly entities: ReadonlyMap<string, Entity>,
    readonly sources: ReadonlyMap<string, Source>,
    readonly facts: readonly Fact[],
    readonly timelines: ReadonlyMap<string, readonly ResolvedEvent[]>,
    readonly topic: BaseTopic = EMPTY_TOPIC,
    deferred = false,
  ) {
    if (!deferred) runToEnd(this.build());
  }

  /** The relations and the facts by entity, in steps of one entity or fact. */
  *build(): Steps {
    for (const entity of this.entities.values()) {
      const relations = relationsOf(entity, this.entities);
      if (relations.location || relations.owner || relations.partOf) this.relations.set(entity.id, relations);
      yield;
    }
    for (const fact of this.facts) {
      for (const id of fact.about) {
        const list = this.factsByEntity.get(id) ?? [];
        list.push(fact);
        this.factsByEntity.set(id, list);
      }
      yield;
    }
  }

  /** The states an entity's kind declares, or the four. */
  stateSet(entityId: string): StateSet {
    return stateSetOf(this.topic.kinds.get(this.entities.get(entityId)?.kind ?? ""));
  }

  sourceRef(id: string): SourceRef {
    const source = this.sources.get(id);
    if (!source) throw new Error(`unknown source ${id}`);
    return toSourceRef(source);
  }

  /** A copy with chat-reported status changes added to their entities' timelines. */
  withChatUpdates(updates: readonly ChatStatusUpdate[]): KnowledgeBase {
    if (updates.length === 0) return this;
    const timelines = new Map(this.timelines);
    for (const update of updates) {
      if (!this.entities.has(update.entityId)) continue;
      const day = dayOf(new Date(update.at));
      const who = update.by.name ?? update.by.id;
      const event: ResolvedEvent = {
        type: "change",
        state: update.state,
        ...withLook(this.stateSet(update.entityId), update.state),
        effective: day,
        temporary: false,
        reason: update.reason,
        certainty: "reported",
        reported: day,
        source: {
          id: `chat-${update.id}`,
          publisher: `reported in chat by ${who}`,
          headline: update.reason,
          published: day,
          reportedBy: who,
          ...(update.url ? { url: update.url } : {}),
        },
      };
      timelines.set(update.entityId, sortEvents([...(timelines.get(update.entityId) ?? []), event]));
    }
    return new KnowledgeBase(this.entities, this.sources, this.facts, timelines, this.topic);
  }

  /** The places an entity is in, nearest first: its location, that place's own location, and so on. */
  placesOf(entityId: string): string[] {
    const places: string[] = [];
    let current = this.relations.get(entityId)?.location ?? this.relations.get(entityId)?.partOf;
    while (current && !places.includes(current) && places.length < 8) {
      places.push(current);
      const next = this.relations.get(current);
      current = next?.location ?? next?.partOf;
    }
    return places;
  }
}

/**
 * Reads `location`, `owner` and `partOf`, and the older `country` and `city`: a thing in a city of
 * another country than its own `country` (an embassy) belongs to that country; otherwise the country
 * says where it is.
 */
function relationsOf(entity: Entity, entities: ReadonlyMap<string, Entity>): Relations {
  const relations: Relations = {};
  const location = entity.location ?? entity.city;
  if (location) relations.location = location;
  if (entity.owner) relations.owner = entity.owner;
  if (entity.partOf) relations.partOf = entity.partOf;
  if (entity.country && entity.kind !== "country") {
    const host = location ? placeCountry(location, entities) : undefined;
    const ownsIt = entity.kind === "embassy" || (host !== undefined && host !== entity.country);
    if (ownsIt && !relations.owner) relations.owner = entity.country;
    else if (!ownsIt && !relations.location) relations.location = entity.country;
  }
  return relations;
}

function placeCountry(id: string, entities: ReadonlyMap<string, Entity>): string | undefined {
  let current: Entity | undefined = entities.get(id);
  for (let steps = 0; current && steps < 8; steps++) {
    if (current.kind === "country") return current.id;
    const next = current.location ?? current.city ?? current.country;
    current = next ? entities.get(next) : undefined;
  }
  return undefined;
}

function withLook(set: StateSet, state: string): { look?: StateLook } {
  const look = lookOf(set, state);
  return look ? { look } : {};
}

function toSourceRef(source: Source): SourceRef {
  return {
    id: source.id,
    publisher: source.publisher,
    headline: source.headline,
    ...(source.descriptiveHeadline ? { descriptiveHeadline: true } : {}),
    published: source.published,
    ...(source.relays ? { relays: source.relays } : {}),
  };
}

function sortEvents(events: ResolvedEvent[]): ResolvedEvent[] {
  return events
    .map((event, order) => ({ event, order }))
    .sort((a, b) => orderOf(a.event.effective) - orderOf(b.event.effective) || a.order - b.order)
    .map(({ event }) => event);
}

/**
 * Joins parsed files into one base, checking what a single file cannot: unique ids and
 * references that resolve. Returns every problem at once.
 */
export function assembleBase(
  files: readonly ParsedFile[],
  options: {
    /** Some files could not be read at all: a reference is not reported unknown, as it may be there. */
    incomplete?: boolean;
  } = {},
): { ok: true; base: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  // Ids defined by items that failed validation: reported once, where they are defined.
  const claimed = new Set(files.flatMap((file) => [...(file.salvaged?.claimed ?? [])]));
  const known = (found: boolean, id: string) => found || options.incomplete === true || claimed.has(id);
  const kinds = new Map<string, Kind>();
  let info: BaseInfo | undefined;
  const entities = new Map<string, Entity>();
  const sources = new Map<string, Source>();
  const seen = new Map<string, string>();
  const report = (file: ParsedFile, parts: (string | number)[], message: string) =>
    problems.push({
      file: file.file,
      field: fieldPath(file.salvaged?.original(parts) ?? parts),
      line: file.lineOf(parts),
      message,
    });
  const claim = (file: ParsedFile, parts: (string | number)[], id: string) => {
    const earlier = seen.get(id);
    if (earlier) report(file, parts, `duplicate id "${id}" (first defined in ${earlier})`);
    else seen.set(id, file.file);
  };

  for (const file of files) {
    if (file.content.base) {
      if (info) report(file, ["base"], "the base is described twice (keep one `base` section)");
      info = file.content.base;
    }
    file.content.kinds.forEach((k, i) => {
      claim(file, ["kinds", i, "id"], k.id);
      kinds.set(k.id, k);
    });
    file.content.sources.forEach((s, i) => {
      claim(file, ["sources", i, "id"], s.id);
      sources.set(s.id, s);
    });
    file.content.entities.forEach((e, i) => {
      claim(file, ["entities", i, "id"], e.id);
      entities.set(e.id, withCorrectedSpellings(e));
    });
  }

  for (const file of files)
    file.content.kinds.forEach((k, i) => {
      const declared = new Set<string>();
      k.states?.forEach((state, j) => {
        if (declared.has(state.id))
          report(file, ["kinds", i, "states", j, "id"], `state "${state.id}" is declared twice`);
        declared.add(state.id);
      });
      const set = stateSetOf(k);
      k.questions.forEach((q, j) => {
        for (const answer of ["yes", "partly", "no"] as const)
          q[answer].forEach((state, n) => {
            if (!set.byId.has(state))
              report(
                file,
                ["kinds", i, "questions", j, answer, n],
                `unknown state "${state}" (the kind's states are ${stateIds(set).join(", ")})`,
              );
          });
      });
    });

  const setsOfKinds = new Map<string, StateSet>();
  const setOfKind = (kind: string): StateSet => {
    const known = setsOfKinds.get(kind);
    if (known) return known;
    const set = stateSetOf(kinds.get(kind));
    setsOfKinds.set(kind, set);
    return set;
  };
  const facts: Fact[] = [];
  const timelines = new Map<string, ResolvedEvent[]>();
  const ownTimelines = new Set<string>();
  const targetsOf = new Map<Timeline, string[]>();
  const rivals = new Map<string, { file: ParsedFile; parts: (string | number)[]; source: string }[]>();
  for (const file of files) {
    const c = file.content;
    const needEntity = (parts: (string | number)[], id: string | undefined) => {
      if (id !== undefined && !known(entities.has(id), id)) report(file, parts, `unknown entity "${id}"`);
    };
    const needSource = (parts: (string | number)[], id: string) => {
      if (!known(sources.has(id), id)) report(file, parts, `unknown source "${id}"`);
    };
    c.entities.forEach((e, i) => {
      if (!known(kinds.has(e.kind) || (BUILT_IN_KINDS as readonly string[]).includes(e.kind), e.kind))
        report(file, ["entities", i, "kind"], `unknown kind "${e.kind}" (declare it under \`kinds\`)`);
      for (const field of ["country", "city", "location", "owner", "partOf"] as const)
        needEntity(["entities", i, field], e[field]);
      e.corrections?.forEach((correction, j) => {
        if (correction.article !== e.name && !e.aliases.includes(correction.article))
          report(
            file,
            ["entities", i, "corrections", j, "article"],
            `"${correction.article}" is not this entity's name or one of its aliases; a correction marks how an article writes the name`,
          );
      });
      const where = e.location ?? e.city;
      const place = where ? entities.get(where) : undefined;
      if (place && !PLACE_KINDS.has(place.kind) && !e.location)
        report(
          file,
          ["entities", i, "city"],
          `"${where}" is not a place (use partOf for what it belongs to)`,
        );
    });
    c.facts.forEach((fact, i) => {
      claim(file, ["facts", i, "id"], fact.id);
      fact.about.forEach((id, j) => {
        needEntity(["facts", i, "about", j], id);
      });
      needSource(["facts", i, "source"], fact.source);
      fact.corrections?.forEach((correction, j) => {
        if (!fact.statement.includes(correction.article))
          report(
            file,
            ["facts", i, "corrections", j, "article"],
            `"${correction.article}" is not in the statement; write the article's words in the statement and mark them here`,
          );
      });
      facts.push(withEntityCorrections(fact, entities));
    });
    c.timelines.forEach((timeline, i) => {
      if (timeline.entity !== undefined) {
        needEntity(["timelines", i, "entity"], timeline.entity);
        // A thing's timeline may be spread over files, one per article; its events merge by date.
        const key = `${file.file}\u0000${timeline.entity}`;
        if (ownTimelines.has(key))
          report(
            file,
            ["timelines", i, "entity"],
            "timeline defined twice in this file; put its events in one entry",
          );
        ownTimelines.add(key);
      }
      const targets = timelineTargets(timeline, entities, kinds, (parts, message) =>
        report(file, ["timelines", i, ...parts], message),
      );
      targetsOf.set(timeline, targets);
      const targetKinds = [...new Set(targets.map((id) => entities.get(id)?.kind ?? ""))];
      timeline.events.forEach((event, j) => {
        needSource(["timelines", i, "events", j, "source"], event.source);
        if (event.disagreement !== undefined)
          for (const id of targets) {
            const key = `${id}\u0000${event.disagreement}`;
            const at = { file, parts: ["timelines", i, "events", j, "disagreement"], source: event.source };
            rivals.set(key, [...(rivals.get(key) ?? []), at]);
          }
        const without = targetKinds.find((kind) => !setOfKind(kind).byId.has(event.state));
        if (without !== undefined) {
          const set = setOfKind(without);
          report(
            file,
            ["timelines", i, "events", j, "state"],
            `"${event.state}" is not a state of ${targetKinds.length > 1 ? `kind "${without}"` : "this thing"} (${set.declared ? `its kind's states are` : "one of"} ${stateIds(set).join(", ")})`,
          );
        }
        if (isTimed(event.effective) && !event.effective.zone && !info?.timeZone)
          report(
            file,
            ["timelines", i, "events", j, "effective"],
            "gives a time but no time zone: declare the base's (`base.timeZone: Europe/Stockholm`) or give this one a `zone`",
          );
        const published = sources.get(event.source)?.published;
        // A source cannot report a status that took effect after it was published; it can expect one.
        // A change known only to have come "by" a date may have come long before it.
        if (
          event.type !== "expected" &&
          event.effective.bound !== "by" &&
          published &&
          dateRange(inZone(event.effective, info?.timeZone)).start > dateRange(published).end
        )
          report(
            file,
            ["timelines", i, "events", j, "effective"],
            `takes effect ${event.effective.date}, after its source "${event.source}" was published (${published.date})`,
          );
      });
    });
  }
  // Rival accounts: at least two entries of one thing share a disagreement, each from another source.
  for (const [key, accounts] of rivals) {
    const [entity, name] = key.split("\u0000") as [string, string];
    const first = accounts[0] as (typeof accounts)[number];
    if (accounts.length < 2)
      report(
        first.file,
        first.parts,
        `no other entry of "${entity}" names the disagreement "${name}"; give the rival account, from its own source, the same name`,
      );
    const sourcesSeen = new Set<string>();
    for (const account of accounts) {
      if (sourcesSeen.has(account.source))
        report(
          account.file,
          account.parts,
          `"${name}" has two accounts from source "${account.source}"; rival accounts come from different sources`,
        );
      sourcesSeen.add(account.source);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  // An entry naming several things is resolved once, so each of their timelines cites the same report.
  for (const file of files) {
    for (const timeline of file.content.timelines) {
      const targets = targetsOf.get(timeline) ?? [];
      const set = setOfKind(entities.get(targets[0] ?? "")?.kind ?? "");
      const events = timeline.events.map((event): ResolvedEvent => {
        const source = sources.get(event.source) as Source;
        return {
          type: event.type,
          state: event.state,
          ...withLook(set, event.state),
          // A time given in another zone is held as the base's time, which answers give.
          effective: inZone(event.effective, info?.timeZone),
          temporary: event.temporary,
          ...(event.reason ? { reason: event.reason } : {}),
          certainty: event.certainty,
          ...(event.qualifier ? { qualifier: event.qualifier } : {}),
          ...(event.disagreement ? { disagreement: event.disagreement } : {}),
          reported: source.published,
          source: {
            ...toSourceRef(source),
            ...(event.approvedBy ? { approvedBy: event.approvedBy } : {}),
          },
        };
      });
      for (const id of targets) timelines.set(id, [...(timelines.get(id) ?? []), ...events]);
    }
  }
  for (const [id, events] of timelines) timelines.set(id, sortEvents(events));
  const topic: BaseTopic = { info: info ?? EMPTY_TOPIC.info, kinds };
  return { ok: true, base: new KnowledgeBase(entities, sources, facts, timelines, topic) };
}

/**
 * The things a timeline entry is about: its `entity`, its `entities`, or every entity of its `kind`
 * (at its place `at`, when given). Reports unknown ids, a thing named twice and an entry naming none.
 */
function timelineTargets(
  timeline: Timeline,
  entities: ReadonlyMap<string, Entity>,
  kinds: ReadonlyMap<string, Kind>,
  report: (parts: (string | number)[], message: string) => void,
): string[] {
  if (timeline.entity !== undefined) return entities.has(timeline.entity) ? [timeline.entity] : [];
  if (timeline.entities !== undefined) {
    const seen = new Set<string>();
    timeline.entities.forEach((id, j) => {
      if (!entities.has(id)) report(["entities", j], `unknown entity "${id}"`);
      else if (seen.has(id)) report(["entities", j], `"${id}" is named twice`);
      seen.add(id);
    });
    return [...seen].filter((id) => entities.has(id));
  }
  const kind = timeline.kind as string;
  if (!kinds.has(kind) && !(BUILT_IN_KINDS as readonly string[]).includes(kind)) {
    report(["kind"], `unknown kind "${kind}" (declare it under \`kinds\`)`);
    return [];
  }
  const at = timeline.at;
  if (at !== undefined && !entities.has(at)) {
    report(["at"], `unknown entity "${at}"`);
    return [];
  }
  const targets = [...entities.values()]
    .filter((e) => e.kind === kind && (at === undefined || placesIn(e.id, entities).includes(at)))
    .map((e) => e.id);
  if (targets.length === 0)
    report(
      [at === undefined ? "kind" : "at"],
      at === undefined
        ? `names nothing: the base has no entity of kind "${kind}"`
        : `names nothing: no entity of kind "${kind}" is at "${at}" (in it, or part of something there)`,
    );
  return targets;
}

/** The places an entity is in, nearest first, by its location or what it is part of. */
function placesIn(id: string, entities: ReadonlyMap<string, Entity>): string[] {
  const places: string[] = [];
  let entity = entities.get(id);
  while (entity && places.length < 8) {
    const relations = relationsOf(entity, entities);
    const next = relations.location ?? relations.partOf;
    if (!next || places.includes(next)) break;
    places.push(next);
    entity = entities.get(next);
  }
  return places;
}

/** An entity whose misspelt name the curator corrected is also found by the curator's spelling. */
function withCorrectedSpellings(entity: Entity): Entity {
  const names = new Set([entity.name, ...entity.aliases].map((n) => n.toLowerCase()));
  const added = (entity.corrections ?? [])
    .filter((c) => c.kind === "spelling" && !names.has(c.curator.toLowerCase()))
    .map((c) => c.curator);
  return added.length === 0 ? entity : { ...entity, aliases: [...entity.aliases, ...added] };
}

/**
 * A fact with the corrections of the things it is about whose misspelt names its statement uses, so
 * that every answer citing it marks them, beside the fact's own corrections.
 */
function withEntityCorrections(fact: Fact, entities: ReadonlyMap<string, Entity>): Fact {
  const own = new Set((fact.corrections ?? []).map((c) => c.article));
  const inherited = fact.about
    .flatMap((id) => entities.get(id)?.corrections ?? [])
    .filter((c) => !own.has(c.article) && fact.statement.includes(c.article));
  if (inherited.length === 0) return fact;
  const unique = [...new Map(inherited.map((c) => [c.article, c])).values()];
  return { ...fact, corrections: [...(fact.corrections ?? []), ...unique] };
}

import type { SourceRef } from "../engine/answer.ts";
import type { ChatStatusUpdate } from "./chatUpdate.ts";
import { dateRange, dayOf } from "./dates.ts";
import type { ParsedFile } from "./load.ts";
import { fieldPath, type KnowledgeProblem } from "./load.ts";
import type { Certainty, Dated, Entity, Fact, Source, State } from "./schema.ts";

/** A timeline event with its source resolved, whether from an article or from chat. */
export interface ResolvedEvent {
  state: State;
  effective: Dated;
  temporary: boolean;
  reason: string;
  certainty: Certainty;
  qualifier?: string;
  source: SourceRef;
  /** When this was reported: the article's date, or the day of the chat update. */
  reported: Dated;
}

/** The validated, cross-referenced fact base. Immutable: a reload or chat update builds a new one. */
export class KnowledgeBase {
  readonly factsByEntity = new Map<string, Fact[]>();

  constructor(
    readonly entities: ReadonlyMap<string, Entity>,
    readonly sources: ReadonlyMap<string, Source>,
    readonly facts: readonly Fact[],
    readonly timelines: ReadonlyMap<string, readonly ResolvedEvent[]>,
  ) {
    for (const fact of facts) {
      for (const id of fact.about) {
        const list = this.factsByEntity.get(id) ?? [];
        list.push(fact);
        this.factsByEntity.set(id, list);
      }
    }
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
        state: update.state,
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
    return new KnowledgeBase(this.entities, this.sources, this.facts, timelines);
  }
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
    .sort(
      (a, b) => dateRange(a.event.effective).start - dateRange(b.event.effective).start || a.order - b.order,
    )
    .map(({ event }) => event);
}

/**
 * Joins parsed files into one base, checking what a single file cannot: unique ids and
 * references that resolve. Returns every problem at once.
 */
export function assembleBase(
  files: readonly ParsedFile[],
): { ok: true; base: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const entities = new Map<string, Entity>();
  const sources = new Map<string, Source>();
  const seen = new Map<string, string>();
  const report = (file: ParsedFile, parts: (string | number)[], message: string) =>
    problems.push({ file: file.file, field: fieldPath(parts), line: file.lineOf(parts), message });
  const claim = (file: ParsedFile, parts: (string | number)[], id: string) => {
    const earlier = seen.get(id);
    if (earlier) report(file, parts, `duplicate id "${id}" (first defined in ${earlier})`);
    else seen.set(id, file.file);
  };

  for (const file of files) {
    file.content.sources.forEach((s, i) => {
      claim(file, ["sources", i, "id"], s.id);
      sources.set(s.id, s);
    });
    file.content.entities.forEach((e, i) => {
      claim(file, ["entities", i, "id"], e.id);
      entities.set(e.id, e);
    });
  }

  const facts: Fact[] = [];
  const timelines = new Map<string, ResolvedEvent[]>();
  for (const file of files) {
    const c = file.content;
    const needEntity = (parts: (string | number)[], id: string | undefined) => {
      if (id !== undefined && !entities.has(id)) report(file, parts, `unknown entity "${id}"`);
    };
    const needSource = (parts: (string | number)[], id: string) => {
      if (!sources.has(id)) report(file, parts, `unknown source "${id}"`);
    };
    c.entities.forEach((e, i) => {
      needEntity(["entities", i, "country"], e.country);
      needEntity(["entities", i, "city"], e.city);
    });
    c.facts.forEach((fact, i) => {
      claim(file, ["facts", i, "id"], fact.id);
      fact.about.forEach((id, j) => {
        needEntity(["facts", i, "about", j], id);
      });
      needSource(["facts", i, "source"], fact.source);
      facts.push(fact);
    });
    c.timelines.forEach((timeline, i) => {
      needEntity(["timelines", i, "entity"], timeline.entity);
      if (timelines.has(timeline.entity)) report(file, ["timelines", i, "entity"], "timeline defined twice");
      timeline.events.forEach((event, j) => {
        needSource(["timelines", i, "events", j, "source"], event.source);
        const published = sources.get(event.source)?.published;
        // A source cannot report a status that took effect after it was published.
        if (published && dateRange(event.effective).start > dateRange(published).end)
          report(
            file,
            ["timelines", i, "events", j, "effective"],
            `takes effect ${event.effective.date}, after its source "${event.source}" was published (${published.date})`,
          );
      });
      timelines.set(timeline.entity, []);
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  for (const file of files) {
    for (const timeline of file.content.timelines) {
      const events = timeline.events.map((event): ResolvedEvent => {
        const source = sources.get(event.source) as Source;
        return {
          state: event.state,
          effective: event.effective,
          temporary: event.temporary,
          reason: event.reason,
          certainty: event.certainty,
          ...(event.qualifier ? { qualifier: event.qualifier } : {}),
          reported: source.published,
          source: toSourceRef(source),
        };
      });
      timelines.set(timeline.entity, sortEvents(events));
    }
  }
  return { ok: true, base: new KnowledgeBase(entities, sources, facts, timelines) };
}

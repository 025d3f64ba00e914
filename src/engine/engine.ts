import type { KnowledgeBase } from "../knowledge/base.ts";
import { formatDated } from "../knowledge/dates.ts";
import type { Entity } from "../knowledge/schema.ts";
import type { Answer, StatusReport } from "./answer.ts";
import { changeSentence, decline, entityRef, factAnswer, statusAnswer } from "./compose.ts";
import { EngineIndex } from "./index.ts";
import { capitalise, messages, onOrIn, statusSentence, theName } from "./messages.ts";
import type { EntityResolution } from "./resolution.ts";
import { entityResolver } from "./resolveEntity.ts";
import { isSpecific, rankFacts, topicStems } from "./retrieve.ts";
import { type QuestionShape, questionShape } from "./shape.ts";
import { currentStatus, lastChange, statusAsOf } from "./status.ts";
import { type Understanding, understand } from "./understand.ts";

export interface AskContext {
  /** The moment the question is asked; ages and staleness are measured from it. */
  now: Date;
}

/** Confidence lost per spelling correction, since each one is a guess at what was meant. */
const CORRECTION_PENALTY = 0.08;

/**
 * Answers questions from one knowledge base. Build a new engine for a new base; building
 * indexes everything once so that `ask` never scans the whole base.
 */
export class QueryEngine {
  readonly index: EngineIndex;
  readonly resolveEntity: (text: string, options?: { withStatus?: boolean }) => EntityResolution;

  constructor(readonly base: KnowledgeBase) {
    this.index = new EngineIndex(base);
    this.resolveEntity = entityResolver(this.index);
  }

  ask(question: string, context: AskContext): Answer {
    const u = understand(this.index, question);
    if (u.tokens.length === 0)
      return decline("empty-question", "unknown", messages.empty, [], this.examples());
    const shape = questionShape(u.tokens);
    if (shape.asksHelp)
      return { ...decline("help", "help", messages.help, [], this.examples()), answered: true };
    const confidence = Math.max(0.3, 0.95 - CORRECTION_PENALTY * u.corrections);

    if (u.uncovered.length > 0 && u.embassies.length === 0) return this.uncovered(u);
    const tracked = u.entities.filter((e) => this.base.timelines.has(e.id));
    if (tracked.length > 0 && this.isStatusQuestion(u, shape)) {
      return this.answerStatus(u, shape, tracked, confidence, context.now);
    }
    return this.answerFromFacts(u, shape, confidence, context.now);
  }

  private isStatusQuestion(u: Understanding, shape: QuestionShape): boolean {
    if (shape.word === "why" || shape.word === "when")
      return shape.asksStatus || shape.changeTo !== undefined;
    if (shape.asksStatus) return true;
    return (
      topicStems(u).length === 0 && u.embassies.length > 0 && shape.word !== "who" && !shape.asksBriefing
    );
  }

  private answerStatus(
    u: Understanding,
    shape: QuestionShape,
    tracked: Entity[],
    confidence: number,
    now: Date,
  ): Answer {
    const notes = u.uncovered.length > 0 ? [messages.uncovered(u.uncovered)] : [];
    if (shape.word === "when" || shape.word === "why") {
      const sentences: string[] = [];
      const qualifiers: string[] = [];
      for (const entity of tracked.slice(0, 3)) {
        const current = currentStatus(this.base, entity.id, now);
        const wanted = shape.changeTo ?? current?.state;
        const event = shape.future ? undefined : lastChange(this.base, entity.id, wanted);
        if (!event) {
          if (current && wanted) {
            sentences.push(
              `${shape.future ? messages.noForecast(theName(entity), wanted) : messages.noSuchChange(theName(entity), wanted)} ${statusSentence(current)}`,
            );
          }
          continue;
        }
        const events = this.base.timelines.get(entity.id) ?? [];
        sentences.push(changeSentence(theName(entity), event, events[events.indexOf(event) - 1]));
        if (event.qualifier) qualifiers.push(event.qualifier);
      }
      if (sentences.length === 0) return this.answerFromFacts(u, shape, confidence, now);
      const statuses = tracked
        .map((e) => currentStatus(this.base, e.id, now))
        .filter((s): s is StatusReport => s !== null);
      const intent = shape.word === "why" ? "why" : "status-change";
      const answer = statusAnswer(intent, statuses, confidence, undefined, {
        qualifiers: [...notes, ...qualifiers],
      });
      return { ...answer, text: [...sentences, ...qualifiers.map((q) => `${q}.`), ...notes].join(" ") };
    }
    if (shape.date) return this.answerPastStatus(tracked, shape, confidence, now);
    const statuses = tracked
      .map((e) => currentStatus(this.base, e.id, now))
      .filter((s): s is StatusReport => s !== null);
    const qualifiers = tracked
      .map((e) => this.base.timelines.get(e.id)?.at(-1)?.qualifier)
      .filter((q): q is string => q !== undefined);
    if (shape.asksPermanent && statuses.length > 0 && statuses.every((s) => s.temporary)) {
      const answer = statusAnswer("status", statuses, confidence, undefined, {
        sentences: notes,
        qualifiers,
      });
      return { ...answer, text: `${messages.temporaryNotPermanent} ${answer.text}` };
    }
    return statusAnswer("status", statuses, confidence, shape.askedState, {
      sentences: notes,
      qualifiers,
    });
  }

  private answerPastStatus(tracked: Entity[], shape: QuestionShape, confidence: number, now: Date): Answer {
    const period = shape.date as NonNullable<QuestionShape["date"]>;
    const sentences: string[] = [];
    const statuses: StatusReport[] = [];
    for (const entity of tracked.slice(0, 3)) {
      const past = statusAsOf(this.base, entity.id, period, now);
      if (past.kind === "held") {
        statuses.push(past.status);
        const until = past.next
          ? `; the next reported change was on ${formatDated(past.next.effective)}`
          : "";
        sentences.push(
          `${capitalise(theName(entity))} was ${past.status.state} ${onOrIn(period)}: it became ${past.status.state} ${onOrIn(past.status.since)}, per ${past.status.source.publisher}${until}.`,
        );
      } else if (past.kind === "changed-during") {
        for (const event of past.events) sentences.push(changeSentence(theName(entity), event, past.before));
      } else if (past.kind === "before-records") {
        sentences.push(messages.beforeRecords(theName(entity), formatDated(past.first.effective)));
      }
    }
    if (statuses.length === 0 && sentences.every((s) => s.startsWith("My sources say nothing"))) {
      return decline("no-status", "status-on-date", sentences.join(" "), tracked);
    }
    const answer = statusAnswer("status-on-date", statuses, confidence, undefined);
    return { ...answer, entities: tracked.map(entityRef), text: sentences.join(" ") };
  }

  private answerFromFacts(u: Understanding, shape: QuestionShape, confidence: number, now: Date): Answer {
    const intent = shape.asksAdvice
      ? "advice"
      : shape.word === "who"
        ? "who"
        : shape.word === "why"
          ? "why"
          : shape.word === "how-many"
            ? "how-many"
            : shape.date && topicStems(u).every((t) => t === "happen")
              ? "on-date"
              : topicStems(u).length === 0 || shape.asksBriefing
                ? "briefing"
                : "what";
    if (u.uncovered.length > 0) return this.uncovered(u);
    if (u.unknownPlaces.length > 0) {
      return decline(
        "unknown-entity",
        intent,
        messages.uncovered(u.unknownPlaces.map(capitalise)),
        u.entities,
        this.examples(),
      );
    }
    const ranked = rankFacts(this.index, u, shape, 3);
    const best = ranked[0];
    if (!best) {
      if (u.entities.length > 0) {
        const topic =
          u.entities.find((e) => !this.index.isContext(e.id)) ??
          u.entities.filter(isSpecific)[0] ??
          u.entities[0];
        return decline(
          "no-facts",
          intent,
          `${messages.noFacts(topic?.name ?? "that")}`,
          u.entities,
          this.examples(),
        );
      }
      return decline("out-of-scope", "unknown", messages.outOfScope, [], this.examples());
    }
    const close = ranked.filter((r) => r !== best && r.score >= best.score * 0.75);
    // A why-question is answered by the reason first, even when another fact matches its words better.
    const reason = intent === "why" ? ranked.find((r) => r.fact.answers.includes("why")) : undefined;
    const ordered = reason && reason !== best ? [reason, best] : [best, ...close];
    const picked = ordered.slice(0, intent === "briefing" || intent === "on-date" ? 3 : 2);
    const defined = u.entities.find((e) => isSpecific(e) && e.description);
    const lead =
      (intent === "briefing" || shape.word === "who" || shape.word === "what") &&
      defined &&
      topicStems(u).length === 0
        ? `${defined.name}: ${defined.description?.replace(/\.$/, "")}.`
        : undefined;
    const statuses = u.entities
      .filter((e) => intent === "briefing" && this.base.timelines.has(e.id))
      .map((e) => currentStatus(this.base, e.id, now))
      .filter((s): s is StatusReport => s !== null);
    const answer = factAnswer(
      this.base,
      intent,
      picked.map((r) => r.fact),
      u.entities,
      confidence * Math.min(1, 0.5 + best.termCoverage / 2),
      now,
      lead ?? (statuses[0] ? statusSentence(statuses[0]) : undefined),
    );
    return statuses.length > 0 ? { ...answer, status: statuses[0], statuses } : answer;
  }

  private uncovered(u: Understanding): Answer {
    const embassies = this.index.embassies.map((e) => theName(e));
    return decline(
      "unknown-entity",
      "status",
      `${messages.uncovered(u.uncovered)} ${messages.tracked(embassies)}`,
      u.entities,
      embassies.map((name) => `is ${name} open?`),
    );
  }

  private examples(): string[] {
    const primary = this.index.embassies.find((e) => e.primary) ?? this.index.embassies[0];
    return primary
      ? [`is the ${primary.name} open?`, `why is the ${primary.name} closed?`, "help"]
      : ["help"];
  }
}

/** Every tracked status at once, for `status` with no entity. */
export function allStatuses(engine: QueryEngine, now: Date): Answer {
  const statuses = [...engine.base.timelines.keys()]
    .map((id) => currentStatus(engine.base, id, now))
    .filter((s): s is StatusReport => s !== null);
  return statusAnswer("status", statuses, 0.95, undefined);
}

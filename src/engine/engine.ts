import type { KnowledgeBase } from "../knowledge/base.ts";
import type { Entity } from "../knowledge/schema.ts";
import type { Answer, StatusReport } from "./answer.ts";
import { decline, statusAnswer } from "./compose.ts";
import { answerFromFacts } from "./factAnswers.ts";
import { EngineIndex } from "./index.ts";
import { messages, placeName, theName } from "./messages.ts";
import type { EntityResolution } from "./resolution.ts";
import { entityResolver } from "./resolveEntity.ts";
import { type QuestionShape, questionShape } from "./shape.ts";
import { currentStatus } from "./status.ts";
import { answerStatus, asksOnlyStatus, statusQualifier } from "./statusAnswers.ts";
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
    const shape = questionShape(u.tokens, context.now);
    if (shape.asksHelp)
      return { ...decline("help", "help", messages.help, [], this.examples()), answered: true };
    const confidence = Math.max(0.3, 0.95 - CORRECTION_PENALTY * u.corrections);

    if (u.uncovered.length > 0 && u.embassies.length === 0) return this.uncovered(u);
    // Places named beside a covered embassy ("and the French one?") are said to be missing, not dropped.
    const places = u.unknownPlaces.filter((p) => !u.uncovered.some((n) => n.toLowerCase().includes(p)));
    const missing = [...u.uncovered, ...places.map(placeName)];
    const notes = missing.length > 0 ? [messages.uncovered(missing)] : [];
    let tracked = u.entities.filter((e) => this.base.timelines.has(e.id));
    // "Status Italy": a country named in a status question stands for its embassy.
    if (tracked.length === 0 && shape.asksStatus && !u.aboutEmbassy && asksOnlyStatus(u))
      tracked = this.embassiesOf(u.entities);
    const primary = this.primary();
    if (tracked.length === 0 && primary && this.isBareStatusQuestion(u, shape)) {
      tracked = [primary];
      notes.push(messages.assumedPrimary(theName(primary)));
    }
    if (tracked.length > 0 && this.isStatusQuestion(u, shape)) {
      // "What are the benefits of reopening it" asks about something beside the status: facts that
      // cover those words answer it; the status answers only when none does.
      if (shape.word === "what" && !asksOnlyStatus(u) && u.uncovered.length === 0) {
        const fromFacts = answerFromFacts(this.index, u, shape, confidence, context.now, this.examples());
        if (fromFacts.answered) return fromFacts;
      }
      return answerStatus(this.base, u, shape, tracked, confidence, context.now, notes);
    }
    if (u.uncovered.length > 0) return this.uncovered(u);
    return answerFromFacts(this.index, u, shape, confidence, context.now, this.examples());
  }

  private isStatusQuestion(u: Understanding, shape: QuestionShape): boolean {
    if (shape.word === "who" || shape.word === "where" || shape.word === "how-many") return false;
    if (shape.word === "why" || shape.word === "when")
      return shape.asksStatus || shape.changeTo !== undefined;
    if (shape.asksStatus) return true;
    return u.topics.length === 0 && u.embassies.length > 0 && !shape.asksBriefing;
  }

  /** "Is it open?", "why did it close?": a status question naming nothing at all. */
  private isBareStatusQuestion(u: Understanding, shape: QuestionShape): boolean {
    const asks =
      shape.asksStatus || ((shape.word === "why" || shape.word === "when") && shape.changeTo !== undefined);
    return asks && u.entities.length === 0 && u.unknownPlaces.length === 0 && asksOnlyStatus(u);
  }

  private embassiesOf(entities: readonly Entity[]): Entity[] {
    const countries = new Set(entities.filter((e) => e.kind === "country").map((e) => e.id));
    return this.index.embassies.filter((e) => e.country !== undefined && countries.has(e.country));
  }

  private primary(): Entity | undefined {
    return this.index.embassies.find((e) => e.primary) ?? this.index.embassies[0];
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
    const primary = this.primary();
    return primary
      ? [`is the ${primary.name} open?`, `why is the ${primary.name} closed?`, "help"]
      : ["help"];
  }
}

/** The latest status of the given entities (every tracked one when none), for the `status` command. */
export function statusesOf(engine: QueryEngine, now: Date, entityIds?: string[]): Answer {
  const statuses = (entityIds ?? [...engine.base.timelines.keys()])
    .map((id) => currentStatus(engine.base, id, now))
    .filter((s): s is StatusReport => s !== null);
  return statusAnswer("status", statuses, 0.95, { qualifierOf: statusQualifier(engine.base, now) });
}

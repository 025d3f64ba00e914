import type { KnowledgeBase } from "../knowledge/base.ts";
import type { Entity } from "../knowledge/schema.ts";
import { runInSlices } from "../runtime/steps.ts";
import type { Answer, Caveat, StatusReport } from "./answer.ts";
import { accountFor } from "./compose/accountFor.ts";
import { decline, markCorrections, statusAnswer } from "./compose/compose.ts";
import { answerFromFacts } from "./compose/factAnswers.ts";
import { answerDuration, answerExpected, answerStatus, statusQualifier } from "./compose/statusAnswers.ts";
import { notAQuestion } from "./interpret/asksAnything.ts";
import { type ConversationSubject, interpret, type QuestionPart } from "./interpret/interpret.ts";
import { messages, scopeSentence, theName } from "./language/sentences.ts";
import { ABILITY_MODALS, GENERAL_HOW, YES_NO_OPENERS } from "./language/words.ts";
import { EngineIndex } from "./lookup/index.ts";
import { cleanInput, STATUS_STEMS, tokenize } from "./normalise/text.ts";
import { entityRef } from "./resolve/entityRef.ts";
import type { EntityResolution } from "./resolve/resolution.ts";
import { entityResolver } from "./resolve/resolveEntity.ts";
import { currentStatus } from "./retrieve/status.ts";

export interface AskContext {
  /** The moment the question is asked; ages and staleness are measured from it. */
  now: Date;
  /** What the conversation was last about, for a follow-up that names nothing ("why did it close"). */
  subject?: ConversationSubject;
}

/** Confidence lost per spelling correction, since each one is a guess at what was meant. */
const CORRECTION_PENALTY = 0.08;
/** Under this confidence the engine declines rather than guess. */
export const MIN_CONFIDENCE = 0.35;

/**
 * Answers questions from one knowledge base. Build a new engine for a new base; building
 * indexes everything once so that `ask` never scans the whole base.
 */
export class QueryEngine {
  readonly index: EngineIndex;
  readonly resolveEntity: (text: string, options?: { withStatus?: boolean }) => EntityResolution;
  /** The latest year the sources report on: a date asked without a year means that year's. */
  private readonly yearHint: number;

  /** Builds the index now, or takes one built over this same base (by `QueryEngine.build`). */
  constructor(
    readonly base: KnowledgeBase,
    index?: EngineIndex,
  ) {
    if (index && index.base !== base) throw new Error("the index was built over another base");
    this.index = index ?? new EngineIndex(base);
    this.resolveEntity = entityResolver(this.index);
    let latest = 0;
    for (const source of base.sources.values())
      latest = Math.max(latest, Number(source.published.date.slice(0, 4)));
    this.yearHint = latest || new Date().getUTCFullYear();
  }

  /**
   * An engine built in slices, between which the event loop runs (questions to the current engine,
   * health checks), so that a large base is indexed without holding the thread that answers.
   */
  static async build(base: KnowledgeBase, sliceMs?: number): Promise<QueryEngine> {
    const index = new EngineIndex(base, true);
    await runInSlices(index.build(), sliceMs);
    return new QueryEngine(base, index);
  }

  ask(question: string, context: AskContext): Answer {
    const cleaned = cleanInput(question);
    const { parts } = interpret(this.index, cleaned, context.now, this.yearHint, context.subject);
    if (parts.length === 0)
      return decline(
        "empty-question",
        "unknown",
        messages.empty(this.examples()[0] ?? "help"),
        [],
        this.examples(),
      );
    const answers = parts.map((part) => {
      const answer = this.covered(part, this.answerPart(part, context.now), context.now);
      // One threshold: under it the engine says it is not sure rather than guess.
      if (answer.answered && answer.code === "answered" && answer.confidence < MIN_CONFIDENCE)
        return decline("out-of-scope", answer.intent, messages.unsure, [], this.examples());
      return answer;
    });
    return markCorrections(this.base, merge(answers, parts));
  }

  private answerPart(part: QuestionPart, now: Date): Answer {
    const { u, shape } = part;
    if (part.intent === "help")
      return {
        ...decline(
          "help",
          "help",
          messages.help(scopeSentence(this.base), this.examples()[0] ?? "help"),
          [],
          this.examples(),
        ),
        answered: true,
      };
    const aside = notAQuestion(this.index, part.u, part.shape, part.text);
    if (aside)
      return decline(
        "out-of-scope",
        "unknown",
        aside === "small-talk"
          ? messages.smallTalk
          : aside === "opinion"
            ? messages.opinion(scopeSentence(this.base))
            : messages.directive(scopeSentence(this.base)),
        [],
        this.examples(),
      );
    const confidence = partConfidence(this.index, part);
    const tracked = part.targets;
    if (u.uncovered.length > 0 && tracked.length === 0) return this.uncovered(u.uncovered, u.entities);
    // Places named beside a covered thing ("and the French one?") are said to be missing, not dropped.
    const missing = [
      ...u.uncovered,
      ...u.unknownPlaces.filter((p) => !u.uncovered.some((n) => n.toLowerCase().includes(p.toLowerCase()))),
    ];
    const notes: Caveat[] =
      missing.length > 0 ? [{ kind: "uncovered", text: messages.uncovered(missing), unplaced: missing }] : [];
    if (part.subjectFrom === "primary" || part.subjectFrom === "conversation")
      notes.push({
        kind: "assumed",
        text: messages.assumedPrimary(tracked.map((e) => theName(e)).join(" and ")),
        ...(tracked[0] ? { assumed: entityRef(tracked[0]) } : {}),
        alternatives: [],
      });
    if (u.assumption)
      notes.push({
        kind: "assumed",
        text: messages.assumed(
          theName(u.assumption.chosen),
          u.assumption.alternatives.map((e) => theName(e)),
          u.assumption.noun,
        ),
        assumed: entityRef(u.assumption.chosen),
        alternatives: u.assumption.alternatives.map(entityRef),
      });
    if (part.choices && part.intent === "facts" && (shape.asksStatus || shape.changeTo)) {
      return decline(
        "ambiguous",
        "status",
        messages.which(part.choices.map((e) => theName(e))),
        [],
        part.choices.map((e) => `is ${theName(e)} open?`),
      );
    }
    const facts = () => answerFromFacts(this.index, u, shape, confidence, now, this.examples());
    // How the things asked about stand now, beside an answer from facts: no yes or no of its own.
    const standing = (sure: number, said: Caveat[]) =>
      answerStatus(
        this.index,
        u,
        { ...shape, word: "none", askedState: undefined },
        tracked,
        sure,
        now,
        said,
      );
    switch (part.intent) {
      case "status":
      case "status-on-date":
      case "status-change":
      case "why": {
        if (part.factsFirst) {
          // "What should people do while the ER is closed": the status word sets the scene, the rest is asked.
          const asked = { ...u, topics: u.topics.filter((t) => !STATUS_STEMS.has(t)) };
          const fromFacts =
            asked.topics.length > 0
              ? answerFromFacts(this.index, asked, shape, confidence, now, this.examples())
              : facts();
          if (fromFacts.answered) return fromFacts;
        }
        // A change asked about without "when" or "why" ("did the storm close the port") is told as its change.
        const changeAsked =
          part.intent === "status-change" && shape.word !== "when" && shape.word !== "why"
            ? { ...shape, word: "when" as const }
            : shape;
        // "Are Dublin and Knock open", where Knock is not found: no yes or no for the whole question.
        const asked = missing.length > 0 ? { ...changeAsked, askedState: undefined } : changeAsked;
        return answerStatus(this.index, u, asked, tracked, confidence, now, notes);
      }
      case "duration":
        return answerDuration(this.index, u, shape, tracked, confidence, now, notes);
      case "expected":
        return answerExpected(this.index, u, shape, tracked, confidence, now, notes);
      case "briefing": {
        const status = standing(confidence, notes);
        const fromFacts = answerFromFacts(
          this.index,
          u,
          { ...shape, asksBriefing: true },
          confidence,
          now,
          this.examples(),
          {
            latest: true,
            noLead: true,
          },
        );
        return fromFacts.answered ? merge([status, fromFacts], []) : status;
      }
      case "facts-then-status": {
        const fromFacts = facts();
        // "Is Jetstar flying to Bali": what the reports say in those words, then how it stands.
        if (fromFacts.answered && shape.word === "yes-no" && tracked.length > 0 && tracked.length <= 2) {
          const now_ = standing(confidence, notes);
          return now_.answered ? merge([fromFacts, now_], []) : fromFacts;
        }
        if (fromFacts.answered || u.uncovered.length > 0) return fromFacts;
        return standing(confidence * 0.9, notes);
      }
      default: {
        if (u.uncovered.length > 0) return this.uncovered(u.uncovered, u.entities);
        // "How does a crane work": how something works in general is not what reports tell.
        if (
          shape.word === "how" &&
          GENERAL_HOW.has(u.tokens[1] ?? "") &&
          tracked.length === 0 &&
          !shape.asksAdvice
        )
          return decline(
            "out-of-scope",
            "unknown",
            messages.outOfScope(scopeSentence(this.base)),
            [],
            this.examples(),
          );
        const fromFacts = facts();
        // "Why is the clinic only taking urgent cases": the reason, and how it stands now.
        if (fromFacts.answered && shape.word === "why" && tracked.length > 0 && tracked.length <= 2) {
          return merge([fromFacts, standing(confidence, [])], []);
        }
        return fromFacts;
      }
    }
  }

  /**
   * The answer if it covers every word of the part that names something; otherwise what the
   * sources do not mention, never a neighbour's answer.
   */
  private covered(part: QuestionPart, answer: Answer, now: Date): Answer {
    if (!answer.answered || answer.code !== "answered") return answer;
    // A thing picked out of a place by the question's words ("flights in Mendoza") rests on its reports.
    const pickedBy = part.subjectFrom === "place" ? part.targets.map((t) => t.id) : [];
    const coverage = accountFor(this.index, part.u, part.shape, answer, pickedBy);
    if (coverage.uncovered.length === 0) return answer;
    // "How strong were the winds when they shut it": a status does not cover what is asked, but a
    // fact may: it answers only if it covers every word that names something.
    if (answer.facts.length === 0) {
      const fromFacts = answerFromFacts(
        this.index,
        part.u,
        part.shape,
        answer.confidence,
        now,
        this.examples(),
      );
      if (
        fromFacts.answered &&
        fromFacts.code === "answered" &&
        accountFor(this.index, part.u, part.shape, fromFacts, pickedBy).uncovered.length === 0
      )
        return fromFacts;
    }
    // "Why did the US send marines to guard it": the subject is right and the rest is put forward,
    // so the answer says the sources do not mention it, then what they do say.
    const yesNo = YES_NO_OPENERS.has(part.u.tokens[0] ?? "");
    // "Was it closed because of a storm": a cause put forward that the sources do not mention.
    const cause = part.shape.claimedCause;
    const causeWords = new Set(cause ? part.u.tokens.slice(cause.start, cause.end) : []);
    const onlyCause =
      cause !== undefined && coverage.uncovered.every((run) => tokenize(run).every((t) => causeWords.has(t)));
    if (part.shape.word === "why" && (!yesNo || onlyCause) && !coverage.namesOtherSubject) {
      const premise: Caveat = {
        kind: "premise-not-supported",
        text: messages.notMentioned(coverage.uncovered),
        unplaced: coverage.uncovered,
      };
      return { ...answer, text: `${premise.text} ${answer.text}`, caveats: [premise, ...answer.caveats] };
    }
    return {
      ...decline(
        "not-covered",
        answer.intent,
        messages.notMentioned(coverage.uncovered),
        [],
        this.trackedThings(3).map((e) => `is ${theName(e)} open?`),
      ),
      unplaced: coverage.uncovered,
    };
  }

  private uncovered(names: string[], entities: Entity[]): Answer {
    const shown = this.trackedThings(6).map((e) => theName(e));
    return {
      ...decline(
        "unknown-entity",
        "status",
        `${messages.uncovered(names)} ${messages.tracked(shown)}`,
        entities,
        shown.slice(0, 3).map((name) => `is ${name} open?`),
      ),
      unplaced: names,
    };
  }

  /** The things with a timeline, in the base's order: the first `limit`, without reading the rest. */
  private trackedThings(limit = Number.POSITIVE_INFINITY): Entity[] {
    const out: Entity[] = [];
    for (const id of this.base.timelines.keys()) {
      if (out.length >= limit) break;
      const entity = this.base.entities.get(id);
      if (entity) out.push(entity);
    }
    return out;
  }

  /** Example questions: the base's own, or made from what it tracks. */
  examples(): string[] {
    const own = this.base.topic.info.examples;
    if (own.length > 0) return [...own, "help"];
    const tracked = this.trackedThings();
    const first = tracked.find((e) => e.primary) ?? tracked[0];
    return first
      ? [`is ${theName(first)} open?`, `why did ${theName(first)} change status?`, "help"]
      : ["help"];
  }
}

/** How much of a part was matched, and how surely: 0 to 0.95. */
function partConfidence(index: EngineIndex, part: QuestionPart): number {
  const { u } = part;
  // Each spelling correction is a guess at what was meant.
  const spelling = Math.max(0.3, 1 - CORRECTION_PENALTY * u.corrections);
  // Content words the engine could place: status words, the base's own words, names and nouns.
  // "Can I visit it", "could you drive in": the verb of getting in is the status asked.
  const access =
    ABILITY_MODALS.has(u.tokens[0] ?? "") && part.targets.length > 0 && part.shape.word === "yes-no"
      ? index.stem(u.tokens[2] ?? "")
      : undefined;
  const placed = u.topics.filter((t) => index.knowsStem(t) || STATUS_STEMS.has(t) || t === access).length;
  const words = u.topics.length === 0 ? 1 : placed / u.topics.length;
  // A subject taken from elsewhere, or one of several, is less sure than one named.
  const subject =
    part.subjectFrom === "place" ? 0.85 : part.subjectFrom === "conversation" || u.assumption ? 0.9 : 1;
  return Math.round(0.95 * spelling * (0.4 + 0.6 * words) * subject * 100) / 100;
}

/**
 * A part the answer could not cover, named by its place in the question rather than quoted: a quote
 * would repeat what the asker put forward ("last I heard it reopened in Sept 2025") as if said.
 */
function partLabel(parts: QuestionPart[], i: number, a: Answer): string {
  const first = a.text.split(/(?<=\.)\s/)[0] ?? a.text;
  return `${messages.partLabel(i, parts.length)} ${first}`;
}

/** One answer for a compound question: every part in order, each said once. */
function merge(answers: Answer[], parts: QuestionPart[]): Answer {
  if (answers.length === 1) return answers[0] as Answer;
  const answered = answers.filter((a) => a.answered);
  if (answered.length === 0) return answers[0] as Answer;
  const seen = new Set<string>();
  const sentences: string[] = [];
  answers.forEach((a, i) => {
    const text = a.answered || a.code === "help" ? a.text : partLabel(parts, i, a);
    for (const sentence of text.split(/(?<=[.)])\s+(?=[A-Z("])/)) {
      const key = sentence.trim().toLowerCase();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      sentences.push(sentence.trim());
    }
  });
  const first = answered[0] as Answer;
  const unique = <T extends { id: string }>(items: T[]): T[] => [
    ...new Map(items.map((x) => [x.id, x])).values(),
  ];
  const statuses = [...new Map(answers.flatMap((a) => a.statuses).map((s) => [s.entity.id, s])).values()];
  const caveats: Caveat[] = [];
  answers.forEach((a, i) => {
    if (!a.answered && a.code !== "help")
      caveats.push({
        kind: "uncovered-part",
        text: partLabel(parts, i, a),
        ...(a.unplaced ? { unplaced: a.unplaced } : {}),
      });
    for (const c of a.caveats)
      if (!caveats.some((d) => d.kind === c.kind && d.text === c.text)) caveats.push(c);
  });
  const merged = sentences.join(" ");
  return {
    ...first,
    text: merged,
    confidence: Math.min(...answered.map((a) => a.confidence)),
    entities: unique(answers.flatMap((a) => a.entities)),
    statuses,
    ...(statuses[0] ? { status: statuses[0] } : {}),
    facts: unique(answers.flatMap((a) => a.facts)),
    caveats: caveats.filter((c) => merged.includes(c.text)),
    sources: unique(answers.flatMap((a) => a.sources)),
  };
}

/** The latest status of the given entities (every tracked one when none), for the `status` command. */
export function statusesOf(engine: QueryEngine, now: Date, entityIds?: string[]): Answer {
  const statuses = (entityIds ?? [...engine.base.timelines.keys()])
    .map((id) => currentStatus(engine.base, id, now))
    .filter((s): s is StatusReport => s !== null);
  return markCorrections(
    engine.base,
    statusAnswer("status", statuses, 0.95, { qualifierOf: statusQualifier(engine.base, now) }),
  );
}

export type { KnowledgeBase };
export { entityRef };

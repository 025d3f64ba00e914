import type { KnowledgeBase } from "../knowledge/base.ts";
import { dateRange, formatDated } from "../knowledge/dates.ts";
import type { Entity } from "../knowledge/schema.ts";
import type { Answer, StatusReport } from "./answer.ts";
import { changeSentence, decline, entityRef, statusAnswer } from "./compose.ts";
import { capitalise, messages, onOrIn, sourceName, statusSentence, theName } from "./messages.ts";
import type { QuestionShape } from "./shape.ts";
import { changesOf, currentStatus, statusAsOf } from "./status.ts";
import { stem, stems } from "./text.ts";
import type { Understanding } from "./understand.ts";
import { STATUS_WORDS, STOPWORDS } from "./vocabulary/words.ts";

/** Stems of the words that ask for a status ("open", "closed", "operating"). */
export const STATUS_STEMS: ReadonlySet<string> = new Set([...STATUS_WORDS].map(stem));

/** Does the question ask nothing beyond open or closed ("is it open", not "open on weekends")? */
export function asksOnlyStatus(u: Understanding): boolean {
  return u.topics.every((t) => STATUS_STEMS.has(t));
}
/** At most this many entities are described in one answer, to keep it to a few sentences. */
const MAX_ENTITIES = 4;

/** Answers open/closed questions: now, on a date, or when and why a status changed. */
export function answerStatus(
  base: KnowledgeBase,
  u: Understanding,
  shape: QuestionShape,
  tracked: Entity[],
  confidence: number,
  now: Date,
  notes: string[],
): Answer {
  const entities = tracked.slice(0, MAX_ENTITIES);
  if (shape.word === "when" || shape.word === "why")
    return answerChange(base, shape, entities, confidence, now, notes, causeWords(base, u, shape));
  const ahead = shape.date !== undefined && dateRange(shape.date).start > now.getTime();
  if (shape.date && !ahead) return answerPastStatus(base, entities, shape.date, confidence, now);
  const statuses = entities
    .map((e) => currentStatus(base, e.id, now))
    .filter((s): s is StatusReport => s !== null);
  const qualifierOf = statusQualifier(base, now);
  // Extra topic words ("open on weekends", "closed because of ATACMS") ask more than yes or no can answer.
  // So do numbers that are not dates ("are 5 embassies closed").
  const plainQuestion =
    asksOnlyStatus(u) &&
    !u.tokens.some((t) => /\d/.test(t)) &&
    !shape.either &&
    u.entities.every((e) => e.kind === "embassy" || e.kind === "country" || e.kind === "city");
  let lead: string | undefined;
  if (ahead && shape.date) lead = messages.aheadOfNow(formatDated(shape.date));
  else if (shape.future)
    lead = messages.noForecast(theName(entities[0] as Entity), shape.askedState ?? "open");
  else if (shape.asksPermanent && !shape.either) {
    lead = statuses.every((s) => s.temporary) ? messages.temporaryNotPermanent : messages.permanenceUnknown;
  }
  return statusAnswer("status", statuses, confidence, {
    ...(plainQuestion && !lead && shape.askedState ? { askedState: shape.askedState } : {}),
    ...(lead ? { lead } : {}),
    notes,
    qualifierOf,
  });
}

/** The qualifier of the event each status rests on, which must be repeated with it. */
export function statusQualifier(
  base: KnowledgeBase,
  now: Date,
): (status: StatusReport) => string | undefined {
  return (status) =>
    [...changesOf(base, status.entity.id)]
      .reverse()
      .find((e) => dateRange(e.effective).start <= now.getTime())?.qualifier;
}

/** The cause a question put forward, its names written as the base writes them ("ATACMS"). */
function causeWords(
  base: KnowledgeBase,
  u: Understanding,
  shape: QuestionShape,
): { words: string[]; text: string } | undefined {
  const span = shape.claimedCause;
  if (!span) return undefined;
  const words = u.tokens.slice(span.start, span.end).filter((t) => !STOPWORDS.has(t));
  if (words.length === 0) return undefined;
  const parts: string[] = [];
  for (let i = span.start; i < span.end; i++) {
    const mention = u.mentions.find((m) => m.start === i && m.end <= span.end && m.entityIds.length === 1);
    const entity = mention ? base.entities.get(mention.entityIds[0] as string) : undefined;
    if (mention && entity) {
      parts.push(entity.name);
      i = mention.end - 1;
    } else parts.push(u.tokens[i] as string);
  }
  return { words, text: parts.join(" ") };
}

/** Does the reason on record name every word of the cause put forward? */
function givenIn(words: readonly string[], reason: string): boolean {
  const given = new Set(stems(reason));
  return words.every((t) => given.has(stem(t)));
}

/** "When did it reopen", "why did it close", "when will it reopen", optionally within a period. */
function answerChange(
  base: KnowledgeBase,
  shape: QuestionShape,
  entities: Entity[],
  confidence: number,
  now: Date,
  notes: string[],
  cause?: { words: string[]; text: string },
): Answer {
  const body: string[] = [];
  const statuses: StatusReport[] = [];
  for (const entity of entities) {
    const current = currentStatus(base, entity.id, now);
    if (!current) continue;
    statuses.push(current);
    const wanted = shape.changeTo ?? current.state;
    const events = changesOf(base, entity.id);
    const period = shape.date ? dateRange(shape.date) : undefined;
    const event = shape.future
      ? undefined
      : [...events].reverse().find((e) => {
          const r = dateRange(e.effective);
          return (
            e.state === wanted &&
            r.start <= now.getTime() &&
            (!period || (r.start <= period.end && r.end >= period.start))
          );
        });
    if (!event) {
      const name = theName(entity);
      const why = shape.future
        ? messages.noForecast(name, wanted)
        : messages.noSuchChange(name, wanted, shape.date ? onOrIn(shape.date) : undefined);
      body.push(`${capitalise(why)} ${statusSentence(current)}`);
      continue;
    }
    if (cause && !givenIn(cause.words, `${event.reason} ${event.qualifier ?? ""}`))
      body.push(
        messages.causeNotGiven(cause.text, theName(entity), event.state === "open" ? "reopened" : "closed"),
      );
    const sentence = changeSentence(theName(entity), event, events[events.indexOf(event) - 1]);
    const qualifier = event.qualifier?.replace(/\.$/, "");
    // A phrase ("according to multiple media reports") goes with its sentence; a sentence stands alone.
    if (qualifier && /^[a-z]/.test(qualifier)) body.push(`${sentence.replace(/\.$/, "")} (${qualifier}).`);
    else body.push(qualifier ? `${sentence} ${capitalise(qualifier)}.` : sentence);
  }
  if (statuses.length === 0) return decline("no-status", "status-change", messages.outOfScope);
  return statusAnswer(shape.word === "why" ? "why" : "status-change", statuses, confidence, { body, notes });
}

/** Was it open on a date: held throughout, changed during, or before the records begin. */
function answerPastStatus(
  base: KnowledgeBase,
  entities: Entity[],
  period: NonNullable<QuestionShape["date"]>,
  confidence: number,
  now: Date,
): Answer {
  const body: string[] = [];
  const statuses: StatusReport[] = [];
  let known = false;
  for (const entity of entities) {
    const past = statusAsOf(base, entity.id, period, now);
    const name = theName(entity);
    if (past.kind === "held") {
      known = true;
      statuses.push(past.status);
      const until = past.next ? `; the next reported change was ${onOrIn(past.next.effective)}` : "";
      body.push(
        `${capitalise(name)} was ${past.status.state} ${onOrIn(period)}: it became ${past.status.state} ${onOrIn(past.status.since)}, per ${sourceName(past.status.source)}${until}.`,
      );
      if (!past.next && dateRange(period).start > dateRange(past.status.asOf).end) {
        body.push(messages.afterLastReport(formatDated(past.status.asOf)));
      }
    } else if (past.kind === "changed-during") {
      known = true;
      for (const event of past.events) body.push(changeSentence(name, event, past.before));
    } else if (past.kind === "before-records") {
      body.push(messages.beforeRecords(name, formatDated(past.first.effective)));
    }
  }
  if (!known) return decline("no-status", "status-on-date", body.join(" ") || messages.outOfScope, entities);
  // The body dates every status itself; the current report's age would only confuse it.
  const answer = statusAnswer("status-on-date", statuses, confidence, { body, mentionAge: false });
  return { ...answer, entities: entities.map(entityRef) };
}

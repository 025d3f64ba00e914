import type { KnowledgeBase, ResolvedEvent } from "../../knowledge/base.ts";
import { dateRange, formatDated, isRough } from "../../knowledge/dates.ts";
import { type Entity, type Fact, PLACE_KINDS, type State } from "../../knowledge/schema.ts";
import { judge, tally } from "../../knowledge/states.ts";
import type { Answer, Caveat, SourceRef, StatusReport, Verdict } from "../answer.ts";
import type { QuestionShape } from "../interpret/shape.ts";
import type { Understanding } from "../interpret/understand.ts";
import {
  becameState,
  capitalise,
  disputeSentence,
  lowerFirst,
  messages,
  onOrIn,
  scopeSentence,
  sourceName,
  stateName,
  stateWord,
  statusSentence,
  statusSentences,
  theName,
} from "../language/sentences.ts";
import {
  DAY_UNITS,
  FIRST_WORDS,
  LATEST_WORDS,
  NOT_CAUSES,
  OPEN_FORMS,
  PAST_VERBS,
  PERSISTENCE_WORDS,
  RETURN_WORDS,
  STATUS_WORDS,
  STILL_NOW,
  STOPWORDS,
  WHICH_WORDS,
} from "../language/words.ts";
import type { EngineIndex } from "../lookup/index.ts";
import { STATUS_STEMS, stem, stems, tokenize } from "../normalise/text.ts";
import { entityRef } from "../resolve/entityRef.ts";
import {
  changeBefore,
  changesOf,
  clockOf,
  currentStatus,
  currentStill,
  expectedChanges,
  rivalsOf,
  sameState,
  statusAsOf,
  stillReport,
} from "../retrieve/status.ts";
import { changeSentence, decline, factRef, levelChange, statusAnswer } from "./compose.ts";

/** Does the question ask nothing beyond open or closed ("is it open", not "open on weekends")? */
export function asksOnlyStatus(u: Understanding, index: EngineIndex): boolean {
  return u.topics.every((t) => STATUS_STEMS.has(t) || index.stateStems.has(t));
}
/** At most this many entities are described in one answer, to keep it to a few sentences. */
const MAX_ENTITIES = 6;

/** Answers open/closed questions: now, on a date, or when and why a status changed. */
export function answerStatus(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  tracked: Entity[],
  confidence: number,
  now: Date,
  notes: Caveat[],
): Answer {
  const base = index.base;
  const entities = tracked.slice(0, MAX_ENTITIES);
  if (shape.word === "when" || shape.word === "why")
    return answerChange(index, u, shape, entities, confidence, now, notes, causeWords(index, u, shape));
  const held = shape.askedState ?? shape.changeTo;
  if (shape.throughout && held && !shape.date)
    return answerThroughout(base, entities, held, confidence, now, notes);
  const ahead = shape.date !== undefined && dateRange(shape.date).start > clockOf(base, now);
  if (shape.date && !ahead && !shape.sinceDate)
    return answerPastStatus(
      base,
      entities,
      shape.date,
      confidence,
      now,
      notes,
      shape.word === "yes-no" ? shape.askedState : undefined,
    );
  const statuses = entities
    .map((e) => currentStatus(base, e.id, now))
    .filter((s): s is StatusReport => s !== null);
  const qualifierOf = statusQualifier(base, now);
  const atState = whichAreAt(base, u, shape, tracked, now);
  if (atState)
    return statusAnswer("status", atState.statuses, confidence, { lead: atState.lead, notes, qualifierOf });
  // Extra topic words ("open on weekends", "closed because of ATACMS") ask more than yes or no can answer.
  // So do numbers that are not dates ("are 5 embassies closed").
  const plainQuestion =
    asksOnlyStatus(u, index) &&
    !u.tokens.some(
      (t, i) =>
        /\d/.test(t) &&
        !index.lexicon.stateWords.has(t) &&
        !u.nameTokens.has(i) &&
        !u.mentions.some((m) => i >= m.start && i < m.end),
    ) &&
    !shape.either &&
    // "Isn't it open?": a yes or a no would be read either way, so the state is said instead.
    !shape.negated &&
    u.entities.every(
      (e) =>
        tracked.includes(e) ||
        PLACE_KINDS.has(e.kind) ||
        index.lexicon.partsOf.has(e.id) ||
        u.targets.includes(e),
    );
  let lead: string | undefined;
  let verdict: Verdict | undefined;
  // A change the sources expected by a day now past, with no later report: the status may well have
  // changed. One to the state it is now reported in has come about.
  const overdue = statuses.flatMap((s) => {
    const e = expectedChanges(base, s.entity.id).find(
      (x) =>
        x.state !== s.state &&
        dateRange(x.effective).start > dateRange(s.since).start &&
        dateRange(x.effective).end < clockOf(base, now),
    );
    return e ? [{ status: s, event: e }] : [];
  });
  const extra: Caveat[] = overdue.map(({ status, event }) => ({
    kind: "expectation" as const,
    text: messages.overdue(
      theName(status.entity),
      stateWord(event),
      onOrIn(event.effective),
      sourceName(event.source),
    ),
  }));
  if (overdue.length > 0) verdict = "unknown";
  if (ahead && shape.date) {
    lead = messages.aheadOfNow(formatDated(shape.date));
    verdict = "unknown";
  } else if (shape.asksPermanent && !shape.either) {
    const temporary = statuses.every((s) => s.temporary);
    lead = temporary ? messages.temporaryNotPermanent : messages.permanenceUnknown;
    verdict = temporary ? "no" : "not-given";
  }
  // Things with no status reported yet, only a change a source expects: the expectation, and no yes or no.
  const pending = notYetReported(base, entities, now);
  if (pending.entities.length > 0 && shape.word === "yes-no" && !lead) verdict = "unknown";
  const answer = statusAnswer("status", statuses, confidence, {
    ...(plainQuestion && !lead && overdue.length === 0 && shape.askedState && pending.entities.length === 0
      ? { askedState: shape.askedState, stateSet: (id: string) => base.stateSet(id) }
      : {}),
    ...(lead ? { lead } : {}),
    ...(verdict ? { verdict } : {}),
    ...(pending.entities.length > 0
      ? { body: [...statusSentences(statuses, qualifierOf), ...pending.body], caveats: pending.caveats }
      : {}),
    notes: [...extra, ...notes],
    qualifierOf,
  });
  return withPending(answer, pending);
}

/**
 * "Which advisories are at level 4": of things whose kind declares its states, those in the state
 * asked, led by saying so; when none is, every one, led by that. Undefined for any other question.
 */
function whichAreAt(
  base: KnowledgeBase,
  u: Understanding,
  shape: QuestionShape,
  tracked: Entity[],
  now: Date,
): { statuses: StatusReport[]; lead: string } | undefined {
  const asked = shape.changeTo;
  if (!asked || shape.date || !WHICH_WORDS.has(u.tokens[0] ?? "") || tracked.length < 2) return undefined;
  const all = tracked.map((e) => currentStatus(base, e.id, now)).filter((s): s is StatusReport => s !== null);
  const state = base.stateSet(all[0]?.entity.id ?? "").byId.get(asked);
  if (!state || !all.every((s) => s.look && base.stateSet(s.entity.id).byId.has(asked))) return undefined;
  const at = all.filter((s) => tally([judge(base.stateSet(s.entity.id), s.state, asked)])?.all);
  return at.length > 0
    ? { statuses: at.slice(0, MAX_ENTITIES), lead: messages.whichAt(state.label, at.length, all.length) }
    : { statuses: all.slice(0, MAX_ENTITIES), lead: messages.noneAt(state.label, all.length) };
}

/** What is said of things with no reported status, only changes a source expects ("to open in April"). */
interface Pending {
  entities: Entity[];
  body: string[];
  caveats: Caveat[];
  sources: SourceRef[];
}

/**
 * Things whose timelines hold no reported state by `now`, only expected changes: each is said to have
 * no status yet, with what its sources expect, as an expectation. Things with a status are left out.
 */
function notYetReported(base: KnowledgeBase, entities: Entity[], now: Date): Pending {
  const pending: Pending = { entities: [], body: [], caveats: [], sources: [] };
  for (const entity of entities) {
    if (currentStatus(base, entity.id, now)) continue;
    const expected = expectedChanges(base, entity.id);
    if (expected.length === 0) continue;
    const name = theName(entity);
    pending.entities.push(entity);
    pending.body.push(capitalise(messages.noStatusYet(name)));
    for (const e of expected) {
      const text = expectation(name, e);
      pending.caveats.push({ kind: "expectation", text });
      pending.body.push(text);
      pending.sources.push(e.source);
    }
  }
  return pending;
}

/** An answer with the things that have no status yet added to what it is about and cites. */
function withPending(answer: Answer, pending: Pending): Answer {
  if (pending.entities.length === 0) return answer;
  return {
    ...answer,
    entities: uniqueById([...answer.entities, ...pending.entities.map(entityRef)]),
    sources: uniqueById([...answer.sources, ...pending.sources]),
  };
}

/** The qualifier of the event each status rests on, which must be repeated with it. */
export function statusQualifier(
  base: KnowledgeBase,
  now: Date,
): (status: StatusReport) => string | undefined {
  return (status) =>
    [...changesOf(base, status.entity.id)]
      .reverse()
      .find((e) => dateRange(e.effective).start <= clockOf(base, now))?.qualifier;
}

/**
 * The cause a question put forward, its names written as the base writes them ("ATACMS"): after
 * "because of" or "due to", or, in a why-question, what else it names ("why did the strike shut it").
 */
function causeWords(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
): { words: string[]; text: string; all: boolean } | undefined {
  const base = index.base;
  let run = shape.claimedCause;
  // "Why did it stay shut after the storm passed": a state that held on asks the reason it held, and
  // what it came after says when.
  if (!run && shape.word === "why" && !u.tokens.some((t) => PERSISTENCE_WORDS.has(t))) {
    const own = new Set([...index.lexicon.stateWords.keys()]);
    const named = new Set<number>();
    for (const m of u.mentions) for (let i = m.start; i < m.end; i++) named.add(i);
    // What the question sets aside ("before Corvey's") is no cause put forward.
    for (const i of u.excludedTokens) named.add(i);
    const asserted = u.tokens
      .map((t, i) => ({ t, i }))
      .filter(
        ({ t, i }) =>
          !named.has(i) &&
          !STOPWORDS.has(t) &&
          !STATUS_WORDS.has(t) &&
          !own.has(t) &&
          !NOT_CAUSES.has(t) &&
          !index.lexicon.nounWords.has(t) &&
          !/\d/.test(t) &&
          u.topics.includes(index.stem(t)),
      );
    const first = asserted[0];
    const last = asserted.at(-1);
    if (first && last && last.i - first.i < 4) run = { start: first.i, end: last.i + 1 };
  }
  if (!run) return undefined;
  const explicit = shape.claimedCause !== undefined;
  const words = u.tokens.slice(run.start, run.end).filter((t) => !STOPWORDS.has(t));
  if (words.length === 0) return undefined;
  const parts: string[] = [];
  for (let i = run.start; i < run.end; i++) {
    const mention = u.mentions.find((m) => m.start === i && m.end <= run.end && m.entityIds.length === 1);
    const entity = mention ? base.entities.get(mention.entityIds[0] as string) : undefined;
    if (mention && entity) {
      parts.push(entity.name);
      i = mention.end - 1;
    } else parts.push(u.tokens[i] as string);
  }
  return { words, text: parts.join(" "), all: explicit };
}

/** Does the reason on record name every word of the cause put forward? */
function givenIn(index: EngineIndex, cause: { words: string[]; all: boolean }, reason: string): boolean {
  const given = new Set(stems(reason, index.lexicon.synonyms));
  const has = (t: string) => given.has(index.stem(t));
  return cause.words.every(has);
}

/** "When did it reopen", "why did it close", "when will it reopen", optionally within a period. */
function answerChange(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  entities: Entity[],
  confidence: number,
  now: Date,
  notes: Caveat[],
  cause?: { words: string[]; text: string; all: boolean },
): Answer {
  const base = index.base;
  const body: string[] = [];
  const caveats: Caveat[] = [];
  const laterFacts: Fact[] = [];
  const heldOn = u.tokens.some((t) => PERSISTENCE_WORDS.has(t));
  const cited: SourceRef[] = [];
  const statuses: StatusReport[] = [];
  for (const entity of entities) {
    const current = currentStatus(base, entity.id, now);
    if (!current) continue;
    statuses.push(current);
    const wanted = shape.changeTo ?? current.state;
    // "Is it still shut because of the volcano", when it has reopened: the premise fails first.
    const stillNow = u.tokens.some((t) => STILL_NOW.has(t)) && !u.tokens.some((t) => PAST_VERBS.has(t));
    if (stillNow && !shape.date && !shape.future && !sameState(current.state, wanted)) {
      const premise = messages.notStill(theName(entity), wanted);
      caveats.push({ kind: "premise-not-supported", text: premise });
      const changes = changesOf(base, entity.id);
      const last = changes.at(-1);
      if (last && sameState(last.state, current.state)) {
        body.push(`${premise} ${changeSentence(theName(entity), last, changes.at(-2))}`);
        cited.push(last.source);
      } else body.push(`${premise} ${statusSentence(current)}`);
      continue;
    }
    // "Why did it stay closed until 14 February": the premise is a state on a date; check it first.
    if (shape.date && shape.word === "why") {
      const then = statusAsOf(base, entity.id, shape.date, now);
      if (then.kind === "held" && then.status.state !== wanted) {
        const premise = capitalise(messages.premiseDate(theName(entity), wanted, onOrIn(shape.date)));
        caveats.push({ kind: "premise-not-supported", text: premise });
        body.push(
          `${premise} ${capitalise(theName(entity))} was ${stateName(then.status)} then: it ${becameState(then.status)} ${onOrIn(then.status.since)}, per ${sourceName(then.status.source)}.`,
        );
        continue;
      }
    }
    const events = changesOf(base, entity.id);
    const period = shape.date ? dateRange(shape.date) : undefined;
    const reached = shape.future
      ? []
      : events.filter((e) => {
          const r = dateRange(e.effective);
          return (
            sameState(e.state, wanted) &&
            r.start <= clockOf(base, now) &&
            (!period || (r.start <= period.end && r.end >= period.start))
          );
        });
    // The changes whose start is known; a state first reported as holding is the last resort.
    const matching = reached.filter((e) => !e.startUnknown);
    // "Why was it evacuated in the first place": the first of several such changes; otherwise the latest.
    const first = u.tokens.some((t) => FIRST_WORDS.has(t)) && !u.tokens.some((t) => LATEST_WORDS.has(t));
    const event = (first ? matching[0] : matching.at(-1)) ?? reached.at(-1);
    // "When did it get evacuated", of a thing evacuated twice: the latest, and the one before.
    const earlier =
      event &&
      shape.word === "when" &&
      !first &&
      !heldOn &&
      !period &&
      !u.tokens.some((t) => LATEST_WORDS.has(t)) &&
      matching.length > 1
        ? matching[matching.indexOf(event) - 1]
        : undefined;
    if (!event) {
      const name = theName(entity);
      // "When was it opened", of a thing never reported open: its first opening, which no report gives.
      if (
        entities.length === 1 &&
        !shape.future &&
        shape.word === "when" &&
        u.tokens.some((t) => OPEN_FORMS.has(t)) &&
        !u.tokens.some((t) => RETURN_WORDS.has(t)) &&
        !events.some((e) => sameState(e.state, wanted))
      )
        return decline("no-facts", "status-change", messages.noFirstOpening(name, statusSentence(current)), [
          entity,
        ]);
      // "When is it reopening": what the sources expect, said as an expectation.
      const expected = expectedChanges(base, entity.id).filter(
        (e) => sameState(e.state, wanted) && dateRange(e.effective).start > dateRange(current.since).start,
      );
      if (expected.length > 0 && !shape.date) {
        for (const e of expected) {
          const text = expectation(name, e);
          caveats.push({ kind: "expectation", text });
          body.push(text);
        }
        body.push(statusSentence(current));
        continue;
      }
      const why = shape.future
        ? messages.noForecast(name, wanted)
        : messages.noSuchChange(name, wanted, shape.date ? onOrIn(shape.date) : undefined);
      // What the sources hedge about it ("could close again at short notice") goes with the status.
      const [withQualifier] = statusSentences([current], statusQualifier(base, now));
      body.push(`${capitalise(why)} ${withQualifier ?? statusSentence(current)}`);
      continue;
    }
    // Sources the curator marked as disagreeing on this change: each account, cited; a "when" gets only these.
    const rivals = rivalsOf(base, entity.id, event);
    if (rivals.length > 1) {
      const text = messages.disagree(
        theName(entity),
        rivals.map((r) => messages.accountOfChange(sourceName(r.source), rivalChange(base, entity.id, r))),
      );
      caveats.push({ kind: "disagreement", text });
      body.push(text);
      cited.push(...rivals.map((r) => r.source));
      if (shape.word === "when") continue;
    }
    if (cause && !givenIn(index, cause, `${event.reason ?? ""} ${event.qualifier ?? ""}`)) {
      const text = messages.causeNotGiven(
        cause.text,
        theName(entity),
        event.state === "open" ? "reopened" : "closed",
      );
      caveats.push({ kind: "cause-not-given", text });
      body.push(text);
    }
    cited.push(event.source);
    const sentence = changeSentence(theName(entity), event, events[events.indexOf(event) - 1]);
    const qualifier = event.qualifier?.replace(/\.$/, "");
    // A phrase ("according to multiple media reports") goes with its sentence; a sentence stands alone.
    if (qualifier && /^[a-z]/.test(qualifier)) body.push(`${sentence.replace(/\.$/, "")} (${qualifier}).`);
    else body.push(qualifier ? `${sentence} ${capitalise(qualifier)}.` : sentence);
    if (earlier) {
      cited.push(earlier.source);
      body.push(
        messages.earlierChange(stateWord(earlier), onOrIn(earlier.effective), sourceName(earlier.source)),
      );
    }
    // "Why did it close", of a change whose source gives no cause: said so, and nothing offered as one.
    if (shape.word === "why" && !event.reason) {
      const previous = events[events.indexOf(event) - 1];
      const text = messages.noCause(sourceName(event.source), theName(entity), changeVerb(event, previous));
      caveats.push({ kind: "no-cause", text });
      body.push(text);
    }
    // A later report that it still held, with the reason as it then stood.
    // "Why did it stay shut": the report that it still held then, whether or not it is the latest change.
    const next = events[events.indexOf(event) + 1];
    const heldUntil = next ? dateRange(next.effective).start - 1 : clockOf(base, now);
    const still =
      events.at(-1) === event
        ? currentStill(base, entity.id, now)
        : heldOn
          ? stillReport(base, entity.id, event, heldUntil)
          : undefined;
    // Without a "still" report, a later fact about it may give the reason as it came to stand.
    const later = events.at(-1) === event && !still ? laterFact(index, u, entity, event) : undefined;
    if (later) {
      laterFacts.push(later);
      body.push(
        messages.later(
          sourceName(base.sourceRef(later.source)),
          formatDated(base.sourceRef(later.source).published),
          later.statement.replace(/\.$/, ""),
        ),
      );
    }
    if (still?.reason && still.reason !== event.reason)
      body.push(
        messages.stillHeld(
          onOrIn(still.effective),
          sourceName(still.source),
          stateWord(still),
          lowerFirst(still.reason.replace(/\.$/, "")),
        ),
      );
  }
  const pending = notYetReported(base, entities, now);
  if (statuses.length === 0 && pending.entities.length === 0)
    return decline("no-status", "status-change", messages.outOfScope(scopeSentence(base)));
  const answer = statusAnswer(shape.word === "why" ? "why" : "status-change", statuses, confidence, {
    body: [...body, ...pending.body],
    notes,
    caveats: [...caveats, ...pending.caveats],
  });
  const sources = [...cited, ...answer.sources];
  return withFacts(base, withPending({ ...answer, sources: uniqueById(sources) }, pending), laterFacts);
}

/**
 * "Did it stay open the whole time": no, with the reported changes to another state, where there are
 * any; otherwise yes, as far as the reports go, from the first to the latest.
 */
function answerThroughout(
  base: KnowledgeBase,
  entities: Entity[],
  held: State,
  confidence: number,
  now: Date,
  notes: Caveat[],
): Answer {
  const body: string[] = [];
  const statuses: StatusReport[] = [];
  const cited: SourceRef[] = [];
  let broken = 0;
  for (const entity of entities) {
    const current = currentStatus(base, entity.id, now);
    if (!current) continue;
    statuses.push(current);
    const events = changesOf(base, entity.id);
    const other = events.filter((e) => !sameState(e.state, held));
    const name = theName(entity);
    if (other.length > 0) {
      broken++;
      for (const e of other.slice(0, 2)) {
        body.push(changeSentence(name, e, events[events.indexOf(e) - 1]));
        cited.push(e.source);
      }
      // And how it stands now, when that is the state said to have held.
      if (sameState(current.state, held)) body.push(statusSentence(current));
    } else {
      const first = events[0];
      body.push(
        messages.heldThroughout(
          name,
          stateWord(current),
          first ? formatDated(first.effective) : formatDated(current.since),
          formatDated(current.asOf),
        ),
      );
    }
  }
  if (statuses.length === 0) return decline("no-status", "status", messages.outOfScope(scopeSentence(base)));
  const verdict: Verdict = broken === statuses.length ? "no" : broken === 0 ? "yes" : "partly";
  const answer = statusAnswer("status", statuses, confidence, {
    body: [messages.throughoutLead[verdict] ?? "", ...body],
    notes,
    verdict,
  });
  return { ...answer, sources: uniqueById([...cited, ...answer.sources]) };
}

/**
 * A thing's first report is its opening ("opened on Friday in the arena"), not a return to service
 * ("resumed operations"): before it, the thing was not yet open.
 */
function firstOpening(first: ResolvedEvent): boolean {
  if (first.type !== "change" || first.state !== "open") return false;
  const words = tokenize(first.reason ?? "");
  return words.some((t) => OPEN_FORMS.has(t)) && !words.some((t) => RETURN_WORDS.has(t));
}

/** Was it open on a date: held throughout, changed during, or before the records begin. */
function answerPastStatus(
  base: KnowledgeBase,
  entities: Entity[],
  period: NonNullable<QuestionShape["date"]>,
  confidence: number,
  now: Date,
  notes: Caveat[] = [],
  askedState?: State,
): Answer {
  const body: string[] = [];
  const statuses: StatusReport[] = [];
  const cited: SourceRef[] = [];
  let known = false;
  let held = 0;
  let unknown = 0;
  let before = 0;
  let notYet = 0;
  let rough = 0;
  let disputed = 0;
  const disagreements: Caveat[] = [];
  for (const entity of entities) {
    const past = statusAsOf(base, entity.id, period, now);
    const name = theName(entity);
    if (past.kind === "held") {
      known = true;
      statuses.push(past.status);
      // After the last report nothing is known, so neither yes nor no, and no state is said for the day:
      // what the last report said, and what the sources expected by then.
      const afterReports = !past.next && dateRange(period).start > dateRange(past.status.asOf).end;
      if (afterReports) {
        unknown++;
        body.push(
          messages.lastKnown(
            name,
            stateWord(past.status),
            formatDated(past.status.asOf),
            sourceName(past.status.source),
            onOrIn(period),
          ),
        );
        for (const e of expectedChanges(base, entity.id))
          if (dateRange(e.effective).start <= dateRange(period).end) body.push(expectation(name, e));
        continue;
      }
      held++;
      const until = past.next ? `; the next reported change was ${onOrIn(past.next.effective)}` : "";
      body.push(
        past.status.startUnknown
          ? `${capitalise(name)} was ${stateName(past.status)} ${onOrIn(period)}: it was reported ${stateName(past.status)} ${onOrIn(past.status.since)}, per ${sourceName(past.status.source)}, which does not say since when${until}.`
          : `${capitalise(name)} was ${stateName(past.status)} ${onOrIn(period)}: it ${becameState(past.status)} ${onOrIn(past.status.since)}, per ${sourceName(past.status.source)}${until}.`,
      );
      // Agreed on the state then, not on when it began: each source's date, cited.
      if (past.status.disputed) {
        const text = disputeSentence(past.status);
        body.push(text);
        disagreements.push({ kind: "disagreement", text });
        cited.push(...past.status.disputed.accounts.map((a) => a.source));
      }
    } else if (past.kind === "disputed") {
      // Sources the curator marked as disagreeing tell the day differently: each, and no yes or no.
      known = true;
      disputed++;
      const accounts = past.accounts.map(({ rival, past: told }) => {
        const change = rivalChange(base, entity.id, rival);
        cited.push(rival.source);
        return told.kind === "held"
          ? messages.accountThen(sourceName(rival.source), stateWord(told.status), change)
          : messages.accountOfChange(sourceName(rival.source), change);
      });
      const text = messages.disagreeThen(name, onOrIn(period), accounts);
      body.push(text);
      disagreements.push({ kind: "disagreement", text });
    } else if (past.kind === "changed-during" && past.unsettled) {
      // A day within the span of a change dated only roughly: which side of it the day was is not said.
      known = true;
      rough++;
      body.push(capitalise(messages.roughlyDated(name, onOrIn(period))));
      past.events.forEach((event, i) => {
        body.push(changeSentence(name, event, past.events[i - 1] ?? past.before));
        cited.push(event.source);
      });
    } else if (past.kind === "changed-during") {
      known = true;
      // Several changes in the period (three in one day): each follows the one before it.
      past.events.forEach((event, i) => {
        body.push(changeSentence(name, event, past.events[i - 1] ?? past.before));
        cited.push(event.source);
      });
    } else if (past.kind === "before-records" && firstOpening(past.first)) {
      // "Opened on Friday" as the first report: before it, the thing was not yet open.
      known = true;
      notYet++;
      body.push(messages.notYetOpen(name, onOrIn(past.first.effective), sourceName(past.first.source)));
      cited.push(past.first.source);
    } else if (past.kind === "before-records") {
      // The records start later: said plainly, and not counted as an answer when nothing else is.
      known = true;
      unknown++;
      before++;
      body.push(messages.beforeRecords(name, formatDated(past.first.effective), stateWord(past.first)));
      cited.push(past.first.source);
    }
  }
  if (!known || before === entities.length)
    return decline(
      "no-status",
      "status-on-date",
      body.join(" ") || messages.outOfScope(scopeSentence(base)),
      entities,
    );
  // The body dates every status itself; the current report's age would only confuse it.
  // "Was it open in June 2022": yes or no where every one held a state throughout.
  const asked = held === entities.length && held > 0 ? askedState : undefined;
  // Sources that disagree, or a change dated only roughly around the day: no yes or no.
  const unsettled =
    askedState === undefined
      ? undefined
      : disputed > 0
        ? ("disputed" as const)
        : rough > 0
          ? ("not-given" as const)
          : undefined;
  // "Was the field hospital open on 4 March", before it first opened: no.
  const notOpenYet = notYet === entities.length && askedState !== undefined && sameState(askedState, "open");
  const answer = statusAnswer("status-on-date", statuses, confidence, {
    body: notOpenYet ? [`No. ${body.join(" ")}`] : body,
    notes,
    caveats: disagreements,
    mentionAge: false,
    ...(notOpenYet
      ? { verdict: "no" as const }
      : unsettled
        ? { verdict: unsettled }
        : asked
          ? { askedState: asked, stateSet: (id: string) => base.stateSet(id) }
          : unknown > 0 && askedState
            ? { verdict: "unknown" as const }
            : {}),
  });
  const sources = [...answer.sources, ...cited];
  return {
    ...answer,
    entities: entities.map(entityRef),
    sources: uniqueById(sources),
  };
}

/** Facts about a thing that its sources hedge as plans or hopes, best fit to the question first. */
function hedgedFacts(index: EngineIndex, u: Understanding, entity: Entity, since: number) {
  const ids = [entity.id, index.lexicon.parentOf.get(entity.id)].filter(
    (id): id is string => id !== undefined,
  );
  const topics = new Set(u.topics);
  const scored = ids
    .flatMap((id) => index.base.factsByEntity.get(id) ?? [])
    .filter((f) => f.certainty === "under-consideration" && (!f.when || dateRange(f.when).end >= since))
    .map((fact) => {
      const position = index.positionOf.get(fact) ?? -1;
      const stemsOf = index.factStems[position];
      let score = fact.about.includes(entity.id) ? 1 : 0;
      for (const t of topics) if (stemsOf?.has(t)) score += 1;
      return { fact, score };
    });
  return [...new Map(scored.map((s) => [s.fact.id, s])).values()].sort((a, b) => b.score - a.score);
}

/**
 * "When will it reopen": a change a source expects, said as an expectation with its source, never as
 * what happened. Without one on the timeline, the facts the sources hedge as plans or hopes; without
 * those, that the sources say nothing about it.
 */
export function answerExpected(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  tracked: Entity[],
  confidence: number,
  now: Date,
  notes: Caveat[],
): Answer {
  const base = index.base;
  const body: string[] = [];
  const statuses: StatusReport[] = [];
  const facts: Fact[] = [];
  const caveats: Caveat[] = [];
  const pushCaveat = (kind: Caveat["kind"], text: string) => {
    caveats.push({ kind, text });
    body.push(text);
  };
  if (shape.date && shape.date.precision !== "day" && dateRange(shape.date).start > clockOf(base, now))
    body.push(messages.aheadOfNow(formatDated(shape.date)));
  for (const entity of tracked.slice(0, MAX_ENTITIES)) {
    const current = currentStatus(base, entity.id, now);
    if (!current) continue;
    statuses.push(current);
    const wanted = shape.changeTo && shape.changeTo !== current.state ? shape.changeTo : undefined;
    const since = dateRange(current.since).start;
    const expected = expectedChanges(base, entity.id).filter(
      (e) => dateRange(e.effective).end >= since && (!wanted || sameState(e.state, wanted)),
    );
    const name = theName(entity);
    if (expected.length > 0) {
      for (const e of expected) pushCaveat("expectation", expectation(name, e));
    } else {
      const hedged = hedgedFacts(index, u, entity, since)[0];
      if (hedged) {
        facts.push(hedged.fact);
        body.push(
          messages.noForecastBut(name, hedged.fact.statement.replace(/\.$/, ""), hedged.fact.qualifier),
        );
      } else body.push(capitalise(messages.noForecast(name, wanted ?? "open")));
    }
    // What the sources hedge about its status ("could close again at short notice") is what they do forecast.
    body.push(statusSentences([current], statusQualifier(base, now))[0] ?? statusSentence(current));
  }
  const pending = notYetReported(base, tracked.slice(0, MAX_ENTITIES), now);
  if (statuses.length === 0 && pending.entities.length === 0)
    return decline("no-status", "status-change", messages.outOfScope(scopeSentence(base)));
  const answer = statusAnswer("status-change", statuses, confidence, {
    body: [...body, ...pending.body],
    notes,
    caveats: [...caveats, ...pending.caveats],
    ...(shape.word === "yes-no" ? { verdict: "unknown" as const } : {}),
  });
  return withFacts(base, withPending(answer, pending), facts);
}

/** A fact about a thing from a report later than the change, best fit to the question: how things came to stand. */
function laterFact(
  index: EngineIndex,
  u: Understanding,
  entity: Entity,
  change: ResolvedEvent,
): Fact | undefined {
  const from = dateRange(change.effective).end;
  const published = dateRange(change.source.published).end;
  const topics = new Set(u.topics);
  let best: { fact: Fact; score: number } | undefined;
  for (const fact of index.base.factsByEntity.get(entity.id) ?? []) {
    if (!fact.when || dateRange(fact.when).start <= from || fact.certainty === "under-consideration")
      continue;
    const source = index.base.sources.get(fact.source);
    if (!source || dateRange(source.published).end <= published) continue;
    const stemsOf = index.factStems[index.positionOf.get(fact) ?? -1];
    let score = fact.answers.includes("why") ? 2 : 0;
    for (const t of topics) if (stemsOf?.has(t)) score += 1;
    if (score > 0 && (!best || score > best.score)) best = { fact, score };
  }
  return best?.fact;
}

/** An answer with facts it quotes added to its facts and sources. */
function withFacts(base: KnowledgeBase, answer: Answer, facts: Fact[]): Answer {
  if (facts.length === 0) return answer;
  const sources = [...answer.sources, ...facts.map((f) => base.sourceRef(f.source))];
  return {
    ...answer,
    facts: [...answer.facts, ...facts.map(factRef)],
    sources: uniqueById(sources),
  };
}

/**
 * "How long was it closed": from the change into the state to the next change, or, while it holds,
 * to the latest report, said as "at least" since nothing later is known.
 */
export function answerDuration(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  tracked: Entity[],
  confidence: number,
  now: Date,
  notes: Caveat[],
): Answer {
  const base = index.base;
  const body: string[] = [];
  const statuses: StatusReport[] = [];
  const cited: SourceRef[] = [];
  for (const entity of tracked.slice(0, MAX_ENTITIES)) {
    const current = currentStatus(base, entity.id, now);
    if (!current) continue;
    statuses.push(current);
    const events = changesOf(base, entity.id).filter(
      (e) => dateRange(e.effective).start <= clockOf(base, now),
    );
    const wanted = shape.changeTo ?? current.state;
    const at = events
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => sameState(e.state, wanted))
      .at(-1);
    const name = theName(entity);
    if (!at) {
      body.push(capitalise(messages.noSuchChange(name, wanted)));
      continue;
    }
    const next = events[at.i + 1];
    cited.push(at.e.source);
    const from = dateRange(at.e.effective).start;
    if (next) {
      cited.push(next.source);
      const days = Math.round((dateRange(next.effective).start - from) / DAY_MS);
      // A report that gives the length itself ("resumed after 37 days") is quoted, not recounted.
      const reported = reportedLength(base, entity.id, days);
      // Sources that disagree on when it ended: each account, and no count of days.
      const rivals = rivalsOf(base, entity.id, next);
      if (rivals.length > 1) {
        cited.push(...rivals.map((r) => r.source));
        body.push(
          messages.lastedDisputed(
            name,
            stateWord(at.e),
            onOrIn(at.e.effective),
            rivals.map((r) =>
              messages.accountOfChange(sourceName(r.source), rivalChange(base, entity.id, r)),
            ),
          ),
        );
      } else if (!reported && (isRough(at.e.effective) || isRough(next.effective)))
        body.push(
          messages.lastedRoughly(name, stateWord(at.e), onOrIn(at.e.effective), onOrIn(next.effective)),
        );
      else if (reported) {
        cited.push(base.sourceRef(reported.fact.source));
        body.push(
          messages.lastedReported(
            name,
            stateWord(at.e),
            onOrIn(at.e.effective),
            onOrIn(next.effective),
            reported.days,
            sourceName(base.sourceRef(reported.fact.source)),
          ),
        );
      } else
        body.push(
          messages.lasted(name, stateWord(at.e), onOrIn(at.e.effective), onOrIn(next.effective), days),
        );
    } else {
      // From a change dated only roughly, "at least" counts from the latest it can have been.
      const earliest = isRough(at.e.effective) ? dateRange(at.e.effective).end : from;
      const days = Math.max(0, Math.round((dateRange(current.asOf).end - earliest) / DAY_MS));
      body.push(
        messages.lastedAtLeast(
          name,
          stateWord(at.e),
          onOrIn(at.e.effective),
          formatDated(current.asOf),
          days,
        ),
      );
    }
  }
  if (statuses.length === 0)
    return decline("no-status", "status-change", messages.outOfScope(scopeSentence(base)));
  const answer = statusAnswer("status-change", statuses, confidence, { body, notes });
  const sources = [...cited, ...answer.sources];
  return { ...answer, sources: uniqueById(sources) };
}

const DAY_MS = 86_400_000;

/** A fact about the thing giving a length in days within a day of the one counted from its timeline. */
function reportedLength(
  base: KnowledgeBase,
  entityId: string,
  counted: number,
): { fact: Fact; days: number } | undefined {
  for (const fact of base.factsByEntity.get(entityId) ?? []) {
    const words = tokenize(fact.statement);
    for (let i = 0; i + 1 < words.length; i++) {
      const n = Number(words[i]);
      if (/^\d+$/.test(words[i] ?? "") && DAY_UNITS.has(words[i + 1] ?? "") && Math.abs(n - counted) <= 1)
        return { fact, days: n };
    }
  }
  return undefined;
}

/** Each item once, by id, first seen first. */
function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

/** "Iberian Logistics Weekly reported on 19 Jan 2026 that the Somport tunnel was expected to be open …". */
function expectation(name: string, e: ResolvedEvent): string {
  return messages.expected(
    name,
    stateWord(e),
    onOrIn(e.effective),
    sourceName(e.source),
    formatDated(e.reported),
    e.reason ? lowerFirst(e.reason.replace(/\.$/, "")) : undefined,
  );
}

/** What one source's account says happened: "reopened on 3 Apr 2026", "was still closed on 5 Apr 2026". */
function rivalChange(base: KnowledgeBase, entityId: string, rival: ResolvedEvent): string {
  if (rival.type === "still") return `was still ${stateWord(rival)} ${onOrIn(rival.effective)}`;
  return `${changeVerb(rival, changeBefore(base, entityId, rival))} ${onOrIn(rival.effective)}`;
}

/** "closed", "reopened", or "was suspended": what a change did, for "it does not say why …". */
function changeVerb(event: ResolvedEvent, previous: ResolvedEvent | undefined): string {
  if (event.startUnknown) return `was ${stateWord(event)}`;
  if (event.look) return levelChange(event, previous);
  if (event.state === "open") return previous ? "reopened" : "opened";
  if (event.state === "closed") return "closed";
  return `was ${stateWord(event)}`;
}

import { dateRange } from "../../knowledge/dates.ts";
import { type Dated, type Entity, PLACE_KINDS } from "../../knowledge/schema.ts";
import { stateSetOf } from "../../knowledge/states.ts";
import {
  ABILITY_MODALS,
  ATTRIBUTION_OPENERS,
  BRIEFING_CUES,
  DAY_WORDS,
  DAYS_BEFORE,
  ONE_WORDS,
  PART_STARTS,
  PAST_CHANGE_OPENERS,
  PRONOUNS,
  RELATIVE_DAY_WORDS,
  VERSUS_WORDS,
} from "../language/words.ts";
import type { EngineIndex } from "../lookup/index.ts";
import { STATUS_STEMS, stem, tokenize } from "../normalise/text.ts";
import { type QuestionShape, questionShape } from "./shape.ts";
import { narrowOwners, type Understanding, understandTokens } from "./understand.ts";

/** What one part of a question asks for. Decided here and nowhere else. */
export type PartIntent =
  | "help"
  | "status"
  | "status-on-date"
  | "status-change"
  | "why"
  | "expected"
  | "briefing"
  | "duration"
  | "facts-then-status"
  | "facts";

/** Where a part's subject came from. */
export type SubjectSource = "question" | "earlier-part" | "conversation" | "place" | "primary" | "only";

/** One question of a compound one ("is it open" and "why did it close"), read on its own. */
export interface QuestionPart {
  text: string;
  u: Understanding;
  shape: QuestionShape;
  /** The tracked things it asks about. */
  targets: Entity[];
  subjectFrom?: SubjectSource;
  intent: PartIntent;
  /** A what-question beside a status ("what are the benefits of reopening it"): facts first. */
  factsFirst: boolean;
  /** Tracked things the part could mean when it names none and no one is primary. */
  choices?: Entity[];
}

/** A question as the engine reads it: its parts in order. */
export interface Interpretation {
  parts: QuestionPart[];
}

/** What the conversation was about, for follow-ups ("why did it close" after "is the Italian embassy open"). */
export interface ConversationSubject {
  entityIds: string[];
}

const BRIEFING_STEMS = new Set([...BRIEFING_CUES].map((w) => stem(w)));

/**
 * Splits a question into the questions it holds: sentences, and clauses joined by "and" or a comma
 * where the second begins as a question does ("is it open, and why did it close").
 */
export function splitParts(cleaned: string): string[] {
  const sentences = cleaned
    .split(/(?<=[?!;])\s+|(?<=\.)\s+(?=[A-Za-z])/)
    .map((s) => s.trim())
    .filter((s) => tokenize(s).length > 0);
  const parts: string[] = [];
  for (const whole of sentences) {
    // "Status in May 2022 vs Nov 2024": the date after "vs" is a part of its own, asked like the first.
    const words = whole.split(/\s+/);
    const at = words.findIndex((w, i) => i > 0 && VERSUS_WORDS.has(w.toLowerCase().replace(/\.$/, "")));
    const sentence = at > 0 ? words.slice(0, at).join(" ") : whole;
    if (at > 0 && words.length > at + 1) parts.push(...splitParts(sentence), words.slice(at + 1).join(" "));
    if (at > 0) continue;
    const pieces = sentence.split(/\s*(?:,\s*(?:and|but|or)?|\band|\bbut|\balso|&|\+)\s+(?=([A-Za-z']+))/i);
    // split() with a capture group interleaves the captured word; rebuild the clauses.
    let current = pieces[0] ?? "";
    for (let i = 1; i < pieces.length; i += 2) {
      const next = pieces[i + 1] ?? "";
      const word = (pieces[i] ?? "").toLowerCase();
      // The first clause must be a question or a statement of its own ("per the WSJ, when …" is one question).
      const first = tokenize(current);
      const standsAlone =
        (PART_STARTS.has(first[0] ?? "") || first.length >= 4) && !ATTRIBUTION_OPENERS.has(first[0] ?? "");
      if (PART_STARTS.has(word) && standsAlone && first.length >= 2 && tokenize(next).length >= 2) {
        parts.push(current);
        current = next;
      } else current = `${current}${i === 1 && /,/.test(sentence) ? ", " : " and "}${next}`;
    }
    parts.push(current);
  }
  return parts.length > 0 ? parts : [cleaned];
}

/** Positions of the words of names of more than one word ("the Limited Access Channel"), and of kind nouns. */
function wordsOfNames(u: Understanding): Set<number> {
  const at = new Set<number>();
  for (const m of u.mentions) if (m.end - m.start > 1) for (let i = m.start; i < m.end; i++) at.add(i);
  // "Is the power still out": a word read as the noun of what is asked about names it.
  for (const i of u.kindTokens) at.add(i);
  return at;
}

/** Reads a question into parts, each with its subject and what it asks. */
export function interpret(
  index: EngineIndex,
  cleaned: string,
  now: Date,
  yearHint: number,
  conversation?: ConversationSubject,
): Interpretation {
  const parts: QuestionPart[] = [];
  for (const text of splitParts(cleaned)) {
    const u = understandTokens(index, text, index.lexicon.distribute(index.lexicon.rewrite(tokenize(text))));
    if (u.tokens.length === 0) continue;
    const shape = questionShape(u.tokens, now, {
      text,
      stateWords: index.lexicon.stateWords,
      questionIds: index.lexicon.questionIds,
      yearHint,
      nameTokens: wordsOfNames(u),
    });
    const previous = parts.at(-1);
    // "… vs Nov 2024": a part that is only a date asks the part before it again, of that date.
    if (
      previous &&
      shape.date &&
      u.entities.length === 0 &&
      u.topics.length === 0 &&
      previous.targets.length > 0
    ) {
      const asked = { ...previous.shape, date: shape.date };
      parts.push(readPart(index, previous.text, previous.u, asked, undefined, conversation, now));
      continue;
    }
    parts.push(readPart(index, text, u, shape, previous, conversation, now));
  }
  return { parts };
}

/**
 * "The Greek ceramics at the Louvre": of the parts of the thing named, the one whose own name holds
 * another word of the question is what is asked, not the whole.
 */
function partNamed(index: EngineIndex, thing: Entity, u: Understanding): Entity | undefined {
  const parts = index.lexicon.partsOf.get(thing.id);
  if (!parts || parts.length === 0) return undefined;
  const own = index.lexicon.namesOf(thing);
  const words = u.tokens.filter(
    (t) => !own.includes(` ${t} `) && u.topics.includes(index.stem(t)) && !STATUS_STEMS.has(index.stem(t)),
  );
  if (words.length === 0) return undefined;
  const named = parts
    .map((id) => index.entity(id))
    .filter((part): part is Entity => {
      if (!part || !index.base.timelines.has(part.id)) return false;
      const names = index.lexicon.namesOf(part);
      return words.some((w) => names.includes(` ${w} `));
    });
  return named.length === 1 ? named[0] : undefined;
}

function expand(index: EngineIndex, targets: readonly Entity[]): Entity[] {
  const out: Entity[] = [];
  for (const t of targets) {
    if (index.base.timelines.has(t.id)) out.push(t);
    else
      for (const id of index.lexicon.partsOf.get(t.id) ?? []) {
        const part = index.entity(id);
        if (part) out.push(part);
      }
  }
  return [...new Set(out)];
}

/** Tracked things related to the places a question names ("any news on Aarhus"), closest relation first. */
function trackedAt(
  index: EngineIndex,
  places: readonly Entity[],
  /** When some of the things there fit the question's words, only those are weighed. */
  fits: (thing: Entity) => boolean = () => true,
  /** Every thing related to the places, however closely, not only the closest. */
  every = false,
): Entity[] {
  // Candidates through the indexes (what is in or owned by the places), and by name in a small base.
  const ids = new Set<string>();
  for (const place of places) {
    for (const id of index.within(place.id)) ids.add(id);
    for (const id of index.ownedBy(place.id)) ids.add(id);
  }
  if (index.lexicon.trackable.length <= NAME_SCAN_LIMIT)
    for (const e of index.lexicon.trackable) ids.add(e.id);
  let best: Entity[] = [];
  let bestScore = 0;
  // A thing with a timeline is tracked whatever its kind (a crossing a base filed as a city).
  const things = [...ids]
    .map((id) => index.entity(id))
    .filter((thing): thing is Entity => thing !== undefined && index.base.timelines.has(thing.id));
  const fitting = things.filter(fits);
  for (const thing of fitting.length > 0 ? fitting : things) {
    if (places.some((p) => p.id === thing.id)) continue;
    const score = Math.min(...places.map((p) => placeRelation(index, thing, p)));
    if (every) {
      if (score > 0) best.push(thing);
    } else if (score > bestScore) {
      best = [thing];
      bestScore = score;
    } else if (score === bestScore && score > 0) best.push(thing);
  }
  return best;
}

/** Up to this many tracked things, a place's name in a thing's name relates them ("the Frederikshavn ferry"). */
const NAME_SCAN_LIMIT = 2000;

function placeRelation(index: EngineIndex, thing: Entity, place: Entity): number {
  const r = index.base.relations.get(thing.id);
  if (r?.owner === place.id) return 3;
  // "Highway 50 at Kyburz": a stretch is part of the road it is a stretch of, wherever it lies.
  if (index.base.placesOf(thing.id).includes(place.id) || r?.partOf === place.id) return 2;
  return index.lexicon.namesOf(thing).includes(` ${tokenize(place.name).join(" ")} `) ? 1 : 0;
}

function readPart(
  index: EngineIndex,
  text: string,
  u: Understanding,
  asked: QuestionShape,
  previous: QuestionPart | undefined,
  conversation: ConversationSubject | undefined,
  now: Date,
): QuestionPart {
  let shape = asked;
  // "Open? Closed? Why? Since when?": a part that is only a question word asks it of the part before.
  const elliptical =
    previous !== undefined &&
    previous.targets.length > 0 &&
    u.entities.length === 0 &&
    u.topics.length === 0 &&
    (shape.word === "why" || shape.word === "when") &&
    !shape.asksStatus;
  if (elliptical && previous) {
    const changeTo = previous.shape.changeTo ?? previous.shape.askedState;
    shape = { ...shape, asksStatus: true, ...(changeTo ? { changeTo } : {}) };
  }
  const stateStems = index.stateStems;
  // "Could you drive in from Gardiner", "can I get in": being able to go somewhere, in a verb the
  // sources do not use, asks whether it is open.
  const abilityVerb = ABILITY_MODALS.has(u.tokens[0] ?? "") ? index.stem(u.tokens[2] ?? "") : undefined;
  const otherTopics = u.topics.filter((t) => !STATUS_STEMS.has(t) && !stateStems.has(t));
  if (
    abilityVerb !== undefined &&
    !shape.asksStatus &&
    shape.word === "yes-no" &&
    otherTopics.length === 1 &&
    otherTopics[0] === abilityVerb &&
    !index.knowsStem(abilityVerb)
  )
    shape = { ...shape, asksStatus: true };
  const onlyStatus = u.topics.every(
    (t) => STATUS_STEMS.has(t) || stateStems.has(t) || (shape.asksStatus && t === abilityVerb),
  );
  let targets = expand(index, u.targets).map((t) => partNamed(index, t, u) ?? t);
  let subjectFrom: SubjectSource | undefined = targets.length > 0 ? "question" : undefined;
  let choices: Entity[] | undefined;
  // A body that owns tracked things stands, like a place, for them ("is Jetstar flying to Bali").
  const owns = (e: Entity) => !PLACE_KINDS.has(e.kind) && index.ownedBy(e.id).length > 0;
  const named = u.entities.filter((e) => !PLACE_KINDS.has(e.kind) && !(targets.length === 0 && owns(e)));
  const places = u.entities.filter((e) => PLACE_KINDS.has(e.kind) || (targets.length === 0 && owns(e)));
  const asksChange =
    (shape.word === "why" || shape.word === "when") && (shape.asksStatus || shape.changeTo !== undefined);
  const statusish = shape.asksStatus || asksChange;
  // "The Sellafield nuclear site": a place named in more words than its name is that site itself, not
  // the area whose things a status question could mean.
  const described = places.some((place) =>
    u.mentions.some((m) => m.entityIds.includes(place.id) && m.end - m.start > tokenize(place.name).length),
  );
  if (
    targets.length === 0 &&
    named.length === 0 &&
    places.length > 0 &&
    !described &&
    u.uncovered.length === 0
  ) {
    // "Are flights operating in Mendoza": of the things there, those whose own reports use the words.
    const content = u.topics.filter(
      (t) => !STATUS_STEMS.has(t) && !stateStems.has(t) && !BRIEFING_STEMS.has(t),
    );
    const fits = (thing: Entity) => content.length > 0 && content.every((t) => index.thingKnows(thing.id, t));
    // "Jetstar and AirAsia": each body's own things, at the places named.
    const owners = places.filter((p) => !PLACE_KINDS.has(p.kind));
    const areas = places.filter((p) => PLACE_KINDS.has(p.kind));
    const around =
      owners.length > 1
        ? owners.flatMap((owner) => trackedAt(index, [owner, ...areas], fits))
        : trackedAt(index, places, fits);
    const briefing = u.topics.every((t) => BRIEFING_STEMS.has(t) || STATUS_STEMS.has(t) || stateStems.has(t));
    // "Are trains running between Perpignan and Figueres": words the base uses beside a status word.
    const known =
      statusish && u.topics.every((t) => STATUS_STEMS.has(t) || stateStems.has(t) || index.knowsStem(t));
    // Getting in, in the asker's own verb, is asked of the one thing there, not of several.
    const entry =
      statusish &&
      around.length === 1 &&
      trackedAt(index, places, () => true, true).length === 1 &&
      u.topics.every((t) => STATUS_STEMS.has(t) || stateStems.has(t) || t === abilityVerb);
    if (around.length > 0 && around.length <= 6 && (briefing || known || entry)) {
      targets = around;
      subjectFrom = "place";
    }
  }
  // "Is Iceland still under a state of emergency": a state or a question that only some kinds declare
  // asks about the things of those kinds.
  const askedState = shape.askedState ?? shape.changeTo;
  const declares = (t: Entity) => {
    const set = stateSetOf(index.base.topic.kinds.get(t.kind));
    return set.declared && (set.byId.has(askedState ?? "") || set.questions.some((q) => q.id === askedState));
  };
  if (askedState && targets.length > 1) {
    const declaring = targets.filter(declares);
    if (declaring.length > 0 && declaring.length < targets.length) targets = declaring;
  }
  // "Is Grindavik in a state of emergency": of a place that has no such state, the thing there that does.
  if (askedState && targets.length > 0 && !targets.some(declares)) {
    const there = index.lexicon.trackable.filter(
      (t) => declares(t) && targets.some((place) => placeRelation(index, t, place) >= 2),
    );
    if (there.length > 0 && there.length <= 6) targets = there;
  }
  // "Were trains running to Corkickle": of the things a noun fits, those the places named relate to.
  if (targets.length > 1 && places.length > 0) {
    const fit = targets.filter((t) => places.every((p) => placeRelation(index, t, p) > 0));
    if (fit.length > 0 && fit.length < targets.length) targets = fit;
  }
  // "And the Greek one?": a thing of the kind just asked about, owned by or at what the part names.
  if (targets.length === 0 && u.uncovered.length === 0 && u.tokens.some((t) => ONE_WORDS.has(t))) {
    const earlier =
      previous?.targets ??
      (conversation?.entityIds ?? []).map((id) => index.entity(id)).filter((e) => e !== undefined);
    const qualifiers = u.entities.filter((e) => !index.base.timelines.has(e.id));
    const kinds = new Set(earlier.map((e) => e.kind));
    if (kinds.size > 0 && qualifiers.length > 0) {
      const sameKind = index.lexicon.trackable.filter((e) => kinds.has(e.kind));
      const fit = narrowOwners(index, sameKind, qualifiers);
      if (fit.length > 0 && fit.length <= 6) {
        targets = expand(index, fit);
        subjectFrom = "question";
      }
    }
  }
  const pronoun = u.tokens.some((t) => PRONOUNS.has(t));
  const bare = u.entities.length === 0 && u.unknownPlaces.length === 0 && u.uncovered.length === 0;
  if (targets.length === 0 && bare && (pronoun || (statusish && onlyStatus))) {
    if (previous && previous.targets.length > 0) {
      targets = previous.targets;
      subjectFrom = "earlier-part";
    } else if (conversation && conversation.entityIds.length > 0) {
      targets = conversation.entityIds.map((id) => index.entity(id)).filter((e) => e !== undefined);
      if (targets.length > 0) subjectFrom = "conversation";
    }
  }
  // "Is it open?", "why did it close after the strike?": the base's main subject, when it has one.
  if (targets.length === 0 && bare && statusish && (onlyStatus || pronoun)) {
    const tracked = [...index.base.timelines.keys()]
      .map((id) => index.entity(id))
      .filter((e) => e !== undefined);
    const primary = tracked.find((e) => e.primary);
    if (primary) {
      targets = [primary];
      subjectFrom = "primary";
    } else if (tracked.length === 1) {
      targets = tracked;
      subjectFrom = "only";
    } else choices = tracked;
  }
  // "What did John Kirby say about the embassy": a person or body named beside the subject asks for facts.
  const others = u.entities.some(
    (e) =>
      !PLACE_KINDS.has(e.kind) &&
      !targets.includes(e) &&
      !index.base.timelines.has(e.id) &&
      !index.sourceLinks.has(e.id) &&
      !index.lexicon.partsOf.has(e.id),
  );
  const intent =
    others && targets.length > 0 && !shape.asksStatus && shape.word !== "why" && shape.word !== "when"
      ? "facts"
      : // "Can I visit the embassy": whether one can get in is its status.
        ABILITY_MODALS.has(u.tokens[0] ?? "") &&
          targets.length > 0 &&
          !shape.asksHelp &&
          shape.word === "yes-no"
        ? shape.date && dateRange(shape.date).end < now.getTime() - WEEK_MS
          ? "status-on-date"
          : "status"
        : decideIntent(u, shape, targets, onlyStatus, (t) => index.knowsStem(t));
  const factsFirst = shape.word === "what" && !onlyStatus && u.uncovered.length === 0 && intent === "status";
  const around = relativeToChange(index, u, shape, targets);
  if (around)
    // "What happened the day before it closed": what the sources date to that day.
    return {
      text,
      u: { ...u, topics: [], entities: [], targets: [] },
      shape: { ...shape, date: around, asksStatus: false, word: "what" },
      targets: [],
      intent: "facts",
      factsFirst: false,
    };
  return {
    text,
    u,
    shape,
    targets,
    ...(subjectFrom ? { subjectFrom } : {}),
    intent,
    factsFirst,
    ...(choices ? { choices } : {}),
  };
}

/** The one place that decides what a part asks for. */
function decideIntent(
  u: Understanding,
  shape: QuestionShape,
  targets: Entity[],
  onlyStatus: boolean,
  known: (stem: string) => boolean,
): PartIntent {
  if (shape.asksHelp) return "help";
  if (targets.length === 0) return "facts";
  if (shape.asksHowLong && (shape.asksStatus || shape.changeTo !== undefined)) return "duration";
  if (shape.word === "who" || shape.word === "where" || shape.word === "how-many") return "facts";
  const asksChange = shape.asksStatus || shape.changeTo !== undefined;
  if (shape.word === "why" && asksChange) return "why";
  if (shape.word === "when" && asksChange) return shape.future ? "expected" : "status-change";
  if (shape.word === "why" || shape.word === "when") return "facts";
  if (shape.future && shape.asksStatus) return "expected";
  // "Did the storm close the port": a question about a change that happened, answered with the change.
  if (
    shape.word === "yes-no" &&
    PAST_CHANGE_OPENERS.has(u.tokens[0] ?? "") &&
    shape.changeTo &&
    !shape.date &&
    !shape.throughout
  )
    return "status-change";
  const briefing = u.topics.length > 0 && u.topics.every((t) => BRIEFING_STEMS.has(t) || STATUS_STEMS.has(t));
  // "Has it been closed since Nov 2024": a period that runs to now is asked of the status now.
  if (shape.asksStatus) return shape.date && !shape.sinceDate ? "status-on-date" : "status";
  if (briefing || (shape.asksBriefing && onlyStatus)) return "briefing";
  if (u.topics.length === 0) return shape.date ? "status-on-date" : "status";
  // A tracked thing asked about in words the base knows but no status word ("can lorries get through the lane"):
  // facts first, then its status.
  if (u.topics.every(known) && shape.word !== "what") return "facts-then-status";
  return "facts";
}

/**
 * "The day before it closed", "the day after the embassy reopened": a day counted from a change on
 * the one thing asked about, when the sources date that change to the day.
 */
function relativeToChange(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  targets: readonly Entity[],
): Dated | undefined {
  const at = u.tokens.findIndex((t, i) => DAY_WORDS.has(t) && RELATIVE_DAY_WORDS.has(u.tokens[i + 1] ?? ""));
  const target = targets[0];
  if (at < 0 || targets.length !== 1 || !target || !shape.changeTo || shape.date) return undefined;
  const change = (index.base.timelines.get(target.id) ?? []).find(
    (e) => e.type === "change" && e.state === shape.changeTo && e.effective.precision === "day",
  );
  if (!change) return undefined;
  const sign = DAYS_BEFORE.has(u.tokens[at + 1] ?? "") ? -1 : 1;
  const day = new Date(`${change.effective.date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + sign);
  return { date: day.toISOString().slice(0, 10), precision: "day" };
}

/** "This week", "today": a date this close to the question is now. */
const WEEK_MS = 14 * 86_400_000;

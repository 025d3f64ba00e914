import pluralize from "pluralize";
import type { KnowledgeBase } from "../../knowledge/base.ts";
import { dateRange, formatDated } from "../../knowledge/dates.ts";
import { type Entity, type Fact, PLACE_KINDS } from "../../knowledge/schema.ts";
import type { Answer, Intent, StatusReport } from "../answer.ts";
import type { QuestionShape } from "../interpret/shape.ts";
import type { Understanding } from "../interpret/understand.ts";
import { tagTokens } from "../language/partOfSpeech.ts";
import {
  capitalise,
  lowerFirst,
  messages,
  scopeSentence,
  statusSentence,
  theName,
} from "../language/sentences.ts";
import {
  AUTHOR_WORDS,
  COUNT_WORDS,
  NUMBER_WORDS,
  PLACE_NOUNS,
  ROLE_NOUNS,
  SOURCE_DETAIL_WORDS,
  SOURCE_WORDS,
  STOPWORDS,
  ZERO_WORDS,
} from "../language/words.ts";
import type { EngineIndex } from "../lookup/index.ts";
import { STATUS_STEMS, stem, stems, tokenize } from "../normalise/text.ts";
import { isSpecific, rankFacts } from "../retrieve/retrieve.ts";
import { currentStatus } from "../retrieve/status.ts";
import { decline, factAnswer, noFigure, sourceAnswer } from "./compose.ts";
import { SOURCE_STEMS, sourceSentence } from "./sourceAnswers.ts";

/** A figure in a fact: digits or a number word, once its dates are left out. */
const NUMBER = new RegExp(`\\d|\\b(${NUMBER_WORDS.join("|")})\\b`, "i");
const MONTH_NAME = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const DATES = new RegExp(
  `\\b\\d{1,2}(?:st|nd|rd|th)? ${MONTH_NAME}|${MONTH_NAME} \\d{1,2}(?:st|nd|rd|th)?\\b|\\b(?:19|20)\\d{2}\\b`,
  "gi",
);

/**
 * Does a fact give a figure ("11,000 troops", "dozens"), not only dates? When the question counts
 * something ("how many troops"), the figure must stand within a few words of that noun.
 */
function givesFigure(index: EngineIndex, statement: string, counted: string[] | undefined): boolean {
  const text = statement.replace(DATES, " ");
  if (!counted) return NUMBER.test(text);
  const tokens = tokenize(text);
  const nouns = new Set(counted.map((n) => index.stem(n)));
  return tokens.some((t, i) => {
    if (!nouns.has(index.stem(t))) return false;
    // "No patient was hurt": none, said right before the noun.
    if (ZERO_WORDS.has(tokens[i - 1] ?? "")) return true;
    return tokens.slice(Math.max(0, i - FIGURE_REACH), i + FIGURE_REACH + 1).some((w) => NUMBER.test(w));
  });
}

/** How far from its noun a figure may stand ("11,000 North Korean troops", "lorries peaked at 7,200"). */
const FIGURE_REACH = 5;

/** The noun a how-many question counts: the last word of the run after "many" or "much". */
function countedNoun(u: Understanding): string[] | undefined {
  // "How much" asks an amount, often in other words ("how much in weapons": "billions of dollars").
  const at = u.tokens.findIndex((t) => COUNT_WORDS.has(t));
  if (at < 0) return undefined;
  const tags = tagTokens(u.tokens);
  let start = at + 1;
  while (
    start < u.tokens.length &&
    !STOPWORDS.has(u.tokens[start] as string) &&
    !NOUNS.has(tags[start] ?? "")
  )
    start++;
  let end = start;
  while (end < u.tokens.length && NOUNS.has(tags[end] ?? "")) end++;
  // The nouns of the phrase ("ferry passengers"; "marines guard", where the tagger reads a verb as a noun).
  return end > start ? u.tokens.slice(start, end) : undefined;
}

/**
 * The verb of what is counted ("died" in "how many people died", "guard" in "how many marines guard
 * the embassy"), which a "no number" answers with its noun; the rest of the question is not said back.
 */
function countedVerb(u: Understanding, counted: readonly string[]): { nouns: string[]; verb?: string } {
  const at = u.tokens.indexOf(counted.at(-1) as string);
  const last = counted.at(-1) as string;
  const before = counted.at(-2);
  // "Marines guard the embassy", "staff work at it": a word in its plain form after the noun and
  // before "the" or "at" is a verb.
  if (
    before &&
    pluralize.isSingular(last) &&
    pluralize.singular(last) === last &&
    STOPWORDS.has(u.tokens[at + 1] ?? "")
  )
    return { nouns: counted.slice(0, -1), verb: last };
  const next = at >= 0 ? u.tokens[at + 1] : undefined;
  if (next === undefined || STOPWORDS.has(next)) return { nouns: [...counted] };
  return tagTokens(u.tokens)[at + 1] === "VERB"
    ? { nouns: [...counted], verb: next }
    : { nouns: [...counted] };
}

const NOUNS = new Set(["NOUN", "PROPN"]);
const PLACE_NOUN_STEMS = new Set([...PLACE_NOUNS].map((w) => stem(w)));
/** Answers led by what the thing named is ("ATACMS: a missile system …"). */
const LEAD_INTENTS = new Set<Intent>(["briefing", "who", "what"]);
/** Facts scoring at least this share of the best one join it in the answer. */
const CLOSE_SCORE = 0.75;

const INTENT_OF_WORD: Partial<Record<QuestionShape["word"], Intent>> = {
  who: "who",
  why: "why",
  "how-many": "how-many",
};

function intentOf(u: Understanding, shape: QuestionShape): Intent {
  if (shape.asksAdvice) return "advice";
  const byWord = INTENT_OF_WORD[shape.word];
  if (byWord) return byWord;
  if (shape.date && u.topics.length === 0) return "on-date";
  return u.topics.length === 0 || shape.asksBriefing ? "briefing" : "what";
}

/** Answers from the facts that best fit the question, or declines when none fits well enough. */
export function answerFromFacts(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  confidence: number,
  now: Date,
  examples: string[],
  options: { latest?: boolean; noLead?: boolean } = {},
): Answer {
  const base: KnowledgeBase = index.base;
  const intent = intentOf(u, shape);
  if (u.unknownPlaces.length > 0) {
    return {
      ...decline("unknown-entity", intent, messages.uncovered(u.unknownPlaces), u.entities, examples),
      unplaced: u.unknownPlaces,
    };
  }
  // "What country was he in": the place noun is what is asked, not a word the fact must have.
  if (shape.word === "where") u = { ...u, topics: u.topics.filter((t) => !PLACE_NOUN_STEMS.has(t)) };
  let ranked = rankFacts(index, u, shape, options.latest ? 12 : 3);
  // Nothing clears the bars: the closest facts, whose every naming word the coverage accounting checks.
  if (ranked.length === 0 && !options.latest) ranked = rankFacts(index, u, shape, 2, true);
  // What will happen on a day to come is answered only by what the sources expect, never by what was.
  if (shape.date && dateRange(shape.date).start > now.getTime())
    ranked = ranked.filter((r) => r.fact.certainty === "under-consideration");
  // "What's new with it": the latest reports first.
  if (options.latest) {
    const end = (r: (typeof ranked)[number]) => (r.fact.when ? dateRange(r.fact.when).end : 0);
    ranked = [...ranked].sort((a, b) => end(b) - end(a)).slice(0, 2);
  }
  // "What happened on 21 Nov 2024" is about that day: a fact dated only to the month does not answer it.
  if (intent === "on-date" && shape.date?.precision === "day") {
    const day = dateRange(shape.date);
    ranked = ranked.filter(
      (r) => r.fact.when?.precision === "day" && dateRange(r.fact.when).start === day.start,
    );
  }
  // A question about a paper or its reporter and nothing else is about the article itself.
  const paper = u.entities.find((e) => index.sourceLinks.has(e.id));
  const onlyPaper = u.entities.every((e) => e === paper || !isSpecific(e) || index.isContext(e.id));
  if (paper && onlyPaper && u.topics.every((t) => SOURCE_STEMS.has(t))) {
    // "Who wrote the Courier piece", of an article with no byline: its record says so.
    const unsigned = (index.sourceLinks.get(paper.id) ?? []).every((l) => !l.source.author);
    const byline = u.tokens.some((t) => AUTHOR_WORDS.has(t)) && unsigned;
    return (
      (byline ? sourceRecordAsked(index, u, shape, paper) : undefined) ??
      aboutSources(index, paper, intent, confidence)
    );
  }
  // "Who wrote the Andean Courier article", "who wrote the paper's piece on the closure": asked of the
  // article's record (its author, date, headline), whether or not the paper is an entity of the base.
  const record = sourceRecordAsked(index, u, shape, paper);
  if (record) return record;
  // "What was John Kirby's job": the role the base gives a person.
  const role = roleAsked(index, u, confidence, now);
  if (role) return role;
  // "Who is the president of Ukraine": the base's presidents are of other countries, so it has no answer.
  // "Who is the president of the UNC System": the base's holders of that role are of other bodies.
  const otherBody = intent === "who" ? roleOfAnotherPlace(index, u) : undefined;
  if (otherBody) return decline("no-facts", intent, messages.noFacts(otherBody.name), u.entities, examples);
  // "Who is the Russian president": the one person whose role it is, and what the sources say of them.
  const holder = intent === "who" ? soleRoleHolder(index, u) : undefined;
  const aboutHolder = holder ? (base.factsByEntity.get(holder.id) ?? []) : [];
  if (holder && aboutHolder.length > 0) {
    const ownFacts = rankFacts(index, { ...u, entities: [holder], topics: [] }, shape, 1).map((r) => r.fact);
    return factAnswer(
      base,
      "who",
      ownFacts.length > 0 ? ownFacts : aboutHolder.slice(0, 1),
      [holder],
      confidence,
      now,
      `${holder.name}: ${holder.role}.`,
    );
  }
  // "How many …" is answered only by a fact that gives a number.
  if (intent === "how-many") {
    const counted = countedNoun(u);
    const unfiltered = ranked;
    ranked = ranked.filter((r) => givesFigure(index, r.fact.statement, counted));
    // "How many staff work at the embassy": of a tracked thing, the sources' silence is the answer,
    // with what they do say of the thing counted ("a small group of diplomats").
    const thing = u.targets.find((t) => base.timelines.has(t.id));
    // Only of something the sources speak of, the thing counted or what the question says of it
    // ("died in the attack"): of what they never mention ("how many bison live there"), nothing.
    const head = counted ? index.stem(counted[0] as string) : "";
    const spokenOf =
      index.knowsStem(head) || u.topics.some((t) => t !== head && !STATUS_STEMS.has(t) && index.knowsStem(t));
    if (ranked.length === 0 && counted && thing && spokenOf) {
      // What they say of the thing counted; failing that, the report that best matches the rest.
      const said =
        unfiltered.find((r) => tokenize(r.fact.statement).some((t) => index.stem(t) === head)) ??
        unfiltered[0];
      const { nouns, verb } = countedVerb(u, counted);
      return noFigure(
        messages.noFigure(nouns.join(" "), theName(thing)),
        verb ? [verb] : [],
        [thing],
        confidence,
        said ? factAnswer(base, "how-many", [said.fact], [thing], confidence, now) : undefined,
      );
    }
  }
  // Nothing matched the words: the facts about the one thing named, whose words the coverage checks.
  if (ranked.length === 0 && !options.latest && intent !== "how-many") ranked = aboutNamed(index, u, shape);
  // "Were staff evacuated in Nov 2024": a report dated to another time does not answer it.
  // Only a date whose year was said: "on may 8" takes the sources' latest year, which may be wrong.
  const yearSaid = u.tokens.some((t) => /^(19|20)\d\d$/.test(t));
  const asked =
    shape.date && yearSaid && dateRange(shape.date).start <= now.getTime()
      ? dateRange(shape.date)
      : undefined;
  if (asked)
    ranked = ranked.filter((r) => {
      if (!r.fact.when) return true;
      const when = dateRange(r.fact.when);
      return when.start <= asked.end && when.end >= asked.start;
    });
  const best = ranked[0];
  if (!best) {
    const topic =
      u.entities.find((e) => !index.isContext(e.id)) ?? u.entities.filter(isSpecific)[0] ?? u.entities[0];
    if (topic) return decline("no-facts", intent, messages.noFacts(topic.name), u.entities, examples);
    if (intent === "on-date" && shape.date) {
      return decline("no-facts", intent, messages.nothingDated(formatDated(shape.date)), [], examples);
    }
    return decline("out-of-scope", "unknown", messages.outOfScope(scopeSentence(base)), [], examples);
  }
  const close = ranked.filter((r) => r !== best && r.score >= best.score * CLOSE_SCORE);
  // A why-question is answered by the reason first, even when another fact matches its words better.
  // Of the reasons, the one about the most of what the question names ("why did Biden allow ATACMS").
  const reasons = intent === "why" ? ranked.filter((r) => r.fact.answers.includes("why")) : [];
  const reason = reasons.reduce<(typeof ranked)[number] | undefined>(
    (top, r) => (!top || r.entityCoverage > top.entityCoverage ? r : top),
    undefined,
  );
  const ordered = reason && reason !== best ? [reason, best] : [best, ...close];
  const picked = ordered.slice(0, intent === "briefing" || intent === "on-date" ? 3 : 2);
  const defined = u.entities.find((e) => isSpecific(e) && e.description);
  const statuses = u.entities
    .filter((e: Entity) => intent === "briefing" && base.timelines.has(e.id))
    .map((e) => currentStatus(base, e.id, now))
    .filter((s): s is StatusReport => s !== null);
  const lead = options.noLead
    ? undefined
    : defined && u.topics.length === 0 && LEAD_INTENTS.has(intent)
      ? `${defined.name}: ${defined.description?.replace(/\.$/, "")}.`
      : statuses[0]
        ? statusSentence(statuses[0])
        : whichThing(index, u, picked[0]?.fact);
  const chosen = picked.slice(0, lead ? 2 : 3).map((r) => r.fact);
  const answer = factAnswer(
    base,
    intent,
    chosen,
    u.entities,
    confidence * Math.min(1, 0.5 + best.termCoverage / 2),
    now,
    lead,
  );
  return statuses.length > 0 && !options.noLead ? { ...answer, status: statuses[0], statuses } : answer;
}

/**
 * "When was Highway 50 to go to one-way control": a report about one tracked thing in words that do
 * not name it ("the road", "Highway 50" of one stretch of it) says first which thing it is about.
 */
function whichThing(index: EngineIndex, u: Understanding, fact: Fact | undefined): string | undefined {
  if (!fact) return undefined;
  const tracked = fact.about.filter((id) => index.base.timelines.has(id));
  if (tracked.length !== 1) return undefined;
  const thing = index.entity(tracked[0] as string);
  if (!thing) return undefined;
  const said = ` ${tokenize(fact.statement).join(" ")} `;
  if ([thing.name, ...thing.aliases].some((n) => said.includes(` ${tokenize(n).join(" ")} `)))
    return undefined;
  return messages.aboutThing(theName(thing));
}

/** "Who wrote the Washington Times article", "who is Mike Glenn": answered from the source records. */
function aboutSources(index: EngineIndex, entity: Entity, intent: Intent, confidence: number): Answer {
  const links = index.sourceLinks.get(entity.id) ?? [];
  return sourceAnswer(
    intent,
    links.map((link) => sourceSentence(entity, link)).join(" "),
    confidence,
    [entity],
    links.map((link) => index.base.sourceRef(link.source.id)),
  );
}

/**
 * Does the question ask who holds a role in a place ("the president of Ukraine") that the base's
 * holders of that role hold somewhere else ("US President")?
 */
function roleOfAnotherPlace(index: EngineIndex, u: Understanding): Entity | undefined {
  // Of a place or of a body ("the president of the UNC System"): the role must name it.
  // A tracked thing is asked about in its own right ("the gallery is named after who"), not as a body.
  const body = (e: Entity) =>
    (PLACE_KINDS.has(e.kind) || e.kind === "organisation") && !index.base.timelines.has(e.id);
  const { holders, inPlace, places } = roleHolders(index, u, body);
  return places.length > 0 && holders.length > 0 && inPlace.length === 0 ? places[0] : undefined;
}

const notPerson = (e: Entity) => e.kind !== "person";

/** The one person whose role is what the question asks for, of the place or body it names if any. */
function soleRoleHolder(index: EngineIndex, u: Understanding): Entity | undefined {
  const { holders, inPlace, places } = roleHolders(index, u, notPerson);
  const fit = places.length > 0 ? inPlace : holders;
  return fit.length === 1 && u.entities.every(notPerson) ? fit[0] : undefined;
}

function roleHolders(
  index: EngineIndex,
  u: Understanding,
  qualifies: (e: Entity) => boolean = (e) => PLACE_KINDS.has(e.kind),
) {
  const places = u.entities.filter(qualifies);
  if (u.topics.length === 0) return { holders: [], inPlace: [], places };
  const holders = index.withRoles.filter((e) => {
    const role = index.roleStems(e);
    return u.topics.every((t) => role.stems.has(t));
  });
  const placeWords = places.flatMap((p) =>
    [p.name, ...p.aliases, ...p.demonyms].map((n) => ` ${tokenize(n).join(" ")} `),
  );
  const inPlace = holders.filter((h) => placeWords.some((w) => index.roleStems(h).words.includes(w)));
  return { holders, inPlace, places };
}

/**
 * An article's record asked for: a question with a word about articles' authorship or publication
 * ("wrote", "author", "byline", "published") that names a paper (as an entity, or by a source's
 * publisher or relayed outlet) and nothing else the article's facts are not about.
 */
function sourceRecordAsked(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  paper: Entity | undefined,
): Answer | undefined {
  if (!u.tokens.some((t) => SOURCE_DETAIL_WORDS.has(t)) && shape.word !== "who") return undefined;
  if (!u.tokens.some((t) => SOURCE_WORDS.has(t))) return undefined;
  let sources = paper
    ? (index.sourceLinks.get(paper.id) ?? []).map((l) => l.source)
    : index.sourcesNamedIn(u.tokens);
  // "Who wrote the Nov 2024 story": the articles published then.
  if (sources.length === 0 && !paper && shape.date) {
    const period = dateRange(shape.date);
    sources = [...index.base.sources.values()].filter((source) => {
      const r = dateRange(source.published);
      return r.start <= period.end && r.end >= period.start;
    });
  }
  if (sources.length === 0) return undefined;
  // Anything else named must be something the articles report on ("the piece on the embassy closing").
  const reported = new Set(
    index.base.facts.filter((f) => sources.some((s) => s.id === f.source)).flatMap((f) => f.about),
  );
  const others = u.entities.filter((e) => e !== paper && !index.sourceLinks.has(e.id));
  if (!others.every((e) => reported.has(e.id) || !isSpecific(e))) return undefined;
  // "Who were the reporters": an article with no author named does not answer it.
  const asksAuthor = u.tokens.some((t) => AUTHOR_WORDS.has(t));
  // "Who were the reporters": an article with no byline answers it so, with its record.
  if (asksAuthor && sources.every((source) => !source.author)) {
    const text = messages.noAuthor(sources.map((source) => source.relays ?? source.publisher));
    const answer = sourceAnswer(
      "who",
      text,
      0.9,
      paper ? [paper] : [],
      sources.map((source) => index.base.sourceRef(source.id)),
    );
    return { ...answer, verdict: "not-given", caveats: [{ kind: "not-given", text }] };
  }
  // "What day did it run": a date the curator worked out is said to be one, with how.
  const asksDate = shape.word === "when" || shape.date !== undefined;
  const text = sources
    .map((source) => {
      const by = source.author ? ` by ${source.author}` : ", with no author named";
      const what = source.relays ? `the article relaying ${source.relays}'s report` : "the article";
      const on = source.published.precision === "day" ? "on" : "in";
      const headline = source.descriptiveHeadline ? lowerFirst(source.headline) : `"${source.headline}"`;
      const inferred =
        asksDate && source.dateInferred ? ` ${messages.dateInferred(source.dateInferred)}` : "";
      return `${capitalise(source.publisher)} published ${what}${by}, ${on} ${formatDated(source.published)}: ${headline}.${inferred}`;
    })
    .join(" ");
  return sourceAnswer(
    "who",
    text,
    0.9,
    paper ? [paper] : [],
    sources.map((source) => index.base.sourceRef(source.id)),
  );
}

/** "What was John Kirby's job": one person named, and a word asking for their role. */
function roleAsked(index: EngineIndex, u: Understanding, confidence: number, now: Date): Answer | undefined {
  if (!u.tokens.some((t) => ROLE_NOUNS.has(t))) return undefined;
  const people = u.entities.filter((e) => e.role);
  const person = people[0];
  if (people.length !== 1 || !person?.role) return undefined;
  const own = index.base.factsByEntity.get(person.id) ?? [];
  const cited = own.filter((f) => f.attribution.includes(person.name) || f.statement.includes(person.name));
  return factAnswer(
    index.base,
    "who",
    cited.slice(0, 1),
    [person],
    confidence,
    now,
    `${person.name}: ${person.role}.`,
  );
}

/**
 * The facts about the one specific thing a question names, best fit first: for "where", those that
 * also name a place; for "who", those that name a person. The coverage accounting then checks that
 * every naming word of the question is in them.
 */
function aboutNamed(index: EngineIndex, u: Understanding, shape: QuestionShape) {
  const named = u.entities.filter((e) => isSpecific(e) && !index.isContext(e.id));
  const thing = named[0];
  if (named.length !== 1 || !thing) return [];
  const wanted = (f: Fact) =>
    f.about.some((id) => {
      const e = index.entity(id);
      if (!e || id === thing.id) return false;
      return shape.word === "where"
        ? PLACE_KINDS.has(e.kind)
        : shape.word === "who"
          ? e.kind === "person"
          : true;
    });
  const facts = (index.base.factsByEntity.get(thing.id) ?? []).filter(wanted);
  const topics = new Set(u.topics);
  const scored = facts.map((fact) => {
    const stems = index.factStems[index.positionOf.get(fact) ?? -1];
    let score = 0;
    for (const t of topics) if (stems?.has(t)) score++;
    return {
      fact,
      score,
      termCoverage: topics.size === 0 ? 1 : score / topics.size,
      entityCoverage: 1,
      minTermCoverage: 0,
    };
  });
  return scored.sort((a, b) => b.score - a.score).slice(0, 1);
}

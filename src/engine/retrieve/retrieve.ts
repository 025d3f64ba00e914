import { dateRange } from "../../knowledge/dates.ts";
import { type Entity, type Fact, PLACE_KINDS } from "../../knowledge/schema.ts";
import type { QuestionShape } from "../interpret/shape.ts";
import type { Understanding } from "../interpret/understand.ts";
import { GENERIC_WORDS, PLAN_WORDS } from "../language/words.ts";
import { type EngineIndex, MAX_KEYWORD_PHRASE } from "../lookup/index.ts";
import { stem } from "../normalise/text.ts";

const GENERIC_STEMS = new Set([...GENERIC_WORDS].map((w) => stem(w)));

/** Weight of each named entity a fact is about, against the idf of a matched word. */
const ENTITY_WEIGHT = 2;
const ANSWERS_BONUS = 1;
/** A keyword phrase of little words met whole counts as much as a fairly rare word. */
const PHRASE_WEIGHT = 2;
/** A reason is rarely worded like its question, so a fact that gives one counts for more. */
const WHY_BONUS = 3;
const DATE_BONUS = 3;
/** Plans and proposals should not lead an answer to a question about what is. */
const UNDER_CONSIDERATION_PENALTY = 0.75;
/** A fact must cover this share of the question's topic words (by idf weight) to be an answer. */
const MIN_TERM_COVERAGE = 0.5;
/** A fact about every entity the question names may cover fewer of its words. */
const MIN_TERM_COVERAGE_ABOUT_ALL = 0.34;
/**
 * A question that names nothing specific has only its words to go on: a fact must match nearly all
 * of them ("did the US confirm the attack" is not answered by a fact that only confirms something).
 */
const MIN_TERM_COVERAGE_NOTHING_NAMED = 0.7;
/** In the relaxed pass, this share of each bar: what is then unmatched must still be covered. */
const RELAXED_SHARE = 0.5;
/** ...and this share of the entities it names that are not mere context. */
const MIN_ENTITY_COVERAGE = 0.5;

interface RankedFact {
  fact: Fact;
  score: number;
  termCoverage: number;
  entityCoverage: number;
  /** The term coverage this fact needs: less when it is about everything the question names. */
  minTermCoverage: number;
}

/** Entities that name a topic rather than setting the scene (countries and cities do that). */
export function isSpecific(entity: Entity): boolean {
  return !PLACE_KINDS.has(entity.kind);
}

/**
 * Ranks facts against a question through the inverted index, never by scanning every fact:
 * candidates are the facts about the named entities plus those sharing a topic word.
 */
export function rankFacts(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  limit = 3,
  /** Lower bars, for a second pass whose answer the coverage accounting then checks word by word. */
  relaxed = false,
): RankedFact[] {
  const topics = u.topics;
  // "Did anyone die because of the storm": outside a why-question, the cause named is the scene.
  const cause = shape.word !== "why" ? shape.claimedCause : undefined;
  const causeIds = new Set(
    cause
      ? u.mentions.filter((m) => m.start >= cause.start && m.end <= cause.end).flatMap((m) => m.entityIds)
      : [],
  );
  const specific = u.entities
    .filter((e) => (u.targets.includes(e) || !index.isContext(e.id)) && !causeIds.has(e.id))
    .map((e) => e.id);
  const named = new Set(u.entities.map((e) => e.id));
  // A paper named beside a topic ("per the Journal's piece") is where a fact comes from: its reports
  // count as about it, whether or not they name it.
  const papers = new Map<string, Set<string>>();
  for (const id of named) {
    const links = index.sourceLinks.get(id);
    if (links) papers.set(id, new Set(links.map((l) => l.source.id)));
  }
  const reports = (fact: Fact, id: string): boolean => papers.get(id)?.has(fact.source) === true;
  // A fact about a thing in a place is about the place too ("what should drivers heading for La Jonquera do").
  const covers = new Map(specific.map((id) => [id, index.within(id)]));
  const facts = index.base.facts;
  const candidates = new Set<number>();
  for (const id of [...named, ...[...covers.values()].flatMap((s) => [...s])]) {
    for (const fact of index.base.factsByEntity.get(id) ?? [])
      candidates.add(index.positionOf.get(fact) ?? 0);
  }
  const weights = new Map(topics.map((t) => [t, index.idf(t)]));
  // Vague words never carry a match alone ("what time is it"), but count beside a word that does
  // ("shelter in place").
  let totalWeight = 0;
  for (const [t, w] of weights) if (!GENERIC_STEMS.has(t)) totalWeight += w;
  // A question of vague words alone still needs them matched.
  if (totalWeight === 0) for (const w of weights.values()) totalWeight += w;
  for (const t of topics) for (const position of index.postings.get(t) ?? []) candidates.add(position);
  if (shape.date) for (const position of index.factsDuring(shape.date)) candidates.add(position);
  // "Get out", "shelter in place": a keyword phrase of little words, met whole in the question.
  const phraseHits = new Map<number, number>();
  if (index.keywordPhrases.size > 0) {
    const stemmed = u.tokens.map((t) => index.stem(t));
    for (let n = 2; n <= MAX_KEYWORD_PHRASE; n++)
      for (let i = 0; i + n <= stemmed.length; i++)
        for (const position of index.keywordPhrases.get(stemmed.slice(i, i + n).join(" ")) ?? []) {
          candidates.add(position);
          phraseHits.set(position, (phraseHits.get(position) ?? 0) + 1);
        }
  }
  const phrasesMet = Math.max(0, ...phraseHits.values());
  totalWeight += PHRASE_WEIGHT * phrasesMet;

  const period = shape.date ? dateRange(shape.date) : undefined;
  const asksAboutPlans = u.tokens.some((t) => PLAN_WORDS.has(t));
  const ranked: RankedFact[] = [];
  const left = new Set(u.excluded.map((e) => e.id));
  for (const position of candidates) {
    const fact = facts[position] as Fact;
    // A fact about what the question leaves out ("before Brink") does not answer it.
    if (fact.about.some((id) => left.has(id)) && !fact.about.some((id) => specific.includes(id))) continue;
    const factStems = index.factStems[position] as ReadonlyMap<string, number>;
    let termWeight = 0;
    let termScore = 0;
    let vagueWeight = 0;
    for (const [t, w] of weights) {
      const count = factStems.get(t) ?? 0;
      if (count === 0) continue;
      if (GENERIC_STEMS.has(t)) {
        vagueWeight += w;
        continue;
      }
      termWeight += w;
      termScore += w * (1 + 0.25 * (Math.min(count, 3) - 1));
    }
    termWeight += PHRASE_WEIGHT * (phraseHits.get(position) ?? 0);
    if (termWeight > 0) termWeight += vagueWeight;
    // A kind noun the question used counts where the fact has it, and is not needed where it does not.
    for (const t of u.nounStems) {
      if (weights.has(t) || !factStems.has(t)) continue;
      const w = index.idf(t);
      termWeight += w / 2;
      termScore += w;
    }
    let specificHits = 0;
    for (const id of specific) {
      const around = covers.get(id);
      if (fact.about.includes(id) || (around && fact.about.some((a) => around.has(a))) || reports(fact, id))
        specificHits++;
    }
    let score = termScore + PHRASE_WEIGHT * (phraseHits.get(position) ?? 0);
    for (const id of fact.about) if (named.has(id)) score += ENTITY_WEIGHT * index.entityIdf(id);
    for (const id of papers.keys())
      if (!fact.about.includes(id) && reports(fact, id)) score += ENTITY_WEIGHT * index.entityIdf(id);
    if (specificHits > 0) score += ENTITY_WEIGHT * specificHits;
    if (fact.certainty === "under-consideration" && !asksAboutPlans) score -= UNDER_CONSIDERATION_PENALTY;
    if (shape.word !== "none" && fact.answers.includes(shape.word as Fact["answers"][number]))
      score += shape.word === "why" ? WHY_BONUS : ANSWERS_BONUS;
    // Advice is rarely worded like the question asking for it, so a fact that gives it counts for more.
    if (shape.asksAdvice && fact.answers.includes("advice")) score += WHY_BONUS;
    const r = period && fact.when ? index.factRange(position) : undefined;
    if (period && fact.when && r) {
      // A fact dated as precisely as the question beats one whose month merely overlaps it.
      if (r.start <= period.end && r.end >= period.start) {
        score += fact.when.precision === shape.date?.precision ? DATE_BONUS : DATE_BONUS / 3;
      }
    }
    const entityCoverage = specific.length > 0 ? specificHits / specific.length : 1;
    // A fact tagged as answering this kind of question, about everything the question names,
    // answers it even in other words ("why did the Pentagon allow …" -> "in response to …").
    // So does advice about it, asked for ("what should people do while the ER is closed").
    const fitsQuestion =
      entityCoverage >= MIN_ENTITY_COVERAGE &&
      specific.length > 0 &&
      ((shape.word === "why" && fact.answers.includes("why")) ||
        (shape.asksAdvice && fact.answers.includes("advice") && entityCoverage === 1));
    const aboutAllNamed = entityCoverage === 1 && specific.length > 0;
    const termCoverage = totalWeight > 0 && !fitsQuestion ? Math.min(1, termWeight / totalWeight) : 1;
    const minTermCoverage =
      aboutAllNamed && termWeight > 0
        ? MIN_TERM_COVERAGE_ABOUT_ALL
        : specific.length === 0 && weights.size > 1 && !shape.asksAdvice
          ? MIN_TERM_COVERAGE_NOTHING_NAMED
          : MIN_TERM_COVERAGE;
    const bar = relaxed ? minTermCoverage * RELAXED_SHARE : minTermCoverage;
    if (termCoverage < bar || entityCoverage < MIN_ENTITY_COVERAGE) continue;
    ranked.push({ fact, score, termCoverage, entityCoverage, minTermCoverage });
  }
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}

import { type Entity, PLACE_KINDS } from "../../knowledge/schema.ts";
import type { Answer, CaveatKind } from "../answer.ts";
import type { QuestionShape } from "../interpret/shape.ts";
import { type PlacedToken, type TokenRole, tokenRoles } from "../interpret/tokenRoles.ts";
import type { Understanding } from "../interpret/understand.ts";
import { isEnglishWord } from "../language/english.ts";
import { NAMING_TAGS, tagTokens } from "../language/partOfSpeech.ts";
import {
  ABILITY_MODALS,
  ACCESS_MODALS,
  CHANGE_WORDS,
  GENERIC_WORDS,
  INDEFINITE,
  PERSISTENCE_WORDS,
  PLACE_NOUNS,
  POSSESSIVE_LINKS,
  STATUS_WORDS,
  SYNONYMS,
  YES_NO_OPENERS,
} from "../language/words.ts";
import type { EngineIndex } from "../lookup/index.ts";
import { STATUS_STEMS, tokenize } from "../normalise/text.ts";
import { SOURCE_STEMS } from "./sourceAnswers.ts";

/** A token's final role: a content word met in the answer's evidence, or one that is not. */
export type AccountedRole = TokenRole | "fact-term" | "unplaced";

/** What every token of a question part was understood as, measured against the answer given. */
export interface Coverage {
  tokens: (Omit<PlacedToken, "role"> & { role: AccountedRole })[];
  /**
   * Runs of unplaced words that name something ("passport renewals", "Zelensky", "the north"):
   * the answer does not cover them, so it must say so rather than answer with a neighbour.
   */
  uncovered: string[];
  /**
   * Whether an uncovered word names a tracked thing or a place: the answer would then be about
   * another thing than the one asked. Otherwise it is something put forward beside the subject
   * (a person, a body, an event), which a why-question presupposes.
   */
  namesOtherSubject: boolean;
}

/**
 * Caveats whose sentences address the question's own words ("my sources do not give X as the
 * reason"). Not "uncovered": an answer about one thing with "I have no reports on X" beside it
 * answers another thing than the one asked.
 */
const ADDRESSING_CAVEATS = new Set<CaveatKind>([
  "not-given",
  "premise-not-supported",
  "cause-not-given",
  "no-cause",
  "no-forecast",
  "expectation",
  "qualifier",
]);
/** Roles of the words of a thing's name or noun, which a number or a modifier beside them joins. */
const NAME_ROLES = new Set<AccountedRole>(["thing", "kind"]);
/** Roles of the words of what a question is about, before its state word ("is Boone Elementary open"). */
const SUBJECT_ROLES = new Set<AccountedRole>(["qualifier", "thing", "unplaced"]);
/** Parts of speech the last word of a yes-no question's subject may be given ("the Riley Creek [lodge] open"). */
const SUBJECT_HEAD_TAGS = new Set(["ADJ", "VERB", "NOUN", "PROPN", "X"]);
/** Verbs that carry the state asked rather than name the subject ("did it [stay] open", "[get] shut"). */
const VERBS_OF_STATE: ReadonlySet<string> = new Set([
  ...PERSISTENCE_WORDS,
  ...STATUS_WORDS,
  ...CHANGE_WORDS.keys(),
]);
/** Parts of speech of function words: prepositions, determiners, conjunctions, pronouns, particles. */
const FUNCTION_TAGS = new Set(["ADP", "DET", "CCONJ", "SCONJ", "PRON", "PART", "AUX"]);
/** Parts of speech that may stand inside a name, before its noun ("the north terminal"). */
const MODIFIER_TAGS = new Set(["ADJ", "ADV", "NOUN", "PROPN", "X", "NUM", "VERB"]);

/**
 * Settles each content word of a part against what its answer rests on: the facts it cites, the
 * statuses it gives, the entities it is about and their relations, its sources, and the caveats that
 * address the question's words. A name or noun met in none of them is uncovered; so is a tracked or
 * known entity the answer is not about ("Greece" in a question answered about the US embassy).
 */
export function accountFor(
  index: EngineIndex,
  u: Understanding,
  shape: QuestionShape,
  answer: Answer,
  /** Things whose own reports the words picked them by ("flights" in Mendoza: the airport). */
  pickedBy: readonly string[] = [],
): Coverage {
  const roles = tokenRoles(index, u);
  // "Can I visit it", "is it safe to fly": a question about access reads its verb as the status asked.
  const asksAccess = shape.asksStatus || ACCESS_MODALS.has(u.tokens[0] ?? "");
  const yesNo = shape.word === "yes-no" || YES_NO_OPENERS.has(u.tokens[0] ?? "");
  // After "can" and who would do it ("can trucks", "can I"), the verb of access.
  const accessVerb = ABILITY_MODALS.has(u.tokens[0] ?? "") ? 2 : -1;
  const related = relatedEntities(index, answer);
  const evidence = evidenceStems(index, answer, related);
  // "Did anyone die because of the storm": a cause set as the scene is met by a report from an
  // article about it.
  const cause = shape.word !== "why" ? shape.claimedCause : undefined;
  const cited = new Set(answer.facts.map((f) => index.factsById.get(f.id)?.source));
  // The same story: an article about the cause, or about a tracked thing the cause acted on.
  const sceneOf = (id: string, at: number) => {
    if (cause === undefined || at < cause.start || at >= cause.end) return false;
    const facts = index.base.factsByEntity.get(id) ?? [];
    if (facts.some((f) => cited.has(f.source))) return true;
    const things = new Set(facts.flatMap((f) => f.about).filter((a) => index.base.timelines.has(a)));
    return [...things].some((thing) =>
      (index.base.factsByEntity.get(thing) ?? []).some((f) => cited.has(f.source)),
    );
  };
  // "The population of Iceland": a place something is "of" is what a fact must be about, not where
  // the thing it is about lies.
  let direct: Set<string> | undefined;
  const directOf = () => {
    direct ??= directEntities(index, answer);
    return direct;
  };
  const possessed = (id: string, at: number) =>
    POSSESSIVE_LINKS.has(u.tokens[at - 1] ?? "") &&
    roles[at - 2]?.role === "content" &&
    tagTokens(u.tokens)[at - 2] === "NOUN" &&
    answer.statuses.length === 0 &&
    PLACE_KINDS.has(index.entity(id)?.kind ?? "") &&
    !directOf().has(id);
  const tokens = roles.map((placed, at) => {
    let role: AccountedRole = placed.role;
    if (role === "thing" || role === "qualifier") {
      const fits = placed.entityIds.some(
        (id) =>
          !possessed(id, at) &&
          (related.has(id) || nameMet(index, index.entity(id), evidence) || sceneOf(id, at)),
      );
      if (!fits) role = "unplaced";
    } else if (role === "content" || role === "unknown-place") {
      const s = index.stem(placed.token);
      const aboutSource = SOURCE_STEMS.has(s) && answer.sources.length > 0;
      // "What country": asked by a where-question, answered by the place it gives.
      const placeAsked = shape.word === "where" && PLACE_NOUNS.has(placed.token);
      role =
        evidence.has(s) ||
        STATUS_STEMS.has(s) ||
        index.stateStems.has(s) ||
        evidence.has(placed.token) ||
        pickedBy.some((id) => index.thingKnows(id, s)) ||
        aboutSource ||
        placeAsked
          ? "fact-term"
          : "unplaced";
    }
    return { ...placed, role };
  });
  const unplaced = tokens.map((t, i) => (t.role === "unplaced" ? i : -1)).filter((i) => i >= 0);
  const uncovered: string[] = [];
  let namesOtherSubject = false;
  if (unplaced.length > 0) {
    const tags = tagTokens(u.tokens);
    const naming = (i: number): boolean => {
      const t = tokens[i] as Coverage["tokens"][number];
      if (t.entityIds.length > 0) return true;
      if (GENERIC_WORDS.has(t.token)) return false;
      // "Can trucks use it", "can I fly into it": the word after the asker is the access asked for,
      // whatever the tagger makes of it.
      if (asksAccess && i === accessVerb && isEnglishWord(t.token)) return false;
      // A word the tagger reads as a function word names nothing, however it is spelt ("thru").
      if (FUNCTION_TAGS.has(tags[i] ?? "")) return false;
      if (t.token.length > 1 && !isEnglishWord(t.token) && !/^\d+$/.test(t.token)) return true;
      if (NAMING_TAGS.has(tags[i] ?? "")) return true;
      // "Is Boone Elementary open": the last word of what a yes-no question asks about, right before
      // its state word and after a name, is the noun of a name, whatever the tagger makes of it.
      const before = tokens[i - 1]?.role;
      if (
        yesNo &&
        SUBJECT_HEAD_TAGS.has(tags[i] ?? "") &&
        !VERBS_OF_STATE.has(t.token) &&
        tokens[i + 1]?.role === "state" &&
        before !== undefined &&
        SUBJECT_ROLES.has(before)
      )
        return true;
      // A "verb" after a determiner or a noun is a noun the tagger misread ("the street address").
      const afterDeterminer =
        tags[i - 1] === "DET" || (NAMING_TAGS.has(tags[i - 1] ?? "") && tags[i - 2] === "DET");
      if (tags[i] === "VERB" && afterDeterminer) return true;
      // The verb of a yes-no question about an event ("did anyone die") is what it asks; not of one
      // about access. In a wh-question the verb is often the sources' in other words ("held up",
      // "sent"), so it is let be.
      if (tags[i] === "VERB" && !asksAccess && yesNo) return true;
      // A number beside a name or a noun is part of it ("State Road 87").
      if (/^\d+$/.test(t.token)) {
        // "All 4 embassies": before a plural noun, the count of what the answer gives is no name.
        const counted = tokens[i + 1]?.role === "kind" && Number(t.token) === answer.statuses.length;
        return (
          !counted &&
          [tokens[i - 1]?.role, tokens[i + 1]?.role].some((r) => r !== undefined && NAME_ROLES.has(r))
        );
      }
      // A modifier inside a name ("the north [somport tunnel]"): followed by a thing or kind noun.
      let j = i + 1;
      while (j < tokens.length && tokens[j]?.role === "unplaced" && MODIFIER_TAGS.has(tags[j] ?? "")) j++;
      const next = tokens[j]?.role;
      // "A medical emergency" is any emergency; "the north terminal" names one.
      const indefinite = INDEFINITE.has(u.tokens[i - 1] ?? "");
      return MODIFIER_TAGS.has(tags[i] ?? "") && (next === "thing" || next === "kind") && !indefinite;
    };
    for (const i of unplaced) {
      for (const id of tokens[i]?.entityIds ?? []) {
        const e = index.entity(id);
        const tracked = index.base.timelines.has(id) || index.lexicon.trackableIds.has(id);
        if (e && (PLACE_KINDS.has(e.kind) || tracked)) namesOtherSubject = true;
      }
    }
    let run: string[] = [];
    let last = -2;
    for (const i of unplaced) {
      if (!naming(i)) continue;
      if (i !== last + 1 && run.length > 0) {
        uncovered.push(run.join(" "));
        run = [];
      }
      run.push(displayToken(tokens[i]?.token ?? "", index, tokens[i]?.entityIds ?? []));
      last = i;
    }
    if (run.length > 0) uncovered.push(run.join(" "));
  }
  return { tokens, uncovered: [...new Set(uncovered)], namesOtherSubject };
}

/** An entity's own name for its token where it has one; initials in capitals, other words as typed. */
function displayToken(token: string, index: EngineIndex, ids: readonly string[]): string {
  const entity = ids.length > 0 ? index.entity(ids[0] as string) : undefined;
  if (entity && tokenize(entity.name).length === 1) return entity.name;
  if (token.length <= 3 && !isEnglishWord(token)) return token.toUpperCase();
  return isEnglishWord(token) ? token : token.charAt(0).toUpperCase() + token.slice(1);
}

/** Is every word of one of the entity's names met in the evidence ("Russian" for Russia)? */
function nameMet(index: EngineIndex, entity: Entity | undefined, evidence: Evidence): boolean {
  if (!entity) return false;
  return [entity.name, ...entity.aliases, ...entity.demonyms].some((name) => {
    const words = tokenize(name).filter((t) => t.length > 2 || /\d/.test(t));
    return words.length > 0 && words.every((t) => evidence.has(index.stem(t)));
  });
}

/** The stems of everything an answer rests on and says about the question. */
function evidenceStems(index: EngineIndex, answer: Answer, related: ReadonlySet<string>): Evidence {
  const sets: { has(word: string): boolean }[] = [];
  // The names and kinds of what the answer is about and of its owners and places ("countries").
  for (const id of related) sets.push(index.nameStems(id));
  // The facts it cites, as the index holds their words (statement, keywords, attribution).
  for (const ref of answer.facts) {
    const fact = index.factsById.get(ref.id);
    const position = fact ? index.positionOf.get(fact) : undefined;
    const stems = position === undefined ? undefined : index.factStems[position];
    if (stems) sets.push(stems);
  }
  const texts: string[] = [];
  for (const ref of answer.facts) if (ref.qualifier) texts.push(ref.qualifier);
  for (const status of answer.statuses) if (status.reason) texts.push(status.reason);
  // What the answer says, less what it says beside the point (the other things it tracks, that it has
  // no reports on something) and the names of its sources ("Wall Street" answers no question on streets).
  let said = answer.text;
  for (const caveat of answer.caveats)
    if (!ADDRESSING_CAVEATS.has(caveat.kind)) said = said.split(caveat.text).join(" ");
  // An answer about the articles themselves (no fact, no status) is about their papers and authors.
  const aboutArticles = answer.facts.length === 0 && answer.statuses.length === 0;
  for (const source of answer.sources)
    for (const name of [source.publisher, source.relays, source.headline])
      if (name && !aboutArticles) said = said.split(name).join(" ");
  texts.push(said);
  // Words a caveat answers beside its sentence ("died" in "no number of people").
  for (const caveat of answer.caveats) if (caveat.addresses) texts.push(caveat.addresses.join(" "));
  // Reading and stemming what was said is the costly part, so it is done only when the facts and names
  // do not settle a word, and a word is stemmed only when it shares its first letters with the one looked up.
  let spoken: string[] | undefined;
  let raw: Set<string> | undefined;
  const stemmed = new Map<string, string>();
  const saidHas = (word: string): boolean => {
    spoken ??= texts.flatMap((text) => tokenize(text));
    raw ??= new Set(spoken);
    if (raw.has(word)) return true;
    const prefix = word.slice(0, PREFIX);
    for (const token of spoken) {
      // A reader's or an irregular word stems to another word altogether ("shut" to "close").
      if (!token.startsWith(prefix) && !SYNONYMS.has(token) && !index.lexicon.synonyms.has(token)) continue;
      let s = stemmed.get(token);
      if (s === undefined) {
        s = index.stem(token);
        stemmed.set(token, s);
      }
      if (s === word) return true;
    }
    return false;
  };
  return { has: (word) => sets.some((set) => set.has(word)) || saidHas(word) };
}

/** Letters a word and its stem share at the start, for the cheap test before stemming. */
const PREFIX = 2;

/** Words and stems an answer rests on, looked up across the sets it is made of. */
interface Evidence {
  has(word: string): boolean;
}

/** What an answer's facts and statuses are about, and whose those things are: not where they lie. */
function directEntities(index: EngineIndex, answer: Answer): Set<string> {
  const ids = new Set<string>();
  for (const s of answer.statuses) ids.add(s.entity.id);
  for (const ref of answer.facts) for (const id of index.factsById.get(ref.id)?.about ?? []) ids.add(id);
  for (const id of [...ids]) {
    const owner = index.base.relations.get(id)?.owner;
    if (owner) ids.add(owner);
  }
  return ids;
}

/**
 * The entities an answer is about (what its statuses and facts are about, and who published its
 * sources), with their owners, places and the things they are part of (not their parts: a word of
 * a part's name asks about the part). */
function relatedEntities(index: EngineIndex, answer: Answer): Set<string> {
  const ids = new Set<string>();
  for (const caveat of answer.caveats) if (caveat.assumed) ids.add(caveat.assumed.id);
  // An answer that rests on no status or fact ("no record before May 2022") is about what it names.
  if (answer.statuses.length === 0 && answer.facts.length === 0)
    for (const e of answer.entities) ids.add(e.id);
  for (const s of answer.statuses) ids.add(s.entity.id);
  for (const ref of answer.facts) for (const id of index.factsById.get(ref.id)?.about ?? []) ids.add(id);
  for (const source of answer.sources)
    for (const [entityId, links] of index.sourceLinks)
      if (links.some((l) => l.source.id === source.id)) ids.add(entityId);
  const out = new Set(ids);
  for (const id of ids) {
    const r = index.base.relations.get(id);
    for (const other of [r?.owner, r?.location, r?.partOf, index.lexicon.parentOf.get(id)])
      if (other) out.add(other);
    for (const place of index.base.placesOf(id)) out.add(place);
  }
  return out;
}

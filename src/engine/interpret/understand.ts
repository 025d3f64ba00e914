import { BODY_KINDS, type Entity, PLACE_KINDS } from "../../knowledge/schema.ts";
import { isDateToken } from "../language/dateTokens.ts";
import { isEnglishWord } from "../language/english.ts";
import { NAMING_TAGS, tagTokens } from "../language/partOfSpeech.ts";
import { placeAt } from "../language/places.ts";
import {
  ABILITY_MODALS,
  ARTICLES,
  ASKERS,
  COUNT_WORDS,
  EVERY,
  EXCLUSIONS,
  INDEFINITE,
  JOINERS,
  LINKS,
  NOUN_FILLERS,
  POSSESSIVES,
  QUESTION_CUES,
  STOPWORDS,
  SUCCESSION_WORDS,
  WHO_WORDS,
} from "../language/words.ts";
import type { EngineIndex } from "../lookup/index.ts";
import type { NounSense } from "../lookup/lexicon.ts";
import { cleanInput, tokenize } from "../normalise/text.ts";

/** A run of question tokens that names one entity (or several, when the name is shared). */
export interface Mention {
  start: number;
  end: number;
  entityIds: string[];
}

/** The engine's choice among several tracked things a question fits, said in the answer. */
export interface Assumption {
  chosen: Entity;
  /** The others it could have meant. */
  alternatives: Entity[];
  /** The noun the question used ("embassy"). */
  noun: string;
}

/** What the engine made of a question's words, before deciding what is asked. */
export interface Understanding {
  cleaned: string;
  tokens: string[];
  /** How many words were spelling-corrected. */
  corrections: number;
  mentions: Mention[];
  /** Every entity named, things composed from "the Italian embassy in Kyiv" included, in order. */
  entities: Entity[];
  /** Tracked things the question names by kind or by name ("the port of Aarhus", "the ports"). */
  targets: Entity[];
  /** Names the question gave that the base does not cover ("the Polish embassy", "London"). */
  uncovered: string[];
  /** Did the question use one of the base's nouns for what it tracks. */
  aboutKind: boolean;
  /** Known places the question names that the base knows nothing about ("France", "Lviv"). */
  unknownPlaces: string[];
  /** The question's topic words as stems: not stop words, names, dates or kind nouns. */
  topics: string[];
  /** Stems of the kind nouns it used ("emergency" in "a medical emergency"): a fact sharing them fits better. */
  nounStems: string[];
  /** When the question fit several things and one was picked. */
  assumption?: Assumption;
  /** When the question fit several things, none primary, and all were taken. */
  several?: { noun: string; entities: Entity[] };
  /** Positions of the words read as part of a tracked thing's name, typed near enough, with its ids. */
  nameTokens: ReadonlyMap<number, readonly string[]>;
  /** Positions of the tokens read as a kind noun ("embassy", "ports"). */
  kindTokens: ReadonlySet<number>;
  /** What the question leaves out ("besides the US", "who was ambassador before Brink"). */
  excluded: Entity[];
  /** Positions of the tokens of what the question leaves out ("besides [the US]"). */
  excludedTokens: ReadonlySet<number>;
  /** Positions of the tokens naming a known place or people the base lacks ("France", "Lviv"). */
  placeTokens: ReadonlySet<number>;
}

/** Kinds of entity that can say where or whose a thing is. */
const QUALIFIER_KINDS = new Set([...PLACE_KINDS, ...BODY_KINDS]);
const MAX_QUALIFIER_WORDS = 4;
/** A noun that fits more things than this, with nothing to narrow it, is answered as a list. */
const MAX_TARGETS = 6;

/** Cleans, tokenises and spelling-corrects a question, then finds the entities it names. */
export function understand(index: EngineIndex, raw: string): Understanding {
  const cleaned = cleanInput(raw);
  return understandTokens(index, cleaned, index.lexicon.distribute(index.lexicon.rewrite(tokenize(cleaned))));
}

/** Finds the known places in the tokens, which the speller must leave as they are. */
function placeRuns(
  index: EngineIndex,
  tokens: readonly string[],
): Map<number, { end: number; name: string }> {
  const runs = new Map<number, { end: number; name: string }>();
  const named = new Set<number>();
  for (const m of findMentions(index, tokens, new Set())) for (let i = m.start; i < m.end; i++) named.add(i);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    // A base name is never an unknown place ("Washington" in "the Washington Times").
    // A month or a day ("nov", "sun") is a date, never a town of that name.
    if (named.has(i) || STOPWORDS.has(token) || /\d/.test(token) || isDateToken(token)) continue;
    const found = placeAt(tokens, i);
    if (!found) continue;
    let end = found.end;
    while (end > i + 1 && named.has(end - 1)) end--;
    // Initials are written as initials ("the UK embassy"), other names as the data set writes them.
    const name = end - i === 1 && token.length <= 3 ? token.toUpperCase() : found.place.name;
    runs.set(i, { end, name });
    i = end - 1;
  }
  return runs;
}

export function understandTokens(index: EngineIndex, cleaned: string, raw: readonly string[]): Understanding {
  const places: Map<number, { end: number; name: string }> = placeRuns(index, raw);
  const inPlace = new Set<number>();
  for (const [start, run] of places) for (let i = start; i < run.end; i++) inPlace.add(i);
  let corrections = 0;
  const tokens = raw.map((token, i) => {
    if (
      inPlace.has(i) ||
      index.knownWords.has(token) ||
      STOPWORDS.has(token) ||
      /\d/.test(token) ||
      isEnglishWord(token) ||
      isDateToken(token)
    ) {
      return token;
    }
    const fixed = index.speller.correct(token) ?? index.lexicon.contractionOf(token);
    if (fixed && fixed !== token) corrections++;
    return fixed ?? token;
  });
  // A slip may have been of a place ("Frnech"), so places are found again in the corrected words.
  if (corrections > 0) {
    places.clear();
    inPlace.clear();
    for (const [start, run] of placeRuns(index, tokens)) {
      places.set(start, run);
      for (let i = start; i < run.end; i++) inPlace.add(i);
    }
  }
  const found = findMentions(index, tokens, inPlace);
  // "Besides the US", "except Italy": what is left out neither names nor qualifies the subject.
  // "Why did Italy reopen before the US": a thing (or the owner of one) that comes before or after is
  // set beside the subject, not asked about.
  const comparable = (m: Mention) =>
    WHO_WORDS.has(tokens[0] ?? "") ||
    m.entityIds.some((id) => index.lexicon.trackableIds.has(id) || index.ownedBy(id).length > 0);
  const excludedTokens = excludedSpans(tokens, found, SUCCESSION_WORDS, comparable);
  const mentions = found.filter((m) => !excludedTokens.has(m.start));
  const composed = compose(index, tokens, mentions, places);
  const excludedEntities = found
    .filter((m) => excludedTokens.has(m.start))
    .flatMap((m) => m.entityIds.map((id) => index.entity(id)))
    .filter((e): e is Entity => e !== undefined);
  if (excludedEntities.length > 0)
    composed.targets = composed.targets.filter((t) =>
      excludedEntities.every((x) => relation(index, t, x) === 0),
    );
  const seen = new Set<string>();
  const entities: Entity[] = [];
  const add = (entity: Entity | undefined) => {
    if (entity && !seen.has(entity.id)) {
      seen.add(entity.id);
      entities.push(entity);
    }
  };
  for (const entity of composed.targets) add(entity);
  const named = new Set<number>();
  for (const m of mentions) for (let i = m.start; i < m.end; i++) named.add(i);
  for (const i of composed.nounTokens) named.add(i);
  for (const i of inPlace) named.add(i);
  const unknownPlaces = [...places.entries()]
    .filter(([start]) => !composed.placeUsed.has(start))
    .map(([, run]) => run.name);
  for (const mention of mentions) {
    for (const id of mention.entityIds) if (!composed.overruled.has(id)) add(index.entity(id));
  }
  return {
    cleaned,
    tokens,
    corrections,
    mentions,
    entities,
    targets: composed.targets,
    uncovered: composed.uncovered,
    aboutKind: composed.aboutKind,
    unknownPlaces,
    topics: topicStems(index, tokens, named),
    nounStems: [...new Set([...composed.nounTokens].map((i) => index.stem(tokens[i] as string)))].filter(
      (s) => !STOPWORDS.has(s),
    ),
    ...(composed.assumption ? { assumption: composed.assumption } : {}),
    ...(composed.several ? { several: composed.several } : {}),
    kindTokens: composed.nounTokens,
    nameTokens: composed.nameTokens,
    excludedTokens,
    excluded: excludedEntities,
    placeTokens: inPlace,
  };
}

function topicStems(index: EngineIndex, tokens: readonly string[], named: ReadonlySet<number>): string[] {
  const result = new Set<string>();
  tokens.forEach((token, i) => {
    if (named.has(i) || STOPWORDS.has(token) || isDateToken(token)) return;
    result.add(index.stem(token));
  });
  return [...result];
}

/** Longest alias phrases first, left to right; known places the base lacks are not names. */
function findMentions(
  index: EngineIndex,
  tokens: readonly string[],
  inPlace: ReadonlySet<number>,
): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!index.phraseStarts.has(tokens[i] as string)) {
      const designated = designationAt(index, tokens, i);
      if (designated) mentions.push(designated);
      i++;
      continue;
    }
    const here = longestAt(index, tokens, i, inPlace);
    // "The Louvre heist": a name that starts with "the" gives way to a longer one starting after it.
    if (here && STOPWORDS.has(tokens[i] as string)) {
      const next = longestAt(index, tokens, i + 1, inPlace);
      if (next && next.end > here.end) {
        i++;
        continue;
      }
    }
    if (here) {
      mentions.push(here);
      i = here.end;
    } else i++;
  }
  return mentions;
}

/**
 * "Did 233 reopen": a number that only a kind's noun and that number name ("Route 233") names that
 * thing, unless a noun follows it ("233 residents", "50 cars"): then it counts something.
 */
function designationAt(index: EngineIndex, tokens: readonly string[], i: number): Mention | undefined {
  const ids = index.designations.get(tokens[i] as string);
  if (!ids) return undefined;
  const next = tokens[i + 1];
  if (
    next !== undefined &&
    NAMING_TAGS.has(tagTokens(tokens)[i + 1] ?? "") &&
    !index.lexicon.nounAt(tokens, i + 1)
  )
    return undefined;
  return { start: i, end: i + 1, entityIds: [...ids] };
}

/** A name that is one plain English word, with or without its article ("the park"). */
function plainWordName(words: readonly string[]): boolean {
  const content = words.filter((w) => !ARTICLES.has(w));
  return content.length === 1 && isEnglishWord(content[0] as string);
}

/** The longest name starting at `i`. */
function longestAt(
  index: EngineIndex,
  tokens: readonly string[],
  i: number,
  inPlace: ReadonlySet<number>,
): Mention | undefined {
  if (!index.phraseStarts.has(tokens[i] as string)) return undefined;
  for (let length = Math.min(index.longestPhrase, tokens.length - i); length >= 1; length--) {
    const ids = index.phrases.get(tokens.slice(i, i + length).join(" "));
    if (ids && !(length === 1 && inPlace.has(i))) return { start: i, end: i + length, entityIds: [...ids] };
  }
  // "The schools on the islands" for the Schools on islands: the name with its articles left out.
  if (ARTICLES.has(tokens[i] as string)) return undefined;
  const words: number[] = [];
  for (let j = i; j < tokens.length && words.length < index.longestPhrase; j++)
    if (!ARTICLES.has(tokens[j] as string)) words.push(j);
  for (let n = words.length; n >= 2; n--) {
    const ids = index.barePhrases.get(
      words
        .slice(0, n)
        .map((j) => tokens[j])
        .join(" "),
    );
    if (ids) return { start: i, end: (words[n - 1] as number) + 1, entityIds: [...ids] };
  }
  return undefined;
}

function mentionAt(mentions: readonly Mention[], position: number): Mention | undefined {
  return mentions.find((m) => position >= m.start && position < m.end);
}

interface Composed {
  targets: Entity[];
  uncovered: string[];
  aboutKind: boolean;
  /** Tokens of kind nouns, which are not topic words. */
  nounTokens: Set<number>;
  /** Tokens read as words of a tracked thing's name, with the things they name. */
  nameTokens: Map<number, string[]>;
  /** Starts of place runs that qualified a noun (and were reported through it). */
  placeUsed: Set<number>;
  /** Entities named only as part of a thing's name ("the US" in "the US embassy"), not as topics. */
  overruled: Set<string>;
  assumption?: Assumption;
  several?: { noun: string; entities: Entity[] };
}

/** How strongly a thing stands to a qualifier: 3 its owner, 2 where it is or what it is part of, 1 in its name. */
function relation(index: EngineIndex, thing: Entity, qualifier: Entity): number {
  if (thing.id === qualifier.id) return 3;
  const r = index.base.relations.get(thing.id);
  if (r?.owner === qualifier.id) return 3;
  if (index.base.placesOf(thing.id).includes(qualifier.id)) return 2;
  let parent = index.lexicon.parentOf.get(thing.id) ?? r?.partOf;
  for (let steps = 0; parent && steps < 4; steps++) {
    if (parent === qualifier.id || index.base.placesOf(parent).includes(qualifier.id)) return 2;
    parent = index.lexicon.parentOf.get(parent) ?? index.base.relations.get(parent)?.partOf;
  }
  const names = index.lexicon.namesOf(thing);
  const named = [qualifier.name, ...qualifier.aliases, ...qualifier.demonyms].some((n) =>
    names.includes(` ${tokenize(n).join(" ")} `),
  );
  // "A smaller Argentina-Chile border crossing": what the curator says the thing is names the place.
  return named || namedIn(thing.description, qualifier) ? 1 : 0;
}

/**
 * Like `narrow`, for the words before a noun: a country there ("the Estonian embassy") names whose it
 * is wherever the things have owners, so the host country does not stand for all of them.
 */
export function narrowOwners(index: EngineIndex, things: Entity[], qualifiers: Entity[]): Entity[] {
  let result = things;
  for (const qualifier of qualifiers) {
    const owned = result.some((t) => {
      const owner = index.base.relations.get(t.id)?.owner;
      return owner !== undefined && index.entity(owner)?.kind === "country";
    });
    result =
      qualifier.kind === "country" && owned
        ? result.filter((t) => index.base.relations.get(t.id)?.owner === qualifier.id)
        : narrow(index, result, [qualifier]);
  }
  return result;
}

/** Keeps the things that stand to every qualifier, each by its strongest relation. */
/** Does the first clause of a description (what a thing or kind is) name the place or body? */
function namedIn(description: string | undefined, qualifier: Entity): boolean {
  if (!description) return false;
  const opening = ` ${tokenize(description.split(DESCRIPTION_END)[0] ?? "").join(" ")} `;
  return [qualifier.name, ...qualifier.aliases, ...qualifier.demonyms].some((n) =>
    opening.includes(` ${tokenize(n).join(" ")} `),
  );
}

/** Where the first clause of a description ends. */
const DESCRIPTION_END = /[;.]|,\s/;

function narrow(index: EngineIndex, things: Entity[], qualifiers: Entity[]): Entity[] {
  let result = things;
  for (const qualifier of qualifiers) {
    // "The France–Spain border crossings", where the kind is "a crossing of the France–Spain border":
    // a place the kind's own description names narrows nothing.
    if (result.every((t) => namedIn(index.base.topic.kinds.get(t.kind)?.description, qualifier))) continue;
    const scored = result.map((t) => ({ t, score: relation(index, t, qualifier) }));
    let best = 0;
    for (const s of scored) best = Math.max(best, s.score);
    if (best === 0) return [];
    result = scored.filter((s) => s.score === best).map((s) => s.t);
  }
  return result;
}

/**
 * Works out which tracked things a question means, for any kind the base tracks. "The Italian
 * embassy" needs an embassy Italy owns; "the port of Aarhus" one in Aarhus; "the Frederikshavn
 * ferry" one whose name says Frederikshavn. Whatever names nothing in the base ("the Polish
 * embassy", "the port of Hamburg") is reported as uncovered, so the answer can say so instead of
 * picking the nearest one. Where several things fit, the base's primary one is assumed and the
 * others named, or, with none primary, all are taken.
 */
function compose(
  index: EngineIndex,
  tokens: readonly string[],
  mentions: readonly Mention[],
  places: ReadonlyMap<number, { end: number; name: string }>,
): Composed {
  const out: Composed = {
    targets: [],
    uncovered: [],
    aboutKind: false,
    nounTokens: new Set(),
    nameTokens: new Map(),
    placeUsed: new Set(),
    overruled: new Set(),
  };
  const lexicon = index.lexicon;
  const entitiesAt = (position: number) =>
    (mentionAt(mentions, position)?.entityIds ?? [])
      .map((id) => index.entity(id))
      .filter((e) => e !== undefined);
  const placeEnding = (end: number) => [...places.entries()].find(([, run]) => run.end === end);
  const trackedIds = lexicon.trackableIds;
  /** A word of a tracked thing's name that names no entity of its own here. */
  const isNameWord = (q: number): boolean => {
    const token = tokens[q] ?? "";
    return (
      lexicon.nameWords.has(token) && !STOPWORDS.has(token) && entitiesAt(q).length === 0 && !places.has(q)
    );
  };

  /** After a noun or a name: "the embassy of Greece", "the port in Gothenburg", "ferries between X and Y", "Embassy Kyiv". */
  const walkAfter = (from: number) => {
    const qualifiers: Entity[] = [];
    const missing: string[] = [];
    /** Words of a name after the link ("at Ravenscar" where no place is called that). */
    const named: string[] = [];
    let namedFrom = -1;
    /** Things one of which it must be part of or beside ("surgery at the hospital in Mont-Laurier"). */
    let within: Entity[] | undefined;
    let q = from;
    const link = tokens[q] ?? "";
    const linked = LINKS.has(link);
    if (linked) q++;
    while (ARTICLES.has(tokens[q] ?? "")) q++;
    for (let count = 0; count < 3 && q < tokens.length; count++) {
      const found = entitiesAt(q);
      const place = places.get(q);
      if (found.length > 0 && (linked || found.some((e) => PLACE_KINDS.has(e.kind)))) {
        qualifiers.push(...found.slice(0, 1));
        for (const e of found) out.overruled.add(e.id);
        q = mentionAt(mentions, q)?.end ?? q + 1;
        // "Terminal A at the Lviv airport": a place and a noun together name what it is part of.
        const nested = linked && !mentionAt(mentions, q) ? lexicon.nounAt(tokens, q) : undefined;
        if (nested) {
          skipUntil = Math.max(skipUntil, nested.end);
          within = narrow(index, candidatesFor(index, nested.sense), found.slice(0, 1));
          break;
        }
      } else if (place && linked) {
        missing.push(place.name);
        out.placeUsed.add(q);
        q = place.end;
      } else if (linked && count === 0 && isNameWord(q)) {
        // "The bridge at Ravenscar": the words of a name after the noun, which the name must hold.
        namedFrom = q;
        while (isNameWord(q)) {
          named.push(tokens[q] as string);
          q++;
        }
        break;
      } else if (linked && count === 0 && isUnknownWord(index, tokens[q] ?? "")) {
        missing.push(asName(tokens[q] ?? ""));
        q++;
      } else if (linked && count === 0 && lexicon.nounAt(tokens, q)) {
        const nested = lexicon.nounAt(tokens, q) as { end: number; sense: NounSense };
        skipUntil = Math.max(skipUntil, nested.end);
        const inner = walkAfter(nested.end);
        within = narrow(index, candidatesFor(index, nested.sense), inner.qualifiers);
        missing.push(...inner.missing);
        break;
      } else break;
      if (!JOINERS.has(tokens[q] ?? "")) break;
      q++;
      while (ARTICLES.has(tokens[q] ?? "")) q++;
    }
    if (qualifiers.length > 0 || within || named.length > 0) skipUntil = Math.max(skipUntil, q);
    return {
      qualifiers,
      missing,
      named,
      namedFrom,
      link: linked ? link : "in",
      ...(within ? { within } : {}),
    };
  };
  const inside = (things: Entity[], within: Entity[] | undefined) =>
    within ? things.filter((t) => within.some((w) => w.id !== t.id && relation(index, t, w) > 0)) : things;
  /** Named things right after a noun phrase the base does not cover ("the Montreal General hospital ER"). */
  const blocked = new Set<number>();

  /** The last place or body named before `end` that is not itself tracked, for "its" and "their". */
  const ownerBefore = (end: number): Entity[] => {
    for (let r = end - 1; r >= 0; r--) {
      const found = entitiesAt(r).filter((e) => !trackedIds.has(e.id) && QUALIFIER_KINDS.has(e.kind));
      if (found.length > 0) return found.slice(0, 1);
    }
    return [];
  };

  let skipUntil = 0;
  for (let p = 0; p < tokens.length; p++) {
    // A tracked thing named outright ("the Port of Aarhus"), unless what stands around it names another.
    const mention = mentionAt(mentions, p);
    // "The park buses": a plain word that names a thing, right before a kind's noun, says whose or
    // where the noun's thing is.
    const qualifiesNoun =
      mention !== undefined &&
      plainWordName(tokens.slice(mention.start, mention.end)) &&
      lexicon.nounAt(tokens, mention.end) !== undefined &&
      !mentionAt(mentions, mention.end) &&
      !lexicon.nounAt(tokens, mention.start);
    if (mention && mention.start === p && p >= skipUntil && !qualifiesNoun) {
      // A thing with a timeline is tracked whatever its kind (a crossing a base filed as a city).
      const direct = entitiesAt(p).filter(
        (e) => trackedIds.has(e.id) && (!PLACE_KINDS.has(e.kind) || index.base.timelines.has(e.id)),
      );
      if (direct.length > 0) {
        const name = tokens
          .slice(p, mention.end)
          .map((t) => (t.length <= 3 && !isEnglishWord(t) ? t.toUpperCase() : t))
          .join(" ");
        const missing = missingBefore(index, tokens, p, mentions, places, out);
        const after = walkAfter(mention.end);
        if (blocked.has(p)) {
          p = mention.end - 1;
          continue;
        }
        let fit = inside(
          after.qualifiers.length > 0 ? narrow(index, direct, after.qualifiers) : direct,
          after.within,
        );
        // "Greece's Kyiv embassy": a name that holds a noun ("Kyiv embassy") gives way to what precedes it;
        // so does "did Greece close its Kyiv embassy", where "its" points back to the owner.
        const owner = POSSESSIVES.has(tokens[p - 1] ?? "")
          ? ownerBefore(p - 1)
          : entitiesAt(p - 1).filter((e) => !trackedIds.has(e.id));
        if (owner.length > 0 && narrow(index, fit, owner.slice(0, 1)).length === 0) {
          const inner = nounInside(index, tokens, p, mention.end);
          if (inner) {
            const placesInName = tokens
              .slice(p, mention.end)
              .flatMap((t) => [...(index.phrases.get(t) ?? [])])
              .map((id) => index.entity(id))
              .filter((e): e is Entity => e !== undefined && PLACE_KINDS.has(e.kind));
            fit = narrow(index, narrow(index, candidatesFor(index, inner), placesInName), owner.slice(0, 1));
            for (const e of owner) out.overruled.add(e.id);
            if (fit.length === 0) {
              out.uncovered.push(`the ${owner[0]?.demonyms[0] ?? owner[0]?.name} ${name}`);
              p = mention.end - 1;
              continue;
            }
          }
        }
        if (missing) out.uncovered.push(`the ${missing} ${name}`);
        else if (after.missing.length > 0)
          out.uncovered.push(`the ${name} ${after.link} ${after.missing.join(" and ")}`);
        else if (fit.length === 0)
          out.uncovered.push(
            `the ${name} ${after.link} ${after.qualifiers.map((e) => e.name).join(" and ")}`,
          );
        else out.targets.push(...fit.slice(0, 1));
        out.aboutKind = true;
        p = mention.end - 1;
        continue;
      }
    }
    if (mention) continue;
    const noun = lexicon.nounAt(tokens, p);
    if (!noun || places.has(p) || p < skipUntil) continue;
    // "How many flights were cancelled at the airport": the noun counted names no thing.
    if (COUNT_WORDS.has(tokens[p - 1] ?? "")) {
      skipUntil = noun.end;
      continue;
    }
    // "Can I hike the trail": after "can" and who would do it, the word is the verb of access, not a noun.
    if (ABILITY_MODALS.has(tokens[p - 2] ?? "") && ASKERS.has(tokens[p - 1] ?? "")) continue;
    // A noun right before another names what kind of that other it is ("the rim trail"), not a thing.
    if (lexicon.nounAt(tokens, noun.end) && !mentionAt(mentions, noun.end)) continue;
    skipUntil = noun.end;
    out.aboutKind = true;
    for (let i = p; i < noun.end; i++) out.nounTokens.add(i);
    const nounText = tokens.slice(p, noun.end).join(" ");
    const before: Entity[] = [];
    const missing: string[] = [];
    /** Words right before the noun that are neither qualifiers nor fillers: words of a name. */
    const nameWords: string[] = [];
    let every = noun.sense.plural;

    // A thing named right before the noun by its whole name, itself a noun ("the [South Rim] trails").
    const namedBefore = nameEndingAt(index, tokens, p);
    if (namedBefore) {
      before.push(namedBefore.entity);
      out.overruled.add(namedBefore.entity.id);
    }
    // Before the noun: "the Italian and Spanish embassies", "Spain's Kyiv embassy", "malmö port".
    for (
      let q = (namedBefore?.start ?? p) - 1, steps = 0;
      q >= 0 && steps < MAX_QUALIFIER_WORDS;
      q--, steps++
    ) {
      const token = tokens[q] ?? "";
      // Only a place or a body can say where or whose a thing is ("the storm" in "did the storm close the port" cannot).
      const found = entitiesAt(q).filter(
        (e) => QUALIFIER_KINDS.has(e.kind) || index.base.topic.kinds.has(e.kind),
      );
      if (entitiesAt(q).length > 0 && found.length === 0) break;
      if (found.length > 0) {
        before.push(...found.slice(0, 1));
        for (const e of found) out.overruled.add(e.id);
        q = mentionAt(mentions, q)?.start ?? q;
        continue;
      }
      const place = placeEnding(q + 1);
      if (place) {
        missing.push(place[1].name);
        out.placeUsed.add(place[0]);
        q = place[0];
        continue;
      }
      if (lexicon.nounAt(tokens, q)) {
        if (q === p - 1 - nameWords.length) nameWords.unshift(token);
        continue;
      }
      // A word never seen right before the noun ("the Frnech embassy") names something the base lacks.
      if (q === p - 1 && isUnknownWord(index, token)) {
        missing.push(asName(token));
        break;
      }
      if (EVERY.has(token)) every = true;
      // "All 4 embassies": a number before a plural noun counts them; it names none.
      if (noun.sense.plural && /^\d+$/.test(token) && q === p - 1 - nameWords.length) {
        every = true;
        continue;
      }
      if (NOUN_FILLERS.has(token)) continue;
      // A word of a name right before the noun ("the [Kaibab] trail", "the [North Harbour] reservoir"):
      // the run goes on through the words of a name, so that every word of it must fit.
      const adjoining = q === p - 1 - nameWords.length;
      // A short number is part of a name ("Mirpur 1 station"); a year or a month is a date.
      // "The 4th channel": an ordinal right before a noun picks one of its things; it is no day.
      const dateWord = isDateToken(token) && !/^\d{1,3}(?:st|nd|rd|th)?$/.test(token);
      if (adjoining && !STOPWORDS.has(token) && !dateWord) {
        nameWords.unshift(token);
        if (lexicon.nameWords.has(token) || lexicon.nameWords.has(tokens[q + 1] ?? "")) continue;
      }
      // An adjective ("general") may stand between the noun and a place before it ("the Montreal General hospital").
      const further = q - 1;
      const placeBefore =
        placeEnding(further + 1) !== undefined || entitiesAt(further).some((e) => PLACE_KINDS.has(e.kind));
      if (STOPWORDS.has(token) || !isEnglishWord(token) || !placeBefore) break;
    }
    // "A medical emergency" is any emergency: after "a" or "any", the words before a noun name nothing.
    if (INDEFINITE.has(tokens[p - nameWords.length - 1] ?? "")) nameWords.length = 0;
    const after = walkAfter(noun.end);
    // "Did Spain shut its embassy": the owner is the subject, earlier in the question.
    const possessive = POSSESSIVES.has(tokens[p - 1] ?? "");
    if (possessive && before.length === 0 && missing.length === 0) {
      for (let r = 0; r < p - 1; r++) {
        const found = entitiesAt(r).filter((e) => PLACE_KINDS.has(e.kind) || !trackedIds.has(e.id));
        const place = places.get(r);
        if (found.length > 0) {
          before.push(...found.slice(0, 1));
          for (const e of found) out.overruled.add(e.id);
          r = (mentionAt(mentions, r)?.end ?? r + 1) - 1;
        } else if (place) {
          missing.push(place.name);
          out.placeUsed.add(r);
          r = place.end - 1;
        }
      }
    }

    if (missing.length > 0 || after.missing.length > 0) {
      out.uncovered.push(describe(nounText, missing.reverse(), after.missing, after.link));
      blocked.add(noun.end);
      continue;
    }
    // Where it is narrows first; then whose: all of them together, or, joined by "and", each on its own.
    const placed = inside(narrow(index, candidatesFor(index, noun.sense), after.qualifiers), after.within);
    let fit = narrowOwners(index, placed, before);
    if (fit.length === 0 && before.length > 1 && placed.length > 0) {
      const each = before.map((qualifier) => narrowOwners(index, placed, [qualifier]));
      if (each.every((list) => list.length > 0)) {
        fit = each.flat();
        every = true;
      }
    }
    if (fit.length === 0) {
      const owners = before.reverse().map((e) => e.demonyms[0] ?? e.name);
      const names = after.qualifiers.map((e) => e.name);
      out.uncovered.push(describe(nounText, owners, names, after.link));
      continue;
    }
    // Names are matched as names: "the Kaibab trail" is one whose name has "Kaibab"; "the rim trail"
    // or "the Escambia bay bridge" is none of those tracked when their names say otherwise.
    const named = byNameWords(index, fit, [...nameWords, ...after.named]);
    // Only a single thing named by a place below a country: "all the France–Spain crossings" is a category.
    const placeBefore = every
      ? undefined
      : before.find(
          (e) =>
            PLACE_KINDS.has(e.kind) &&
            e.kind !== "country" &&
            mentionAt(mentions, p - 1)?.entityIds.includes(e.id),
        );
    const unnamed =
      named === undefined
        ? []
        : placeBefore
          ? named.filter((t) => !otherPlaceInName(index, t, noun.sense, placeBefore))
          : named;
    if (named === undefined || unnamed.length === 0) {
      const words = placeBefore && named !== undefined ? [placeBefore.name] : nameWords;
      out.uncovered.push(
        describe(
          nounText,
          words,
          [...after.qualifiers.map((e) => e.name), ...after.named.map(asName)],
          after.link,
        ),
      );
      continue;
    }
    fit = unnamed;
    // The words that named it are part of its name, typed near enough or exactly.
    const ids = fit.map((e) => e.id);
    if (!("unmatched" in (named ?? {}))) {
      for (let i = p - nameWords.length; i < p; i++) if (i >= 0) out.nameTokens.set(i, ids);
      for (let i = 0; i < after.named.length; i++) out.nameTokens.set(after.namedFrom + i, ids);
    }
    pick(out, fit, every, nounText);
  }
  out.targets = [...new Set(out.targets)];
  return out;
}

/** An unknown word as the name it likely is: "Odesa", and "UK" for initials. */
function asName(token: string): string {
  return token.length <= 3 ? token.toUpperCase() : token.charAt(0).toUpperCase() + token.slice(1);
}

/** A kind noun inside a name ("embassy" in "Kyiv embassy"). */
function nounInside(
  index: EngineIndex,
  tokens: readonly string[],
  start: number,
  end: number,
): NounSense | undefined {
  for (let i = start; i < end; i++) {
    const noun = index.lexicon.nounAt(tokens, i);
    if (noun && noun.end <= end) return noun.sense;
  }
  return undefined;
}

/** A word neither the base, English nor the place data knows, which no correction fixed ("Frnech"). */
function isUnknownWord(index: EngineIndex, token: string): boolean {
  return (
    token.length > 0 &&
    !STOPWORDS.has(token) &&
    !QUESTION_CUES.has(token) &&
    !/\d/.test(token) &&
    !isDateToken(token) &&
    !index.knownWords.has(token) &&
    !isEnglishWord(token)
  );
}

/** What stands right before a named thing, when it names something the base lacks ("the Polish [embassy in Kyiv]"). */
function missingBefore(
  index: EngineIndex,
  tokens: readonly string[],
  at: number,
  mentions: readonly Mention[],
  places: ReadonlyMap<number, { end: number; name: string }>,
  out: Composed,
): string | undefined {
  const before = at - 1;
  if (before < 0 || mentionAt(mentions, before)) return undefined;
  const place = [...places.entries()].find(([, run]) => run.end === at);
  if (place) {
    out.placeUsed.add(place[0]);
    return place[1].name;
  }
  const token = tokens[before] ?? "";
  return isUnknownWord(index, token) ? asName(token) : undefined;
}

function candidatesFor(index: EngineIndex, sense: NounSense): Entity[] {
  return [...sense.entityIds].map((id) => index.entity(id)).filter((e): e is Entity => e !== undefined);
}

/** "the Polish embassy", "the port of Hamburg", "the ferry from Kiel". */
function describe(noun: string, before: string[], after: string[], link: string): string {
  const lead = before.length > 0 ? `the ${before.join(" ")} ${noun}` : `the ${noun}`;
  return after.length > 0 ? `${lead} ${link} ${after.join(" and ")}` : lead;
}

/** One thing, the primary one of several (said), or all of them (when asked for all, or none is primary). */
function pick(out: Composed, fit: Entity[], every: boolean, noun: string): void {
  if (fit.length === 1 || every) {
    out.targets.push(...fit.slice(0, MAX_TARGETS));
    return;
  }
  const primary = fit.find((e) => e.primary);
  if (primary) {
    out.targets.push(primary);
    out.assumption = { chosen: primary, alternatives: fit.filter((e) => e !== primary), noun };
    return;
  }
  out.targets.push(...fit.slice(0, MAX_TARGETS));
  out.several = { noun, entities: fit };
}

/** The tokens of the names right after an exclusion ("besides the US and Italy", "other than Greece"). */
function excludedSpans(
  tokens: readonly string[],
  mentions: readonly Mention[],
  /** Words that leave out only what `fits` ("before" leaves out a thing compared, not an event). */
  also: ReadonlySet<string>,
  fits: (mention: Mention) => boolean,
): Set<number> {
  const out = new Set<number>();
  tokens.forEach((token, i) => {
    const two = `${token} ${tokens[i + 1] ?? ""}`;
    const always = EXCLUSIONS.has(two) || EXCLUSIONS.has(token);
    let q =
      EXCLUSIONS.has(two) || also.has(two) ? i + 2 : EXCLUSIONS.has(token) || also.has(token) ? i + 1 : -1;
    if (q < 0) return;
    for (let count = 0; count < 4 && q < tokens.length; count++) {
      while (ARTICLES.has(tokens[q] ?? "") || JOINERS.has(tokens[q] ?? "")) q++;
      const m = mentionAt(mentions, q);
      if (!m || (!always && !fits(m))) break;
      for (let k = m.start; k < m.end; k++) out.add(k);
      q = m.end;
    }
  });
  return out;
}

/** Shorter words are too easily another word to be read as a slip in a name. */
const MIN_TYPO_LENGTH = 4;

/**
 * The things whose names hold every one of `words` ("kaibab" for the North and South Kaibab trails).
 * With no words, all of them. Words that no tracked name holds and that are ordinary adjectives
 * ("main", "new") do not narrow (the list comes back marked `unmatched`); a word of some other name,
 * or one the base and English do not know, names a thing that is not tracked: undefined.
 */
function byNameWords(index: EngineIndex, things: Entity[], words: readonly string[]): Entity[] | undefined {
  if (words.length === 0) return things;
  const has = (t: Entity, w: string) => index.lexicon.namesOf(t).includes(` ${w} `);
  // A word in no tracked name fits none of them, so a large base is not scanned for it.
  const inNames = words.every((w) => index.lexicon.nameWords.has(w));
  const withAll = inNames ? things.filter((t) => words.every((w) => has(t, w))) : [];
  if (withAll.length > 0) return withAll;
  // A slip in a name ("Theo Bars", "Bright Angle"): one edit from a word of the name, same first
  // letter, and not itself a word of another tracked name ("South" is not a slip of "North").
  // The words of names each could be a slip of, found once in the base's name words (not per thing).
  const typos = new Map(words.map((w) => [w, index.lexicon.typosOf(w, MIN_TYPO_LENGTH)]));
  const near = (t: Entity, w: string) => has(t, w) || (typos.get(w) ?? []).some((n) => has(t, n));
  const withTypos = [...typos.values()].every((list) => list.length === 0)
    ? []
    : things.filter((t) => words.every((w) => near(t, w)));
  if (withTypos.length > 0) return withTypos;
  const naming = words.some(
    (w) => index.lexicon.nameWords.has(w) || index.lexicon.nounWords.has(w) || !isEnglishWord(w),
  );
  return naming ? undefined : Object.assign([...things], { unmatched: true });
}

/**
 * Does the thing's own name put another place right before its noun ("Pensacola Bay Bridge" asked
 * as "the Escambia bay bridge")? Then the question names another thing than this one.
 */
function otherPlaceInName(index: EngineIndex, thing: Entity, sense: NounSense, place: Entity): boolean {
  const placeWords = new Set([place.name, ...place.aliases, ...place.demonyms].flatMap((n) => tokenize(n)));
  for (const name of [thing.name, ...thing.aliases]) {
    const tokens = tokenize(name);
    const at = tokens.findIndex((_, i) => {
      const found = index.lexicon.nounAt(tokens, i);
      return found !== undefined && [...sense.entityIds].some((id) => found.sense.entityIds.has(id));
    });
    if (at <= 0) continue;
    const word = tokens[at - 1] as string;
    if (placeWords.has(word)) return false;
    const owner = index.base.relations.get(thing.id)?.owner;
    const other = [...(index.phrases.get(word) ?? [])].map((id) => index.entity(id));
    if (other.some((e) => e !== undefined && PLACE_KINDS.has(e.kind) && e.id !== place.id && e.id !== owner))
      return true;
  }
  return false;
}

/**
 * A thing whose whole name is a noun phrase ending right before `end` ("South Rim" before "trails"):
 * such names are read as nouns, so they qualify the noun after them as a named thing would.
 */
function nameEndingAt(
  index: EngineIndex,
  tokens: readonly string[],
  end: number,
): { entity: Entity; start: number } | undefined {
  for (let start = Math.max(0, end - 3); start < end; start++) {
    const noun = index.lexicon.nounAt(tokens, start);
    if (!noun || noun.end !== end || noun.sense.entityIds.size !== 1) continue;
    const entity = index.entity([...noun.sense.entityIds][0] as string);
    const phrase = tokens.slice(start, end).join(" ");
    if (entity && [entity.name, ...entity.aliases].some((n) => tokenize(n).join(" ") === phrase))
      return { entity, start };
  }
  return undefined;
}

import type { Entity } from "../knowledge/schema.ts";
import { isDateToken } from "./dates.ts";
import type { EngineIndex } from "./index.ts";
import { placeName } from "./messages.ts";
import { cleanInput, stem, tokenize } from "./text.ts";
import { PLACE_WORDS } from "./vocabulary/places.ts";
import { EMBASSY_FILLERS, EMBASSY_WORDS, STOPWORDS } from "./vocabulary/words.ts";

/** A run of question tokens that names one entity (or several, when the name is shared). */
export interface Mention {
  start: number;
  end: number;
  entityIds: string[];
}

/** What the engine made of a question's words, before deciding what is asked. */
export interface Understanding {
  cleaned: string;
  tokens: string[];
  /** How many words were spelling-corrected. */
  corrections: number;
  mentions: Mention[];
  /** Every entity named, embassies composed from "the Italian embassy in Kyiv" included, in order. */
  entities: Entity[];
  embassies: Entity[];
  /** Names the question gave that the base does not cover ("the Polish embassy", "London"). */
  uncovered: string[];
  /** Did the question speak of an embassy at all. */
  aboutEmbassy: boolean;
  /** Place names the question uses that the base knows nothing about ("France", "Lviv"). */
  unknownPlaces: string[];
  /** The question's topic words as stems: not stop words, names, dates or "embassy". */
  topics: string[];
}

const PLACE_LINKS = new Set(["in", "at", "to"]);
const MAX_QUALIFIER_WORDS = 4;

/** Cleans, tokenises and spelling-corrects a question, then finds the entities it names. */
export function understand(index: EngineIndex, raw: string): Understanding {
  const cleaned = cleanInput(raw);
  let corrections = 0;
  const tokens = tokenize(cleaned).map((token) => {
    if (index.knownWords.has(token) || STOPWORDS.has(token) || PLACE_WORDS.has(token) || /\d/.test(token)) {
      return token;
    }
    const fixed = index.speller.correct(token);
    if (fixed && fixed !== token) corrections++;
    return fixed ?? token;
  });
  const mentions = findMentions(index, tokens);
  const composed = composeEmbassies(index, tokens, mentions);
  const seen = new Set<string>();
  const entities: Entity[] = [];
  const add = (entity: Entity | undefined) => {
    if (entity && !seen.has(entity.id)) {
      seen.add(entity.id);
      entities.push(entity);
    }
  };
  for (const entity of composed.embassies) add(entity);
  // Embassies come only from composition, which may have overruled an alias ("Spain's Kyiv embassy").
  const named = new Set<number>();
  for (const m of mentions) for (let i = m.start; i < m.end; i++) named.add(i);
  const unknownPlaces = tokens.filter((t, i) => !named.has(i) && PLACE_WORDS.has(t) && !index.phrases.has(t));
  for (const mention of mentions) {
    for (const id of mention.entityIds) if (index.entity(id)?.kind !== "embassy") add(index.entity(id));
  }
  return {
    cleaned,
    tokens,
    corrections,
    mentions,
    entities,
    embassies: composed.embassies,
    uncovered: composed.uncovered,
    aboutEmbassy: composed.aboutEmbassy,
    unknownPlaces,
    topics: topicStems(tokens, named),
  };
}

function topicStems(tokens: readonly string[], named: ReadonlySet<number>): string[] {
  const result = new Set<string>();
  tokens.forEach((token, i) => {
    if (named.has(i) || STOPWORDS.has(token) || EMBASSY_WORDS.has(token) || isDateToken(token)) return;
    result.add(stem(token));
  });
  return [...result];
}

/** Longest alias phrases first, left to right. */
function findMentions(index: EngineIndex, tokens: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!index.phraseStarts.has(tokens[i] as string)) {
      i++;
      continue;
    }
    let matched = false;
    for (let length = Math.min(index.longestPhrase, tokens.length - i); length >= 1; length--) {
      const ids = index.phrases.get(tokens.slice(i, i + length).join(" "));
      if (ids) {
        mentions.push({ start: i, end: i + length, entityIds: [...ids] });
        i += length;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return mentions;
}

function mentionAt(mentions: readonly Mention[], position: number): Mention | undefined {
  return mentions.find((m) => position >= m.start && position < m.end);
}

/** Words that may stand between an owner and "embassy" ("Spain's and Greece's embassies", "its embassy"). */
const OWNER_GAP = new Set(["and", "or", "its", "their", "own"]);
/** Words that make "embassy" mean every embassy in the place ("any embassy", "which embassies"). */
const EVERY = new Set(["any", "all", "which", "every", "embassies"]);

/**
 * Works out which embassies a question means. "The Italian embassy" needs an embassy of
 * Italy; "the embassy in London" needs one in London; "did France close its embassy" one of
 * France. Whatever names no embassy in the base is reported as uncovered, so the answer can
 * say so instead of picking the nearest one.
 */
function composeEmbassies(
  index: EngineIndex,
  tokens: readonly string[],
  mentions: readonly Mention[],
): { embassies: Entity[]; uncovered: string[]; aboutEmbassy: boolean } {
  const embassies: Entity[] = [];
  const uncovered: string[] = [];
  let aboutEmbassy = false;
  const entitiesAt = (position: number) =>
    (mentionAt(mentions, position)?.entityIds ?? [])
      .map((id) => index.entity(id))
      .filter((e) => e !== undefined);
  const isPlace = (token: string) => PLACE_WORDS.has(token) && !index.phrases.has(token);

  for (let p = 0; p < tokens.length; p++) {
    const mention = mentionAt(mentions, p);
    const direct = entitiesAt(p).filter((e) => e.kind === "embassy");
    const isWord = !mention && EMBASSY_WORDS.has(tokens[p] ?? "");
    if (!isWord && (direct.length === 0 || mention?.end !== p + 1)) continue;
    aboutEmbassy = true;
    const anchorStart = mention && !isWord ? mention.start : p;
    const missing: string[] = [];
    const owners: Entity[] = [];
    let every = EVERY.has(tokens[p] ?? "");

    for (let q = anchorStart - 1, steps = 0; q >= 0 && steps < MAX_QUALIFIER_WORDS; q--, steps++) {
      const token = tokens[q] ?? "";
      const found = entitiesAt(q);
      if (found.length > 0) {
        owners.push(...found.filter((e) => e.kind === "country" || e.kind === "city"));
        q = mentionAt(mentions, q)?.start ?? q;
        continue;
      }
      if (isPlace(token)) {
        missing.push(`the ${placeName(token)} embassy`);
        continue;
      }
      // A word never seen right before "embassy" ("the Frnech embassy") names an owner we lack.
      if (
        q === anchorStart - 1 &&
        !STOPWORDS.has(token) &&
        !/\d/.test(token) &&
        !index.knownWords.has(token) &&
        !EVERY.has(token)
      ) {
        missing.push(`the ${token} embassy`);
        break;
      }
      if (EVERY.has(token)) every = true;
      if (!(EMBASSY_FILLERS.has(token) || OWNER_GAP.has(token) || EVERY.has(token))) break;
    }

    let place: Entity | undefined;
    let q = p + 1;
    const link = tokens[q];
    if (link === "of" || PLACE_LINKS.has(link ?? "")) {
      q++;
      while (tokens[q] === "the") q++;
      const found = entitiesAt(q);
      const token = tokens[q] ?? "";
      if (found[0]) {
        if (link === "of") owners.push(...found.filter((e) => e.kind === "country"));
        else place = found.find((e) => e.kind === "city" || e.kind === "country");
      } else if (isPlace(token)) {
        missing.push(link === "of" ? `the embassy of ${placeName(token)}` : placeName(token));
      }
    }

    // "Did France close its embassy": the owner is the subject, earlier in the question.
    if (owners.every((e) => e.kind !== "country") && missing.length === 0) {
      for (let r = 0; r < anchorStart; r++) {
        const found = entitiesAt(r).filter((e) => e.kind === "country" && e.id !== place?.id);
        if (found.length > 0) owners.push(...found);
        else if (isPlace(tokens[r] ?? "") && !mentionAt(mentions, r))
          missing.push(`${placeName(tokens[r] ?? "")}'s embassy`);
      }
    }
    uncovered.push(...missing);

    const cityOwners = owners.filter((e) => e.kind === "city");
    const placeFilter = place ?? cityOwners[0];
    const inPlace = (embassy: Entity) => {
      if (!placeFilter) return true;
      if (placeFilter.kind === "city") return embassy.city === placeFilter.id;
      return index.entity(embassy.city ?? "")?.country === placeFilter.id;
    };
    const hostCountry = placeFilter?.kind === "city" ? placeFilter.country : placeFilter?.id;
    const countries = owners.filter((e) => e.kind === "country" && e.id !== hostCountry);
    if (countries.length > 0) {
      for (const country of countries) {
        const match = index.embassies.find((e) => e.country === country.id && inPlace(e));
        if (match) embassies.push(match);
        else
          uncovered.push(
            `the ${country.demonyms[0] ?? country.name} embassy${placeFilter ? ` in ${placeFilter.name}` : ""}`,
          );
      }
      continue;
    }
    if (missing.length > 0) continue;
    const here = (direct.length > 0 ? direct : index.embassies).filter(inPlace);
    if (here.length === 0) {
      uncovered.push(placeFilter ? `an embassy in ${placeFilter.name}` : "that embassy");
      continue;
    }
    // "the embassies in Kyiv" means all of them; "the embassy in Kyiv" the one the base centres on.
    if (direct.length > 0) embassies.push(here[0] as Entity);
    else if (every) embassies.push(...here);
    else embassies.push(here.find((e) => e.primary) ?? (here[0] as Entity));
  }
  return { embassies: [...new Set(embassies)], uncovered, aboutEmbassy };
}

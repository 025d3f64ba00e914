import type { Entity } from "../knowledge/schema.ts";
import type { EngineIndex } from "./index.ts";
import { cleanInput, tokenize } from "./text.ts";
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
  const named = new Set<number>();
  for (const m of mentions) for (let i = m.start; i < m.end; i++) named.add(i);
  const unknownPlaces = tokens.filter((t, i) => !named.has(i) && PLACE_WORDS.has(t) && !index.phrases.has(t));
  for (const mention of mentions) for (const id of mention.entityIds) add(index.entity(id));
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
  };
}

/** Longest alias phrases first, left to right. */
export function findMentions(index: EngineIndex, tokens: readonly string[]): Mention[] {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
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

/**
 * Works out which embassies a question means. "The Italian embassy" needs an embassy of
 * Italy; "the embassy in London" needs one in London. Whatever names no embassy in the base
 * is reported as uncovered, so the answer can say so instead of picking the nearest one.
 */
function composeEmbassies(
  index: EngineIndex,
  tokens: readonly string[],
  mentions: readonly Mention[],
): { embassies: Entity[]; uncovered: string[]; aboutEmbassy: boolean } {
  const embassies: Entity[] = [];
  const uncovered: string[] = [];
  let aboutEmbassy = false;
  const entityAt = (position: number) => {
    const mention = mentionAt(mentions, position);
    return mention
      ? mention.entityIds.map((id) => index.entity(id)).filter((e) => e !== undefined)
      : undefined;
  };

  for (let p = 0; p < tokens.length; p++) {
    const mention = mentionAt(mentions, p);
    const direct =
      mention?.entityIds.map((id) => index.entity(id)).filter((e) => e?.kind === "embassy") ?? [];
    const isWord = !mention && EMBASSY_WORDS.has(tokens[p] ?? "");
    if (!isWord && (direct.length === 0 || mention?.end !== p + 1)) continue;
    aboutEmbassy = true;

    const owners: Entity[] = [];
    if (isWord) {
      for (let q = p - 1, steps = 0; q >= 0 && steps < MAX_QUALIFIER_WORDS; q--, steps++) {
        const token = tokens[q] ?? "";
        const found = entityAt(q);
        if (found) {
          owners.push(...found.filter((e) => e.kind === "country" || e.kind === "city"));
          q = (mentionAt(mentions, q)?.start ?? q) as number;
          continue;
        }
        if (EMBASSY_FILLERS.has(token) || token === "and") continue;
        // Only a place name, or a word the base has never seen, can say whose embassy it is.
        if (PLACE_WORDS.has(token) || !(STOPWORDS.has(token) || index.knownWords.has(token))) {
          uncovered.push(`${token} ${tokens[p]}`);
        }
        break;
      }
    }
    let place: Entity | undefined;
    let q = p + 1;
    const link = tokens[q];
    if (link && (link === "of" || PLACE_LINKS.has(link))) {
      q++;
      while (tokens[q] === "the") q++;
      const found = entityAt(q);
      const token = tokens[q];
      if (found?.[0]) {
        if (link === "of") owners.push(...found.filter((e) => e.kind === "country"));
        else place = found[0];
      } else if (token && (!STOPWORDS.has(token) || PLACE_WORDS.has(token))) {
        uncovered.push(link === "of" ? `the embassy of ${token}` : token);
      }
    }
    if (uncovered.length > 0) continue;

    const candidates = direct.length > 0 ? (direct as Entity[]) : index.embassies;
    const countryOwners = owners.filter((e) => e.kind === "country");
    const cityOwners = owners.filter((e) => e.kind === "city");
    const placeFilter = place ?? cityOwners[0];
    const inPlace = (embassy: Entity) => {
      if (!placeFilter) return true;
      if (placeFilter.kind === "city") return embassy.city === placeFilter.id;
      return index.entity(embassy.city ?? "")?.country === placeFilter.id;
    };
    if (countryOwners.length > 0 && direct.length === 0) {
      for (const country of countryOwners) {
        const match = candidates.find((e) => e.country === country.id && inPlace(e));
        if (match) embassies.push(match);
        else
          uncovered.push(
            `the ${country.demonyms[0] ?? country.name} embassy${placeFilter ? ` in ${placeFilter.name}` : ""}`,
          );
      }
      continue;
    }
    const here = candidates.filter(inPlace);
    if (here.length === 0) {
      uncovered.push(placeFilter ? `an embassy in ${placeFilter.name}` : "that embassy");
      continue;
    }
    if (direct.length > 0) embassies.push(here[0] as Entity);
    // "the embassies in Kyiv" means all of them; "the embassy in Kyiv" the one the base centres on.
    else if (tokens[p] === "embassies") embassies.push(...here);
    else embassies.push(here.find((e) => e.primary) ?? (here[0] as Entity));
  }
  return { embassies: [...new Set(embassies)], uncovered, aboutEmbassy };
}

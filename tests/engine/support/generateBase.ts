/**
 * Random small knowledge bases for the engine's property tests, written as YAML files in the
 * format of tests/fixtures/bases/border-crossings and loaded as the bot loads its knowledge folder.
 *
 * A generated base is a country (from `world-countries`) with one or two real city names in it, one
 * to three kinds of ordinary thing (stations, clinics, depots…), two to six tracked things named by
 * a distinguishing word and their kind noun ("Harlow station", "North Quay terminal"), each with a
 * timeline of two to four changes of state, and one or two sources that every event and fact cites.
 * Everything here is invented test data, never news.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import type { Countries } from "world-countries";
import { stringify } from "yaml";
import { QueryEngine } from "../../../src/engine/engine.ts";
import { isEnglishWord } from "../../../src/engine/language/english.ts";
import type { KnowledgeBase } from "../../../src/knowledge/base.ts";
import { loadKnowledgeBase } from "../../../src/knowledge/loadBase.ts";
import type { State } from "../../../src/knowledge/schema.ts";

// ---------------------------------------------------------------------------------------- pools

/** The `world-countries` data set, read as the engine reads it (the package is CommonJS). */
const countries = createRequire(import.meta.url)("world-countries") as Countries;

/** Ordinary nouns for the kinds of tracked thing; each generated kind uses one as its id and noun. */
export const KIND_NOUNS = [
  "terminal",
  "bridge",
  "clinic",
  "school",
  "museum",
  "depot",
  "station",
  "reservoir",
  "lighthouse",
] as const;

/**
 * The words that tell tracked things apart: place-like names that are not ordinary English words,
 * and a few two-word names whose first word is an ordinary one ("North Quay").
 */
export const DISTINGUISHERS = [
  "Harlow",
  "Ashgrove",
  "Thornbury",
  "Elmstead",
  "Redcliff",
  "Westgate",
  "Fairhaven",
  "Blackmoor",
  "Ravenscar",
  "Kingsmere",
  "Hollins",
  "Dunmore",
  "Pellham",
  "Quenby",
  "North Quay",
  "East Pier",
  "Old Harbour",
  "Saint Aldric",
  "Upper Weir",
] as const;

/** Real city names put in the generated country (a test base, not geography). */
export const CITY_NAMES = [
  "Aarhus",
  "Porto",
  "Tampere",
  "Ghent",
  "Bergen",
  "Graz",
  "Lyon",
  "Turin",
  "Brno",
  "Gdansk",
  "Utrecht",
  "Leeds",
  "Seville",
  "Bilbao",
  "Krakow",
] as const;

/** Real words a made-up name may put in place of a distinguishing word ("South Quay terminal"). */
export const REAL_REPLACEMENTS = [
  "South",
  "West",
  "Lower",
  "Central",
  "Grand",
  "Brixton",
  "Croydon",
  "Dundee",
  "Wexford",
  ...DISTINGUISHERS.flatMap((d) => d.split(" ")),
] as const;

const PUBLISHERS = ["Morning Courier", "Valley Gazette", "Civic Ledger", "Weekly Dispatch"] as const;

const REASONS: Record<"open" | "closed" | "limited" | "suspended", readonly string[]> = {
  open: [
    "Reopened after repairs were completed.",
    "Open again with its usual hours.",
    "Opened to the public on a normal schedule.",
  ],
  closed: [
    "Closed after flooding damaged the entrance.",
    "Closed for urgent safety inspections.",
    "Shut while a power fault was repaired.",
  ],
  limited: [
    "Open only in the mornings while staff are short.",
    "Running a reduced service during repair works.",
  ],
  suspended: ["Services suspended during a strike by staff.", "Suspended after a fault in the fire alarms."],
};

const FACT_STATEMENTS = [
  "Repairs at {the} were expected to take several weeks.",
  "Visitors to {the} were asked to use the side entrance.",
  "Engineers inspected {the} before the change.",
  "Staff at {the} said the work had been planned for months.",
] as const;

export const STATES: readonly State[] = ["open", "closed", "limited", "suspended"];

interface CountryChoice {
  name: string;
  demonym: string;
}

/** Countries whose English name and demonym are one plain word ("Peru", "Peruvian"). */
export const COUNTRIES: readonly CountryChoice[] = countries
  .filter((c) => /^[A-Z][a-z]+$/.test(c.name.common) && /^[A-Z][a-z]+$/.test(c.demonyms.eng?.m ?? ""))
  .map((c) => ({ name: c.name.common, demonym: c.demonyms.eng?.m as string }));

// ---------------------------------------------------------------------------------------- model

export interface GeneratedEvent {
  state: State;
  /** YYYY-MM-DD, day precision. */
  date: string;
  source: string;
  paragraph: number;
  reason: string;
  temporary: boolean;
}

export interface GeneratedThing {
  id: string;
  /** "Harlow station": the distinguishing words, then the kind noun. */
  name: string;
  /** The distinguishing words of the name ("North", "Quay"). */
  distinguisher: string[];
  noun: string;
  aliases: string[];
  location?: string;
  events: GeneratedEvent[];
}

export interface GeneratedSource {
  id: string;
  publisher: string;
  headline: string;
  published: string;
}

export interface GeneratedFact {
  id: string;
  about: string;
  statement: string;
  when: string;
  source: string;
  paragraph: number;
}

export interface GeneratedBase {
  country: { id: string; name: string; demonym: string };
  cities: { id: string; name: string }[];
  kinds: string[];
  things: GeneratedThing[];
  sources: GeneratedSource[];
  facts: GeneratedFact[];
}

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 1);
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

// ---------------------------------------------------------------------------------------- arbitraries

interface ThingDraft {
  kind: number;
  place: number;
  nounCase: "lower" | "title";
  aliasStyles: ("distinguisher" | "place-prefixed" | "noun-at")[];
  start: number;
  gaps: number[];
  states: number[];
  paragraphs: number[];
  reasons: number[];
  temporary: boolean[];
  sourcePick: number[];
}

const thingDraft: fc.Arbitrary<ThingDraft> = fc.integer({ min: 2, max: 4 }).chain((n) =>
  fc.record({
    kind: fc.nat(),
    place: fc.nat(),
    nounCase: fc.constantFrom("lower" as const, "title" as const),
    aliasStyles: fc.subarray(["distinguisher", "place-prefixed", "noun-at"] as const, { maxLength: 2 }),
    start: fc.integer({ min: 0, max: 600 }),
    gaps: fc.array(fc.integer({ min: 3, max: 90 }), { minLength: n - 1, maxLength: n - 1 }),
    // Each state differs from the one before: a timeline records changes.
    states: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    paragraphs: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: n, maxLength: n }),
    reasons: fc.array(fc.nat(), { minLength: n, maxLength: n }),
    temporary: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    sourcePick: fc.array(fc.nat(), { minLength: n, maxLength: n }),
  }),
);

/** A random small base, valid by construction: every event and fact cites a source published on or after it. */
export const baseArbitrary: fc.Arbitrary<GeneratedBase> = fc
  .record({
    country: fc.constantFrom(...COUNTRIES),
    cities: fc.shuffledSubarray([...CITY_NAMES], { minLength: 1, maxLength: 2 }),
    kinds: fc.shuffledSubarray([...KIND_NOUNS], { minLength: 1, maxLength: 3 }),
    distinguishers: fc.shuffledSubarray([...DISTINGUISHERS], { minLength: 6, maxLength: 6 }),
    drafts: fc.array(thingDraft, { minLength: 2, maxLength: 6 }),
    sourceCount: fc.integer({ min: 1, max: 2 }),
    publishers: fc.shuffledSubarray([...PUBLISHERS], { minLength: 2, maxLength: 2 }),
    sourceLag: fc.integer({ min: 0, max: 10 }),
    firstSourceAt: fc.double({ min: 0.2, max: 0.8, noNaN: true }),
    facts: fc.array(
      fc.record({
        thing: fc.nat(),
        event: fc.nat(),
        statement: fc.nat(),
        paragraph: fc.integer({ min: 1, max: 12 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map((r) => buildBase(r));

function buildBase(r: {
  country: CountryChoice;
  cities: string[];
  kinds: string[];
  distinguishers: string[];
  drafts: ThingDraft[];
  sourceCount: number;
  publishers: string[];
  sourceLag: number;
  firstSourceAt: number;
  facts: { thing: number; event: number; statement: number; paragraph: number }[];
}): GeneratedBase {
  const country = { id: slug(r.country.name), name: r.country.name, demonym: r.country.demonym };
  const cities = r.cities.map((name) => ({ id: `${slug(name)}-city`, name }));
  const placeIds = [...cities.map((c) => c.id), country.id, undefined];
  const placeNames = new Map<string, string>([
    ...cities.map((c) => [c.id, c.name] as const),
    [country.id, country.name],
  ]);

  // Dates first, so that the sources can be dated after the events they report.
  const timelines = r.drafts.map((d) => {
    const dates: string[] = [];
    let at = EPOCH + d.start * DAY_MS;
    dates.push(isoDay(at));
    for (const gap of d.gaps) {
      at += gap * DAY_MS;
      dates.push(isoDay(at));
    }
    const states: State[] = [];
    for (const pick of d.states) {
      const previous = states.at(-1);
      const choices = STATES.filter((s) => s !== previous);
      states.push(choices[pick % choices.length] as State);
    }
    return { dates, states };
  });
  const first = Math.min(...timelines.map((t) => dayMs(t.dates[0] as string)));
  const last = Math.max(...timelines.map((t) => dayMs(t.dates.at(-1) as string)));
  const lastPublished = last + r.sourceLag * DAY_MS;
  const publishedDates =
    r.sourceCount === 1
      ? [lastPublished]
      : [first + Math.floor(((last - first) / DAY_MS) * r.firstSourceAt) * DAY_MS, lastPublished];
  const sources: GeneratedSource[] = publishedDates.map((ms, i) => {
    const publisher = r.publishers[i] as string;
    return {
      id: `${slug(publisher)}-${isoDay(ms)}`,
      publisher,
      headline: `Closures and reopenings around ${country.name}`,
      published: isoDay(ms),
    };
  });
  const citing = (date: string, pick: number) => {
    const eligible = sources.filter((s) => dayMs(s.published) >= dayMs(date));
    return eligible[pick % eligible.length] as GeneratedSource;
  };

  const usedAliases = new Set<string>();
  const things: GeneratedThing[] = r.drafts.map((d, i) => {
    const distinguisher = (r.distinguishers[i] as string).split(" ");
    const kind = r.kinds[d.kind % r.kinds.length] as string;
    const noun = d.nounCase === "title" ? kind[0]?.toUpperCase() + kind.slice(1) : kind;
    const name = `${distinguisher.join(" ")} ${noun}`;
    const location = placeIds[d.place % placeIds.length];
    const aliases: string[] = [];
    for (const style of d.aliasStyles) {
      const alias =
        style === "distinguisher"
          ? distinguisher.join(" ")
          : style === "place-prefixed" && location
            ? `${placeNames.get(location)} ${name}`
            : style === "noun-at"
              ? `${kind} at ${distinguisher.join(" ")}`
              : undefined;
      if (!alias || usedAliases.has(alias.toLowerCase())) continue;
      usedAliases.add(alias.toLowerCase());
      aliases.push(alias);
    }
    const { dates, states } = timelines[i] as { dates: string[]; states: State[] };
    const events: GeneratedEvent[] = dates.map((date, j) => {
      const state = states[j] as State;
      const reasons = REASONS[state as keyof typeof REASONS];
      return {
        state,
        date,
        source: citing(date, d.sourcePick[j] ?? 0).id,
        paragraph: d.paragraphs[j] ?? 1,
        reason: reasons[(d.reasons[j] ?? 0) % reasons.length] as string,
        temporary: state !== "open" && (d.temporary[j] ?? false),
      };
    });
    return {
      id: slug(name),
      name,
      distinguisher,
      noun: kind,
      aliases,
      ...(location ? { location } : {}),
      events,
    };
  });

  const facts: GeneratedFact[] = [];
  for (const f of r.facts) {
    const thing = things[f.thing % things.length] as GeneratedThing;
    const event = thing.events[f.event % thing.events.length] as GeneratedEvent;
    const statement = (FACT_STATEMENTS[f.statement % FACT_STATEMENTS.length] as string).replace(
      "{the}",
      `the ${thing.name}`,
    );
    const id = `${thing.id}-fact-${facts.length + 1}`;
    facts.push({
      id,
      about: thing.id,
      statement,
      when: event.date,
      source: citing(event.date, f.paragraph).id,
      paragraph: f.paragraph,
    });
  }
  return { country, cities, kinds: [...new Set(things.map((t) => t.noun))], things, sources, facts };
}

// ---------------------------------------------------------------------------------------- files

const day = (date: string) => ({ date, precision: "day" });

/** The base as knowledge files, one section per file as the fixtures split them. */
export function toYamlFiles(base: GeneratedBase): Record<string, string> {
  const header =
    "# GENERATED by tests/engine/support/generateBase.ts for a property test. Invented, not news.\n";
  const sourceOf = new Map(base.sources.map((s) => [s.id, s]));
  const publisher = (id: string) => sourceOf.get(id)?.publisher ?? id;
  const files = {
    "base.yaml": {
      base: {
        scope: `I answer questions about the status of ${base.kinds.map((k) => `${k}s`).join(", ")} in ${base.country.name}.`,
      },
      kinds: base.kinds.map((k) => ({ id: k, nouns: [k], description: `A ${k} the base tracks.` })),
    },
    "sources.yaml": {
      sources: base.sources.map((s) => ({
        id: s.id,
        publisher: s.publisher,
        headline: s.headline,
        published: day(s.published),
      })),
    },
    "entities.yaml": {
      entities: [
        {
          id: base.country.id,
          kind: "country",
          name: base.country.name,
          aliases: [base.country.name],
          demonyms: [base.country.demonym],
        },
        ...base.cities.map((c) => ({ id: c.id, kind: "city", name: c.name, location: base.country.id })),
        ...base.things.map((t) => ({
          id: t.id,
          kind: t.noun,
          name: t.name,
          ...(t.aliases.length > 0 ? { aliases: t.aliases } : {}),
          ...(t.location ? { location: t.location } : {}),
        })),
      ],
    },
    "timelines.yaml": {
      timelines: base.things.map((t) => ({
        entity: t.id,
        events: t.events.map((e) => ({
          state: e.state,
          effective: day(e.date),
          ...(e.temporary ? { temporary: true } : {}),
          reason: e.reason,
          source: e.source,
          paragraph: e.paragraph,
        })),
      })),
    },
    "facts.yaml": {
      facts: base.facts.map((f) => ({
        id: f.id,
        about: [f.about],
        statement: f.statement,
        when: day(f.when),
        source: f.source,
        paragraph: f.paragraph,
        attribution: `reported by the ${publisher(f.source)}`,
        certainty: "reported",
      })),
    },
  };
  return Object.fromEntries(
    Object.entries(files).map(([name, content]) => [name, header + stringify(content)]),
  );
}

/** Writes the base to a fresh temporary folder and loads it as the bot would; throws if it does not load. */
export function loadGenerated(base: GeneratedBase): { base: KnowledgeBase; engine: QueryEngine } {
  const dir = mkdtempSync(path.join(tmpdir(), "briefbot-property-"));
  try {
    for (const [name, text] of Object.entries(toYamlFiles(base))) writeFileSync(path.join(dir, name), text);
    const loaded = loadKnowledgeBase(dir);
    if (!loaded.ok)
      throw new Error(
        `a generated base does not load: ${JSON.stringify(loaded.problems)}\n${summarise(base)}`,
      );
    return { base: loaded.base, engine: new QueryEngine(loaded.base) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------- reading a base

/** The state a thing's timeline gives on a day, or undefined before its first event. */
export function stateOn(thing: GeneratedThing, date: string): State | undefined {
  let state: State | undefined;
  for (const e of thing.events) if (dayMs(e.date) <= dayMs(date)) state = e.state;
  return state;
}

/** One line per thing: its names and timeline, then the sources and facts; for failure reports. */
export function summarise(base: GeneratedBase): string {
  const lines = [
    `country ${base.country.name} (${base.country.demonym}); cities ${base.cities.map((c) => c.name).join(", ")}; kinds ${base.kinds.join(", ")}`,
  ];
  for (const t of base.things) {
    const names = [t.name, ...t.aliases.map((a) => `"${a}"`)].join(" / ");
    const timeline = t.events.map((e) => `${e.state}@${e.date}(${e.source} ¶${e.paragraph})`).join(" → ");
    lines.push(`  ${t.id}: ${names}${t.location ? ` in ${t.location}` : ""}: ${timeline}`);
  }
  lines.push(`  sources: ${base.sources.map((s) => `${s.id} (${s.published})`).join(", ")}`);
  if (base.facts.length > 0) lines.push(`  facts: ${base.facts.map((f) => `${f.id}@${f.when}`).join(", ")}`);
  return lines.join("\n");
}

/** Every lower-case word of the base's names, reasons, statements and sources. */
export function vocabularyOf(base: GeneratedBase): Set<string> {
  const words = new Set<string>();
  for (const text of Object.values(toYamlFiles(base)))
    for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) words.add(w);
  return words;
}

// ---------------------------------------------------------------------------------------- words

/**
 * Optimal-string-alignment distance (Levenshtein plus swaps of two adjacent letters), or `limit + 1`
 * as soon as it is known to exceed `limit`.
 */
export function osaDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] as number) + 1);
      row.push(value);
      least = Math.min(least, value);
    }
    if (least > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length] as number;
}

/** Is `word` at least `min` edits away from every word of three letters or more in `vocabulary`? */
export function farFrom(word: string, vocabulary: Iterable<string>, min = 3): boolean {
  const w = word.toLowerCase();
  for (const v of vocabulary) {
    if (v.length < 3) continue;
    if (osaDistance(w, v, min - 1) < min) return false;
  }
  return true;
}

/** Words of countries' names and demonyms, which a speller may take an invented word for. */
export const COUNTRY_WORDS: ReadonlySet<string> = new Set(
  countries.flatMap((c) =>
    [c.name.common, c.demonyms.eng?.m ?? "", c.demonyms.eng?.f ?? ""].flatMap(
      (n) => n.toLowerCase().match(/[a-z]+/g) ?? [],
    ),
  ),
);

const ONSETS = ["zor", "qw", "vex", "thr", "kl", "brum", "yz", "grob", "xan", "pl", "dr", "sk"] as const;
const NUCLEI = ["a", "o", "u", "y", "ee", "ai"] as const;
const CODAS = ["zz", "nk", "rv", "x", "lm", "sk", "th", "rb"] as const;
const ENDINGS = ["ar", "ania", "ovia", "ek", "ith", "oon"] as const;

/** A made-up capitalised word ("Qwazzar", "Zorbania"), not an English word. */
export const madeUpWord: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...ONSETS),
    fc.constantFrom(...NUCLEI),
    fc.constantFrom(...CODAS),
    fc.constantFrom(...ENDINGS),
  )
  .map(([a, b, c, d]) => `${a}${b}${c}${d}`)
  .filter((w) => !isEnglishWord(w))
  .map((w) => w[0]?.toUpperCase() + w.slice(1));

export { isEnglishWord };

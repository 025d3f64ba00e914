/**
 * Property tests of the question engine over random small bases (see support/generateBase.ts).
 *
 * Each invariant runs the same seeded cases: every case is checked and every violation counted (the
 * report gives the first few in full), then fast-check shrinks the first failing case to a smaller
 * one within a time budget. Knobs, all optional:
 *
 *   BRIEFBOT_PROPERTY_RUNS=2000   cases per invariant (default 20)
 *   BRIEFBOT_PROPERTY_SEED=7      the seed (default 42)
 *   BRIEFBOT_PROPERTY_SHRINK_MS=0 time allowed to shrink a failure (default 2000; 0 to skip)
 *   BRIEFBOT_PROPERTY_SHOW=50     violations shown in full in a failure (default 5)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/engine/answer.ts";
import type { QueryEngine } from "../../src/engine/engine.ts";
import type { State } from "../../src/knowledge/schema.ts";
import { FIXTURE_TODAY } from "../support/fixtureBases.ts";
import {
  baseArbitrary,
  CITY_NAMES,
  COUNTRIES,
  COUNTRY_WORDS,
  dayMs,
  farFrom,
  type GeneratedBase,
  type GeneratedThing,
  isEnglishWord,
  isoDay,
  loadGenerated,
  madeUpWord,
  osaDistance,
  REAL_REPLACEMENTS,
  stateOn,
  summarise,
  vocabularyOf,
} from "./support/generateBase.ts";

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && process.env[name] !== "" && process.env[name] !== undefined
    ? value
    : fallback;
};
const SEED = envNumber("BRIEFBOT_PROPERTY_SEED", 42);
const RUNS = envNumber("BRIEFBOT_PROPERTY_RUNS", 20);
const SHRINK_MS = envNumber("BRIEFBOT_PROPERTY_SHRINK_MS", 2000);
/** Violations shown in full in a failure message. */
const SHOWN = envNumber("BRIEFBOT_PROPERTY_SHOW", 5);
/**
 * Per invariant: a case takes up to a few hundred milliseconds; vitest's default would stop a long run.
 * The first invariant also loads the engine's language data, beside other test files on a busy machine.
 */
const TIMEOUT = Math.max(60_000, RUNS * 500 + SHRINK_MS * 2);
/** Every generated event is before this, so "now" questions ask after the last event. */
const NOW = FIXTURE_TODAY;

// ------------------------------------------------------------------------------------ engines

interface Loaded {
  base: GeneratedBase;
  engine: QueryEngine;
  /** Words the engine's speller could take a made-up or misspelt word for. */
  vocabulary: Set<string>;
  /** The words of the base's own files. */
  baseWords: Set<string>;
  /** Answers of the word checks below, which are slow enough to repeat once per base only. */
  memo: Map<string, boolean>;
}

function remember(loaded: Loaded, key: string, compute: () => boolean): boolean {
  let value = loaded.memo.get(key);
  if (value === undefined) {
    value = compute();
    loaded.memo.set(key, value);
  }
  return value;
}

const engines = new Map<string, Loaded>();
/** The engine over a generated base, built once per distinct base (the invariants share their bases). */
function load(base: GeneratedBase): Loaded {
  const key = JSON.stringify(base);
  let loaded = engines.get(key);
  if (!loaded) {
    const { engine } = loadGenerated(base);
    const baseWords = vocabularyOf(base);
    const vocabulary = new Set([...baseWords, ...engine.index.knownWords, ...COUNTRY_WORDS]);
    loaded = { base, engine, vocabulary, baseWords, memo: new Map() };
    if (engines.size > 200) engines.clear();
    engines.set(key, loaded);
  }
  return loaded;
}

// ------------------------------------------------------------------------------------ questions

type Casing = "as-is" | "lower" | "upper" | "title" | "sentence";
const CASINGS: readonly Casing[] = ["as-is", "lower", "upper", "title", "sentence"];

function applyCase(text: string, casing: Casing): string {
  switch (casing) {
    case "lower":
      return text.toLowerCase();
    case "upper":
      return text.toUpperCase();
    case "title":
      return text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    case "sentence":
      return text.charAt(0).toUpperCase() + text.slice(1);
    default:
      return text;
  }
}

/** How a question is varied: its template, letter case, date format and an optional swap of two letters. */
interface Variant {
  template: number;
  casing: Casing;
  typo: { word: number; at: number } | null;
  /** Which of a thing's names to use, where the question does not go through each. */
  name: number;
  dateFormat: number;
  datePick: number;
  dateOffset: number;
}

const variantArbitrary: fc.Arbitrary<Variant> = fc.record({
  template: fc.nat(),
  casing: fc.constantFrom(...CASINGS),
  typo: fc.option(fc.record({ word: fc.nat(), at: fc.nat() }), { freq: 3 }),
  name: fc.nat(),
  dateFormat: fc.nat(),
  datePick: fc.nat(),
  dateOffset: fc.nat(),
});

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A day written as people write it: "16 January 2026", "16 Jan 2026", "January 16, 2026", "2026-01-16". */
function writeDate(iso: string, format: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const month = MONTHS[m - 1] as string;
  switch (format % 4) {
    case 0:
      return `${d} ${month} ${y}`;
    case 1:
      return `${d} ${month.slice(0, 3)} ${y}`;
    case 2:
      return `${month} ${d}, ${y}`;
    default:
      return iso;
  }
}

/**
 * A day to ask about and the state the timeline gives on it: strictly inside a held period (never on
 * the day of a change), before the first event, or after the last.
 */
function pickDate(thing: GeneratedThing, pick: number, offset: number): { date: string; state?: State } {
  const events = thing.events;
  const slot = pick % (events.length + 1);
  const first = dayMs(events[0]?.date as string);
  if (slot === 0) {
    const date = isoDay(first - (1 + (offset % 30)) * 86_400_000);
    return { date };
  }
  const from = dayMs(events[slot - 1]?.date as string);
  const next = events[slot]?.date;
  const span = next ? (dayMs(next) - from) / 86_400_000 - 1 : 30;
  const date = isoDay(from + (1 + (offset % Math.max(1, span))) * 86_400_000);
  const state = stateOn(thing, date);
  return { date, ...(state ? { state } : {}) };
}

interface Question {
  text: string;
  /** The date the question asks about, as an ISO day, and the state the timeline gives on it. */
  date?: string;
  dateState?: State;
  /** Set when a swap of two letters was asked for but left out (it would not be a fair typo). */
  typoSkipped?: boolean;
}

/**
 * Fills a template ("is the {name} open", "was {name} open on {date}") for one thing by one of its
 * names, then applies the variant's letter case and, if it is a fair typo, swaps two letters of one
 * long word: never the first letter, never making an English word or a word as close to another
 * word the engine knows.
 */
function render(
  template: string,
  nameForm: string,
  thing: GeneratedThing,
  variant: Variant,
  loaded: Loaded,
  extra: Record<string, string> = {},
): Question {
  let date: { date: string; state?: State } | undefined;
  let text = template.replace("{name}", nameForm);
  for (const [key, value] of Object.entries(extra)) text = text.replace(`{${key}}`, value);
  let written = "";
  if (text.includes("{date}")) {
    date = pickDate(thing, variant.datePick, variant.dateOffset);
    written = writeDate(date.date, variant.dateFormat);
    text = text.replace("{date}", written);
  }
  text = applyCase(text, variant.casing);
  let typoSkipped = false;
  if (variant.typo) {
    const dateWords = new Set(written.toLowerCase().match(/[a-z]+/g) ?? []);
    const words = [...text.matchAll(/\p{L}{6,}/gu)].filter((m) => !dateWords.has(m[0].toLowerCase()));
    const target = words[variant.typo.word % Math.max(1, words.length)];
    if (target && target.index !== undefined) {
      const word = target[0];
      const at = 1 + (variant.typo.at % (word.length - 2));
      const swapped = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      const lower = swapped.toLowerCase();
      const original = word.toLowerCase();
      // The word's own forms ("bridges" for "bridge") may be as close to the slip as the word is.
      const fair = remember(loaded, `typo:${original}:${lower}`, () => {
        const others = [...loaded.vocabulary].filter((w) => osaDistance(w, original, 2) > 2);
        return lower !== original && !isEnglishWord(lower) && farFrom(lower, others, 3);
      });
      if (fair) text = text.slice(0, target.index) + swapped + text.slice(target.index + word.length);
      else typoSkipped = true;
    }
  }
  return {
    text,
    ...(date ? { date: date.date } : {}),
    ...(date?.state ? { dateState: date.state } : {}),
    ...(typoSkipped ? { typoSkipped } : {}),
  };
}

/** Templates that name one thing and ask after its status in some way. */
const NAMING_TEMPLATES = [
  "is the {name} open",
  "is {name} open?",
  "{name} status",
  "was {name} open on {date}",
  "when did {name} close",
  "is the {name} open now?",
  "{name}: open or closed?",
  "{name}, is it open?",
  "status of the {name}?",
  "was the {name} closed on {date}?",
] as const;

/** "Is it open" templates, whose verdict the timeline settles. */
const OPEN_NOW_TEMPLATES = ["is the {name} open", "is {name} open?", "is the {name} open now?"] as const;
const OPEN_ON_TEMPLATES = ["was {name} open on {date}", "was the {name} open on {date}?"] as const;

/** Every name a thing goes by: its name and each alias. */
const namesOf = (thing: GeneratedThing) => [thing.name, ...thing.aliases];
const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

// ------------------------------------------------------------------------------------ checking

interface Violation {
  question: string;
  problem: string;
  answer: Answer;
  base: GeneratedBase;
}

interface Outcome {
  questions: number;
  /** Questions left out or asked without a change, each invariant saying which (see `skippedWhat`). */
  skipped: number;
  violations: Violation[];
}

const newOutcome = (): Outcome => ({ questions: 0, skipped: 0, violations: [] });

function describeAnswer(a: Answer): string {
  const statuses = a.statuses.map(
    (s) => `${s.entity.id}:${s.state} since ${s.since.date} as of ${s.asOf.date}`,
  );
  return [
    `answered=${a.answered} code=${a.code} intent=${a.intent}${a.verdict ? ` verdict=${a.verdict}` : ""}`,
    `statuses=[${statuses.join("; ")}] sources=[${a.sources.map((s) => s.id).join(", ")}]`,
    `text: ${a.text}`,
  ].join("\n      ");
}

function describeViolation(v: Violation): string {
  return [
    `  Q: ${JSON.stringify(v.question)}`,
    `    problem: ${v.problem}`,
    `    answer: ${describeAnswer(v.answer)}`,
    `    base: ${summarise(v.base).replace(/\n/g, "\n    ")}`,
  ].join("\n");
}

/**
 * Checks an invariant on every seeded case, counting every violation, then lets fast-check shrink
 * the first failing case. Fails with the counts, the first violations and the shrunk one.
 */
function checkInvariant<T extends { base: GeneratedBase }>(
  name: string,
  skippedWhat: string,
  cases: fc.Arbitrary<T>,
  check: (c: T, loaded: Loaded) => Outcome,
): void {
  let questions = 0;
  let skipped = 0;
  let bases = 0;
  const violations: Violation[] = [];
  const failingBases = new Set<GeneratedBase>();
  for (const c of fc.sample(cases, { seed: SEED, numRuns: RUNS })) {
    bases++;
    const outcome = check(c, load(c.base));
    questions += outcome.questions;
    skipped += outcome.skipped;
    violations.push(...outcome.violations);
    if (outcome.violations.length > 0) failingBases.add(c.base);
  }
  const tally = `${name}: ${bases} bases, ${questions} questions (${skipped} ${skippedWhat}), ${violations.length} violations in ${failingBases.size} bases`;
  console.info(`[properties] seed ${SEED}: ${tally}`);
  if (violations.length === 0) return;

  let shrunk = "";
  if (SHRINK_MS > 0) {
    const details = fc.check(
      fc.property(cases, (c) => check(c, load(c.base)).violations.length === 0),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: SHRINK_MS, markInterruptAsFailure: false },
    );
    const example = details.counterexample?.[0];
    const first = example ? check(example, load(example.base)).violations[0] : undefined;
    if (first)
      shrunk = `\nShrunk by fast-check (${details.numShrinks} shrinks${details.interrupted ? ", stopped at the time limit" : ""}):\n${describeViolation(first)}`;
  }
  const shown = violations.slice(0, SHOWN).map(describeViolation).join("\n");
  const message = `${tally}\nFirst ${Math.min(SHOWN, violations.length)}:\n${shown}${shrunk}\n(rerun: BRIEFBOT_PROPERTY_SEED=${SEED} BRIEFBOT_PROPERTY_RUNS=${RUNS})`;
  expect(violations.length, message).toBe(0);
}

/** A case: a base, and for each of its things and each of that thing's names, a variant to ask with. */
function casesWithVariants(perName: boolean, count = 1) {
  return baseArbitrary.chain((base) => {
    const slots = base.things.reduce((n, t) => n + (perName ? namesOf(t).length : 1), 0) * count;
    return fc.record({
      base: fc.constant(base),
      variants: fc.array(variantArbitrary, { minLength: slots, maxLength: slots }),
    });
  });
}

/** For each thing and each of its names, with that slot's variant. */
function forEachName(
  base: GeneratedBase,
  variants: readonly Variant[],
  visit: (thing: GeneratedThing, nameForm: string, variant: Variant) => void,
): void {
  let slot = 0;
  for (const thing of base.things)
    for (const nameForm of namesOf(thing)) visit(thing, nameForm, variants[slot++] as Variant);
}

/** The tracked things other than `id` that an answer is about: in its statuses, facts or (if answered) entities. */
function otherThings(answer: Answer, base: GeneratedBase, id: string): string[] {
  const tracked = new Set(base.things.map((t) => t.id));
  const factAbout = new Map(base.facts.map((f) => [f.id, f.about]));
  const others = new Set<string>();
  for (const s of answer.statuses) if (s.entity.id !== id) others.add(s.entity.id);
  for (const f of answer.facts) {
    const about = factAbout.get(f.id);
    if (about && about !== id) others.add(about);
  }
  if (answer.answered)
    for (const e of answer.entities) if (tracked.has(e.id) && e.id !== id) others.add(e.id);
  return [...others];
}

const VERDICT_OF: Record<State, string> = { open: "yes", limited: "partly", closed: "no", suspended: "no" };

/** Yes if and only if open, no if and only if closed or suspended; for limited, neither ("only partly"). */
function verdictFits(verdict: string, state: State): boolean {
  if (state === "open") return verdict === "yes";
  if (state === "closed" || state === "suspended") return verdict === "no";
  return verdict !== "yes" && verdict !== "no";
}

// ------------------------------------------------------------------------------------ dates and sources

const DATE_IN_TEXT = new RegExp(
  `\\b(\\d{1,2}) (${MONTHS.map((m) => `${m}|${m.slice(0, 3)}`).join("|")}|Sept) (\\d{4})\\b`,
  "g",
);

/** The ISO days written in an answer's text ("3 Apr 2024", "11 Sept 2025"). */
function datesInText(text: string): string[] {
  return [...text.matchAll(DATE_IN_TEXT)].map((m) => {
    const month = MONTHS.findIndex((name) => name.startsWith((m[2] as string).slice(0, 3))) + 1;
    return `${m[3]}-${String(month).padStart(2, "0")}-${String(m[1]).padStart(2, "0")}`;
  });
}

/** Checks that every source, status date and date in the text comes from what the answer rests on. */
function sourcingProblems(answer: Answer, base: GeneratedBase, question: Question): string[] {
  const problems: string[] = [];
  const sources = new Map(base.sources.map((s) => [s.id, s]));
  const things = new Map(base.things.map((t) => [t.id, t]));
  const facts = new Map(base.facts.map((f) => [f.id, f]));
  const cited = new Set(answer.sources.map((s) => s.id));
  for (const s of answer.sources) {
    const source = sources.get(s.id);
    if (!source) problems.push(`cites source ${s.id}, which the base does not have`);
    else if (s.published.date !== source.published)
      problems.push(`dates source ${s.id} ${s.published.date}, not ${source.published}`);
  }
  const allowed = new Set<string>(question.date ? [question.date] : []);
  for (const s of answer.sources) allowed.add(s.published.date);
  const about = new Set([...answer.statuses.map((s) => s.entity.id), ...answer.entities.map((e) => e.id)]);
  for (const f of answer.facts) {
    const fact = facts.get(f.id);
    if (!fact) {
      problems.push(`quotes fact ${f.id}, which the base does not have`);
      continue;
    }
    if (f.when && f.when.date !== fact.when)
      problems.push(`dates fact ${f.id} ${f.when.date}, not ${fact.when}`);
    if (f.sourceId !== fact.source) problems.push(`gives fact ${f.id} the source ${f.sourceId}`);
    if (!cited.has(fact.source))
      problems.push(`quotes fact ${f.id} without citing its source ${fact.source}`);
    allowed.add(fact.when);
  }
  for (const id of about) {
    const thing = things.get(id);
    for (const e of thing?.events ?? []) {
      allowed.add(e.date);
      allowed.add(sources.get(e.source)?.published ?? "");
    }
  }
  for (const s of answer.statuses) {
    const thing = things.get(s.entity.id);
    if (!thing) {
      problems.push(`gives a status for ${s.entity.id}, which has no timeline`);
      continue;
    }
    const eventSources = new Set(thing.events.map((e) => e.source));
    const reportDates = new Set(thing.events.map((e) => sources.get(e.source)?.published));
    if (!thing.events.some((e) => e.date === s.since.date && e.state === s.state))
      problems.push(
        `says ${s.entity.id} was ${s.state} since ${s.since.date}: no such event on its timeline`,
      );
    if (!reportDates.has(s.asOf.date))
      problems.push(`says ${s.entity.id}'s status is as of ${s.asOf.date}, the date of none of its sources`);
    if (!eventSources.has(s.source.id))
      problems.push(`rests ${s.entity.id}'s status on ${s.source.id}, which none of its events cites`);
    if (!cited.has(s.source.id))
      problems.push(`does not list ${s.source.id}, which ${s.entity.id}'s status rests on`);
  }
  for (const date of datesInText(answer.text))
    if (!allowed.has(date)) problems.push(`writes the date ${date}, which nothing it cites gives`);
  for (const s of base.sources)
    if (answer.text.includes(s.publisher) && !answer.sources.some((c) => c.publisher === s.publisher))
      problems.push(`names ${s.publisher} without citing it`);
  return problems;
}

// ------------------------------------------------------------------------------------ made-up names

/** What a made-up question puts in: a word in place of a distinguishing word, or a place after the name. */
interface MadeUp {
  mode: "invented-word" | "real-word" | "invented-place" | "real-country" | "real-city";
  word: number;
  candidates: string[];
  real: number;
  template: number;
  casing: Casing;
}

const madeUpArbitrary: fc.Arbitrary<MadeUp> = fc.record({
  mode: fc.constantFrom(
    "invented-word" as const,
    "real-word" as const,
    "invented-place" as const,
    "real-country" as const,
    "real-city" as const,
  ),
  word: fc.nat(),
  candidates: fc.array(madeUpWord, { minLength: 6, maxLength: 6 }),
  real: fc.nat(),
  template: fc.nat(),
  casing: fc.constantFrom(...CASINGS),
});

/** Made-up names asked per base, at most: each question costs a few milliseconds, each base far more. */
const MADE_UP_PER_BASE = 40;
const NAME_TEMPLATES = [
  "is the {name} open",
  "is {name} open?",
  "{name} status",
  "when did {name} close",
] as const;
const PLACE_TEMPLATES = [
  "is the {name} in {place} open",
  "is {name} in {place} open?",
  "{name} in {place} status",
] as const;

/**
 * A word the engine cannot read as anything the base has: not one of its words, and either an
 * ordinary English word (which the speller leaves alone) or no slip of any word the engine knows.
 */
function isStranger(word: string, loaded: Loaded): boolean {
  const lower = word.toLowerCase();
  return remember(loaded, `stranger:${lower}`, () => {
    if (loaded.baseWords.has(lower) || loaded.engine.index.knownWords.has(lower)) return false;
    const others = [...loaded.vocabulary].filter((v) => v !== lower);
    return isEnglishWord(lower) || farFrom(lower, others, 3);
  });
}

/** The made-up question for a thing, and the word it put in; undefined when no word fits. */
function madeUpQuestion(
  thing: GeneratedThing,
  spec: MadeUp,
  loaded: Loaded,
): { text: string; word: string } | undefined {
  const { base } = loaded;
  const invented = spec.candidates.find((w) => !isEnglishWord(w.toLowerCase()) && isStranger(w, loaded));
  let word: string | undefined;
  switch (spec.mode) {
    case "invented-word":
    case "invented-place":
      word = invented;
      break;
    case "real-word": {
      const choices = REAL_REPLACEMENTS.filter((w) => isStranger(w, loaded));
      word = choices.length > 0 ? pick(choices, spec.real) : undefined;
      break;
    }
    case "real-country": {
      const choices = COUNTRIES.filter(
        (c) => c.name !== base.country.name && !loaded.baseWords.has(c.name.toLowerCase()),
      ).map((c) => c.name);
      word = pick(choices, spec.real);
      break;
    }
    case "real-city": {
      const choices = CITY_NAMES.filter((c) => !loaded.baseWords.has(c.toLowerCase()));
      word = choices.length > 0 ? pick(choices, spec.real) : undefined;
      break;
    }
  }
  if (!word) return undefined;
  if (spec.mode === "invented-word" || spec.mode === "real-word") {
    const replaced = [...thing.distinguisher];
    replaced[spec.word % replaced.length] = word;
    const name = `${replaced.join(" ")} ${thing.name.split(" ").at(-1)}`;
    return {
      text: applyCase(pick(NAME_TEMPLATES, spec.template).replace("{name}", name), spec.casing),
      word,
    };
  }
  const text = pick(PLACE_TEMPLATES, spec.template).replace("{name}", thing.name).replace("{place}", word);
  return { text: applyCase(text, spec.casing), word };
}

/** Does the text name the word, as a word ("West" is not in "Westgate")? */
const mentions = (text: string, word: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`,
    "iu",
  ).test(text);

/** Templates that put a made-up name beside an answered question. */
const ATTRIBUTED_TEMPLATES = [
  "{question} according to {who}",
  "according to {who}, {question}",
  "{question}, as reported by {who}?",
] as const;
const ANSWERED_QUESTIONS = [
  "is the {name} open",
  "{name} status",
  "when did the {name} close",
  "was the {name} open on {date}",
] as const;

// ------------------------------------------------------------------------------------ the invariants

describe("properties of the engine over random small bases", () => {
  it(
    "(a) answers a question naming a tracked thing, by its name or any alias, about that thing and no other",
    () => {
      checkInvariant(
        "(a) named thing",
        "typos left out as unfair",
        casesWithVariants(true),
        ({ base, variants }, loaded) => {
          const outcome = newOutcome();
          forEachName(base, variants, (thing, nameForm, variant) => {
            const q = render(pick(NAMING_TEMPLATES, variant.template), nameForm, thing, variant, loaded);
            const answer = loaded.engine.ask(q.text, { now: NOW });
            outcome.questions++;
            if (q.typoSkipped) outcome.skipped++;
            const others = otherThings(answer, base, thing.id);
            if (others.length > 0)
              outcome.violations.push({
                question: q.text,
                problem: `asked about ${thing.id} (as "${nameForm}"), answered about ${others.join(", ")}`,
                answer,
                base,
              });
            else if (
              answer.answered &&
              answer.statuses.length > 0 &&
              answer.statuses[0]?.entity.id !== thing.id
            )
              outcome.violations.push({
                question: q.text,
                problem: `the first status is not ${thing.id}`,
                answer,
                base,
              });
          });
          return outcome;
        },
      );
    },
    TIMEOUT,
  );

  it(
    "(a') answers 'is the <full name> open', exactly as named, rather than declining",
    () => {
      checkInvariant(
        "(a') plain question answered",
        "skipped",
        baseArbitrary.map((base) => ({ base })),
        ({ base }, loaded) => {
          const outcome = newOutcome();
          for (const thing of base.things) {
            const question = `is the ${thing.name} open?`;
            const answer = loaded.engine.ask(question, { now: NOW });
            outcome.questions++;
            if (!answer.answered || answer.statuses[0]?.entity.id !== thing.id)
              outcome.violations.push({ question, problem: `not answered about ${thing.id}`, answer, base });
          }
          return outcome;
        },
      );
    },
    TIMEOUT,
  );

  it(
    "(b) gives the verdict and state the timeline gives: now, after the last event, and on a past day",
    () => {
      checkInvariant(
        "(b) verdict",
        "typos left out as unfair",
        casesWithVariants(false, 2),
        ({ base, variants }, loaded) => {
          const outcome = newOutcome();
          base.things.forEach((thing, i) => {
            const now = variants[2 * i] as Variant;
            const past = variants[2 * i + 1] as Variant;
            const last = thing.events.at(-1)?.state as State;
            // Now: the last state, and yes, no or "only partly" as it stands.
            const qNow = render(
              pick(OPEN_NOW_TEMPLATES, now.template),
              pick(namesOf(thing), now.name),
              thing,
              now,
              loaded,
            );
            const aNow = loaded.engine.ask(qNow.text, { now: NOW });
            outcome.questions++;
            if (qNow.typoSkipped) outcome.skipped++;
            const sNow = aNow.statuses.find((s) => s.entity.id === thing.id);
            const fail = (question: string, answer: Answer, problem: string) =>
              outcome.violations.push({ question, problem, answer, base });
            if (sNow && sNow.state !== last)
              fail(qNow.text, aNow, `reports ${thing.id} ${sNow.state}; its last event is ${last}`);
            // An answer about several things gives one verdict for them all; naming the others is (a)'s failure.
            const aboutIt = (a: Answer) =>
              a.statuses.length > 0 && a.statuses.every((s) => s.entity.id === thing.id);
            if (aNow.answered && aboutIt(aNow) && aNow.verdict && !verdictFits(aNow.verdict, last))
              fail(
                qNow.text,
                aNow,
                `verdict ${aNow.verdict} for a thing last ${last} (expected ${VERDICT_OF[last]})`,
              );
            // On a past day: the state then, or none before the records begin.
            const qPast = render(
              pick(OPEN_ON_TEMPLATES, past.template),
              pick(namesOf(thing), past.name),
              thing,
              past,
              loaded,
            );
            const aPast = loaded.engine.ask(qPast.text, { now: NOW });
            outcome.questions++;
            if (qPast.typoSkipped) outcome.skipped++;
            const sPast = aPast.statuses.find((s) => s.entity.id === thing.id);
            if (!qPast.dateState && sPast)
              fail(
                qPast.text,
                aPast,
                `reports ${thing.id} ${sPast.state} on ${qPast.date}, before its first event`,
              );
            if (qPast.dateState && sPast && sPast.state !== qPast.dateState)
              fail(
                qPast.text,
                aPast,
                `reports ${thing.id} ${sPast.state} on ${qPast.date}; its timeline says ${qPast.dateState}`,
              );
            if (
              qPast.dateState &&
              aboutIt(aPast) &&
              (aPast.verdict === "yes" || aPast.verdict === "no" || aPast.verdict === "partly") &&
              !verdictFits(aPast.verdict, qPast.dateState)
            )
              fail(
                qPast.text,
                aPast,
                `verdict ${aPast.verdict} on ${qPast.date}, when it was ${qPast.dateState} (expected ${VERDICT_OF[qPast.dateState]})`,
              );
          });
          return outcome;
        },
      );
    },
    TIMEOUT,
  );

  it(
    "(c) takes every source and date it gives from the entries it cites",
    () => {
      const cases = baseArbitrary.chain((base) =>
        fc.record({
          base: fc.constant(base),
          variants: fc.array(variantArbitrary, {
            minLength: base.things.length * 3,
            maxLength: base.things.length * 3,
          }),
          madeUp: fc.array(madeUpArbitrary, { minLength: base.things.length, maxLength: base.things.length }),
        }),
      );
      const templates = [
        ...NAMING_TEMPLATES,
        "why did the {name} close?",
        "how long was the {name} closed?",
        "what happened at the {name}?",
        "when did the {name} reopen?",
        `which {kind}s are closed?`,
      ];
      checkInvariant(
        "(c) sourcing",
        "made-up questions with no fitting word",
        cases,
        ({ base, variants, madeUp }, loaded) => {
          const outcome = newOutcome();
          const ask = (q: Question) => {
            const answer = loaded.engine.ask(q.text, { now: NOW });
            outcome.questions++;
            for (const problem of sourcingProblems(answer, base, q))
              outcome.violations.push({ question: q.text, problem, answer, base });
          };
          base.things.forEach((thing, i) => {
            for (let k = 0; k < 3; k++) {
              const v = variants[3 * i + k] as Variant;
              const template = pick(templates, v.template);
              ask(render(template, pick(namesOf(thing), v.name), thing, v, loaded, { kind: thing.noun }));
            }
            const m = madeUpQuestion(thing, madeUp[i] as MadeUp, loaded);
            if (m) ask({ text: m.text });
            else outcome.skipped++;
          });
          return outcome;
        },
      );
    },
    TIMEOUT,
  );

  it(
    "(d) never answers a made-up name with a tracked thing, ignoring the word it does not know",
    () => {
      // A list of questions, each about some thing, rather than so many per thing: fast-check can then
      // shrink a failure down to the one question and the fewest things.
      const cases = fc.record({
        base: baseArbitrary,
        madeUp: fc.array(fc.record({ thing: fc.nat(), spec: madeUpArbitrary }), {
          minLength: 1,
          maxLength: MADE_UP_PER_BASE,
          size: "max",
        }),
      });
      checkInvariant("(d) made-up names", "with no fitting word", cases, ({ base, madeUp }, loaded) => {
        const outcome = newOutcome();
        for (const { thing: which, spec } of madeUp) {
          const thing = pick(base.things, which);
          const m = madeUpQuestion(thing, spec, loaded);
          if (!m) {
            outcome.skipped++;
            continue;
          }
          const answer = loaded.engine.ask(m.text, { now: NOW });
          outcome.questions++;
          if (answer.answered && !mentions(answer.text, m.word))
            outcome.violations.push({
              question: m.text,
              problem: `answered (${spec.mode} "${m.word}", made from ${thing.id}) without saying it does not know "${m.word}"`,
              answer,
              base,
            });
        }
        return outcome;
      });
    },
    TIMEOUT,
  );

  it(
    "(e) never answers a question that names an unknown source or person as if it did not",
    () => {
      const cases = baseArbitrary.chain((base) =>
        fc.record({
          base: fc.constant(base),
          variants: fc.array(variantArbitrary, {
            minLength: base.things.length,
            maxLength: base.things.length,
          }),
          who: fc.array(fc.array(madeUpWord, { minLength: 6, maxLength: 6 }), {
            minLength: base.things.length,
            maxLength: base.things.length,
          }),
          wrap: fc.array(fc.nat(), { minLength: base.things.length, maxLength: base.things.length }),
        }),
      );
      checkInvariant(
        "(e) unknown attribution",
        "not answered without the name",
        cases,
        ({ base, variants, who, wrap }, loaded) => {
          const outcome = newOutcome();
          base.things.forEach((thing, i) => {
            const v = { ...(variants[i] as Variant), typo: null };
            const name = (who[i] ?? []).find((w) => isStranger(w, loaded));
            const plain = render(pick(ANSWERED_QUESTIONS, v.template), thing.name, thing, v, loaded);
            // Only questions the engine answers without the name are asked again with it.
            if (!name || !loaded.engine.ask(plain.text, { now: NOW }).answered) {
              outcome.skipped++;
              return;
            }
            const text = pick(ATTRIBUTED_TEMPLATES, wrap[i] ?? 0)
              .replace("{question}", plain.text.replace(/\?$/, ""))
              .replace("{who}", name);
            const answer = loaded.engine.ask(text, { now: NOW });
            outcome.questions++;
            if (answer.answered && !mentions(answer.text, name))
              outcome.violations.push({
                question: text,
                problem: `answered without saying it does not know "${name}" (answered without it: "${plain.text}")`,
                answer,
                base,
              });
          });
          return outcome;
        },
      );
    },
    TIMEOUT,
  );
});

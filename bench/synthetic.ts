import { KnowledgeBase, type ResolvedEvent } from "../src/knowledge/base.ts";
import type { Entity, Fact, Source } from "../src/knowledge/schema.ts";

/**
 * Generated fact bases for benchmarks, never mixed into knowledge/: invented countries,
 * capitals, people and facts built from made-up words, deterministic for a given size.
 */
const SYLLABLES = [
  "bor",
  "la",
  "vi",
  "ten",
  "ka",
  "mor",
  "sel",
  "du",
  "ran",
  "qui",
  "zo",
  "pel",
  "ash",
  "nir",
  "tov",
  "gal",
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function word(n: number, syllables = 3): string {
  let out = "";
  let k = n;
  for (let i = 0; i < syllables; i++) {
    out += SYLLABLES[k % SYLLABLES.length];
    k = Math.floor(k / SYLLABLES.length) + i * 7 + 3;
  }
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface SyntheticBase {
  base: KnowledgeBase;
  /** Questions about entities that exist in this base, for mixing into benchmark sets. */
  questions: string[];
}

/** A base of `factCount` facts over roughly one entity per ten facts. */
export function syntheticBase(factCount: number, seed = 7): SyntheticBase {
  const random = rng(seed);
  const source: Source = {
    id: "synthetic-wire",
    publisher: "Synthetic Wire",
    headline: "Generated for benchmarks",
    descriptiveHeadline: false,
    published: { date: "2025-06-01", precision: "day" },
    notes: [],
  };
  const entities = new Map<string, Entity>();
  const add = (e: Omit<Entity, "aliases" | "demonyms" | "primary"> & Partial<Entity>) =>
    entities.set(e.id, { aliases: [], demonyms: [], primary: false, ...e } as Entity);
  const groups = Math.max(10, Math.floor(factCount / 30));
  const embassyIds: string[] = [];
  const personIds: string[] = [];
  const questions: string[] = [];
  const capital = "kestrov";
  add({ id: capital, kind: "city", name: "Kestrov" });
  for (let g = 0; g < groups; g++) {
    const country = word(g * 3 + 1);
    add({ id: `c-${country}`, kind: "country", name: cap(country), demonyms: [`${cap(country)}ian`] });
    const embassy = `e-${country}`;
    add({
      id: embassy,
      kind: "embassy",
      name: `${cap(country)}ian Embassy in Kestrov`,
      country: `c-${country}`,
      city: capital,
    });
    embassyIds.push(embassy);
    const person = word(g * 5 + 2, 2);
    add({ id: `p-${person}-${g}`, kind: "person", name: `${cap(person)} ${cap(word(g * 11 + 4, 3))}` });
    personIds.push(`p-${person}-${g}`);
    if (g < 20) {
      questions.push(`is the ${country}ian embassy in kestrov open`, `who is ${cap(word(g * 11 + 4, 3))}`);
    }
  }
  const verbs = [
    "announced",
    "warned",
    "confirmed",
    "denied",
    "reported",
    "approved",
    "closed",
    "reopened",
    "visited",
  ];
  const facts: Fact[] = [];
  for (let i = 0; i < factCount; i++) {
    const g = Math.floor(random() * groups);
    const embassy = embassyIds[g] as string;
    const person = personIds[g] as string;
    const topic = Array.from({ length: 6 }, () => word(Math.floor(random() * 4000), 2)).join(" ");
    facts.push({
      id: `f-${i}`,
      about: [embassy, person],
      statement: `${entities.get(person)?.name} ${verbs[i % verbs.length]} that the ${entities.get(embassy)?.name} ${topic}.`,
      source: source.id,
      paragraph: 1 + (i % 9),
      attribution: "reported by Synthetic Wire",
      certainty: "reported",
      keywords: [],
      answers: [],
    });
  }
  const timelines = new Map<string, ResolvedEvent[]>();
  for (const embassy of embassyIds) {
    timelines.set(embassy, [
      {
        type: "change",
        state: random() < 0.5 ? "open" : "closed",
        effective: { date: "2025-05-20", precision: "day" },
        temporary: false,
        reason: "Generated event.",
        certainty: "reported",
        reported: source.published,
        source: {
          id: source.id,
          publisher: source.publisher,
          headline: source.headline,
          published: source.published,
        },
      },
    ]);
  }
  return { base: new KnowledgeBase(entities, new Map([[source.id, source]]), facts, timelines), questions };
}

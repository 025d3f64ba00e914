import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { QueryEngine } from "../../src/engine/engine.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

/**
 * Bases curated from real news articles by people who had not seen the engine, with the questions
 * they wrote before it was run on them (`questions.jsonl`: whether an answer is expected, patterns it
 * must match, and patterns that mark an unsafe answer: about another thing, or contradicting the
 * sources). The questions assume it is 1 December 2026.
 */
const BASES = [
  "blind-transport",
  "blind-places",
  "blind-transit",
  "blind-airports",
  "blind-tunnel",
  "blind-yellowstone",
  "blind-louvre",
  "blind-universities",
  "blind-roads",
  "blind-iceland",
  "blind-crossings",
  "blind-embassies-iran",
  "blind-denali",
  "blind-maldives-schools",
  "blind-red-mountain",
];
const TODAY = new Date("2026-12-01T12:00:00Z");
/** Below this share of questions passing, a change has made the engine worse on bases it never saw. */
const MIN_PASSING = 0.85;

interface Case {
  id: string;
  q: string;
  answered: boolean;
  must?: string[][];
  mustNot?: string[];
  unsafe?: string[];
}

function casesOf(dir: string): Case[] {
  return readFileSync(path.join(dir, "questions.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Case);
}

describe.each(BASES)("the %s base, curated and asked blind", (name) => {
  const dir = path.join(REPO_ROOT, "tests", "fixtures", "bases", name);
  const loaded = loadKnowledgeBase(dir);
  if (!loaded.ok) throw new Error(`${name} does not load`);
  const engine = new QueryEngine(loaded.base);
  const cases = casesOf(dir);
  const results = cases.map((c) => {
    const a = engine.ask(c.q, { now: TODAY });
    const matches = (re: string) => new RegExp(re, "i").test(a.text);
    const falseAnswer = a.answered && !c.answered;
    const wrong = a.answered && (c.unsafe ?? []).some(matches);
    const passes =
      a.answered === c.answered &&
      (!a.answered ||
        ((c.must ?? []).every((group) => group.some(matches)) && !(c.mustNot ?? []).some(matches) && !wrong));
    return { c, a, unsafe: falseAnswer || wrong, passes };
  });

  it("has sixty questions, a quarter or so to decline", () => {
    expect(cases).toHaveLength(60);
    expect(cases.filter((c) => !c.answered).length).toBeGreaterThanOrEqual(12);
  });

  it("never answers where the sources have nothing, nor about another thing than the one asked", () => {
    expect(results.filter((r) => r.unsafe).map((r) => `${r.c.id}: ${r.c.q} -> ${r.a.text}`)).toEqual([]);
  });

  it(`passes at least ${MIN_PASSING * 100}% of its questions`, () => {
    const passing = results.filter((r) => r.passes).length / results.length;
    expect(passing).toBeGreaterThanOrEqual(MIN_PASSING);
  });
});

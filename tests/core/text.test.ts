import { describe, expect, it } from "vitest";
import { questionDate } from "../../src/engine/language/questionDates.ts";

const NOW = new Date("2026-12-01T12:00:00Z");

import { editDistance } from "../../src/engine/normalise/editDistance.ts";
import { SPELLING_THRESHOLD, SpellingCorrector } from "../../src/engine/normalise/spelling.ts";
import { cleanInput, MAX_QUESTION_LENGTH, stem, tokenize } from "../../src/engine/normalise/text.ts";

describe("cleaning and tokenising", () => {
  it("folds full-width letters (NFKC), drops zero-width and bidi controls, and caps the length", () => {
    expect(cleanInput("ＫＹＩＶ\u200D em\u2066bassy")).toBe("KYIV embassy");
    expect(cleanInput("x".repeat(10_000)).length).toBe(MAX_QUESTION_LENGTH);
  });

  it("reads U.S. as us, drops possessives and splits on punctuation", () => {
    expect(tokenize("Is the U.S. Embassy in Italy's capital open?!")).toEqual([
      "is",
      "the",
      "us",
      "embassy",
      "in",
      "italy",
      "capital",
      "open",
    ]);
  });

  it("stems word forms together and maps reader words onto the base's words", () => {
    expect(stem("closed")).toBe(stem("closing"));
    const canon = new Map([["guards", "security"]]);
    expect(stem("guards", canon)).toBe(stem("security", canon));
    expect(stem("used")).not.toBe(stem("us"));
    expect(stem("shut")).toBe(stem("closure"));
  });
});

describe("spelling correction (fuse.js threshold 0.4, then at most 1 edit for short words, 2 for long)", () => {
  const corrector = new SpellingCorrector(["kyiv", "embassy", "ukraine", "italian", "landmines", "closed"]);

  it("has its threshold set explicitly", () => {
    expect(SPELLING_THRESHOLD).toBe(0.4);
  });

  it.each([
    ["kyev", "kyiv"],
    ["embasy", "embassy"],
    ["ukrane", "ukraine"],
    ["itallian", "italian"],
    ["landmies", "landmines"],
    ["colsed", "closed"],
  ])("corrects %s to %s", (typo, word) => {
    expect(corrector.correct(typo)).toBe(word);
  });

  it.each(["bread", "bitcoin", "london", "paris", "weather", "abc"])("leaves %s alone", (word) => {
    expect(corrector.correct(word)).toBeNull();
  });

  it("counts an adjacent swap as one edit", () => {
    expect(editDistance("kyvi", "kyiv", 2)).toBe(1);
    expect(editDistance("kitten", "sitting", 5)).toBe(3);
  });
});

describe("dates in questions", () => {
  it.each([
    ["was it open in 2023", { date: "2023", precision: "year" }],
    ["in june 2022", { date: "2022-06", precision: "month" }],
    ["on 8 may 2022", { date: "2022-05-08", precision: "day" }],
    ["on may 8th 2022", { date: "2022-05-08", precision: "day" }],
    ["on 2024-11-20", { date: "2024-11-20", precision: "day" }],
    ["what happened last week", { date: "2026-11-24", precision: "day" }],
    ["anything yesterday?", { date: "2026-11-30", precision: "day" }],
    ["was it shut on 11 february", { date: "2025-02-11", precision: "day" }],
  ])("'%s' names %o", (q, expected) => {
    expect(questionDate(q, NOW, 2025)).toEqual(expected);
  });

  it("'may' as a verb is not a date, and a question with no date has none", () => {
    expect(questionDate("may i visit the embassy", NOW, 2025)).toBeUndefined();
    expect(questionDate("is it open", NOW, 2025)).toBeUndefined();
  });
});

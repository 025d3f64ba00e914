import { describe, expect, it } from "vitest";
import { cutGraphemes, echo, hasLoneSurrogate, stripUnsafe, wellFormed } from "../../src/text/clean.ts";

describe("cleaning text that goes back out", () => {
  it("cuts on grapheme boundaries, never inside an emoji, a flag or a combining sequence", () => {
    expect(cutGraphemes("ab🇺🇦cd", 4)).toBe("ab…");
    expect(cutGraphemes("ab🇺🇦cd", 7)).toBe("ab🇺🇦…");
    expect(cutGraphemes("e\u0301e\u0301e\u0301", 4)).toBe("e\u0301…");
    expect(cutGraphemes("short", 10)).toBe("short");
    for (let max = 1; max < 30; max++)
      expect(hasLoneSurrogate(cutGraphemes("👩‍👩‍👧‍👦😀".repeat(5), max))).toBe(false);
  });

  it("cuts a 1,000,000-character text in about the time of a short one", () => {
    const huge = "😀".repeat(500_000);
    const started = performance.now();
    expect(cutGraphemes(huge, 100)).toHaveLength(99);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("strips terminal escapes, controls and bidi overrides, and keeps joiners inside emoji", () => {
    expect(stripUnsafe("\u001B[31mred\u001B[0m \u202Eevil\u202C\u0007")).toBe("red evil");
    expect(stripUnsafe("\u001B]0;title\u0007ok")).toBe("ok");
    expect(stripUnsafe("👩‍👩‍👧‍👦")).toBe("👩‍👩‍👧‍👦");
  });

  it("quotes user text unable to ping on Slack or Discord, cut to the echo length", () => {
    expect(echo("hi @everyone <!channel> <@U123> <@&42>")).toBe("hi ＠everyone ‹!channel› ‹＠U123› ‹＠&42›");
    expect(echo("x".repeat(500))).toHaveLength(80);
    expect(echo("a\n\tb")).toBe("a b");
  });

  it("replaces lone surrogates and leaves well-formed text alone", () => {
    expect(wellFormed("a\uD800b\uDC00c")).toBe("a\uFFFDb\uFFFDc");
    expect(wellFormed("😀")).toBe("😀");
    expect(hasLoneSurrogate("\uD83D")).toBe(true);
    expect(hasLoneSurrogate("😀")).toBe(false);
  });
});

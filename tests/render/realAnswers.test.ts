import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { renderReply as renderDiscord } from "../../adapters/discord/render.ts";
import type { Block } from "../../adapters/slack/blocks.ts";
import { renderReply as renderSlack } from "../../adapters/slack/renderReply.ts";
import type { Reply } from "../../src/commands/reply.ts";
import type { Answer, SourceRef } from "../../src/engine/answer.ts";
import { OUR_TITLE } from "../../src/messages/catalogue.ts";
import { formatCalendarDate } from "../../src/messages/format.ts";
import { invalidMessageBody } from "../discord/fake/messageRules.ts";
import { LATER, NEXT_DAY, realEngine } from "../support/engine.ts";
import { FIXTURE_TODAY, fixtureDir, fixtureEngine } from "../support/fixtureBases.ts";

/**
 * Real answers, made here by the engine over the curated base and the fixture bases, rendered
 * through both chat renderers. Each rendering is split into the parts a reader sees apart (Slack
 * blocks; Discord's description, fields and footer) and checked: within the platform's limits, no
 * caveat, date or source said twice, and a headline the base wrote marked as ours.
 */
const KNOWLEDGE_QUESTIONS = [
  "is the us embassy in kyiv open?",
  "are the embassies in kyiv open?",
  "why did the us embassy close",
  "is the italian embassy in kyiv open?",
  "when did the american embassy reopen?",
  "was the us embassy in kyiv open in june 2022?",
  "who is the us ambassador to ukraine?",
  "what should us citizens in kyiv do?",
  "tell me about atacms",
  "what happened on 8 may 2022?",
  "who wrote the washington times article?",
  "will the us embassy reopen?",
  "did the us embassy close because of a fire?",
  "is the embassy closed for good?",
  "is the french embassy in kyiv open?",
  "is the us embassy open and is the french one?",
  "what is the weather in kyiv",
];
const EMBASSY_FIXTURE_QUESTIONS = [
  "is the finnish embassy in tallinn open?",
  "which embassies in tallinn are closed",
  "are the swedish and german embassies open",
  "is the embassy open",
  "was the japanese embassy open on 5 march 2026",
  "will the japanese embassy be open in 2028",
  "why did the japanese embassy close?",
  "did the japanese embassy close because of a fire",
  "who is marko saar",
  "what happened on 6 march 2026",
];
const borderQuestions = readFileSync(path.join(fixtureDir("border-crossings"), "questions.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => (JSON.parse(line) as { q: string }).q);

interface Asked {
  question: string;
  answer: Answer;
  base: "knowledge" | "embassies" | "border-crossings";
}

function askAll(): Asked[] {
  const real = realEngine();
  const embassies = fixtureEngine("embassies");
  const borders = fixtureEngine("border-crossings");
  return [
    ...KNOWLEDGE_QUESTIONS.flatMap((q) =>
      [LATER, NEXT_DAY].map((now) => ({
        question: q,
        answer: real.ask(q, { now }),
        base: "knowledge" as const,
      })),
    ),
    ...EMBASSY_FIXTURE_QUESTIONS.map((q) => ({
      question: q,
      answer: embassies.ask(q, { now: FIXTURE_TODAY }),
      base: "embassies" as const,
    })),
    ...borderQuestions.map((q) => ({
      question: q,
      answer: borders.ask(q, { now: FIXTURE_TODAY }),
      base: "border-crossings" as const,
    })),
  ];
}

const asked = askAll();
/** The caveats a reader sees beside the answer; the others answer the question and lead the text. */
const ASIDES = new Set(["stale", "assumed", "uncovered", "uncovered-part", "qualifier"]);
const reply = (answer: Answer): Reply => ({
  kind: "answer",
  answer,
  text: answer.text,
  visibility: "public",
});

const MONTH =
  "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const DAY_DATE = new RegExp(`\\b(\\d{1,2}) ${MONTH} (\\d{4})\\b`, "g");
const MONTH_DATE = new RegExp(`\\b${MONTH} (\\d{4})\\b`, "g");

/** The calendar dates a piece of text shows, platform date tokens included, each once. */
function datesShown(text: string): Set<string> {
  const found = new Set<string>();
  const day = (seconds: string) =>
    formatCalendarDate(new Date(Number(seconds) * 1000).toISOString().slice(0, 10), "day");
  let rest = text.replace(/<!date\^(\d+)\^[^>]*>/g, (_, s: string) => {
    found.add(day(s));
    return " ";
  });
  rest = rest.replace(/<t:(\d+):[a-zA-Z]>/g, (_, s: string) => {
    found.add(day(s));
    return " ";
  });
  const short = (month: string) => month.slice(0, 3);
  rest = rest.replace(DAY_DATE, (_, d: string, m: string, y: string) => {
    found.add(`${d} ${short(m)} ${y}`.replace("Sep ", "Sept "));
    return " ";
  });
  for (const match of rest.matchAll(MONTH_DATE)) found.add(`${short(match[1] ?? "")} ${match[2]}`);
  return found;
}

/** Text with every date in one form ("20 Nov 2024"), platform date tokens included, for comparing sentences. */
function sameDates(text: string): string {
  const day = (seconds: string) =>
    formatCalendarDate(new Date(Number(seconds) * 1000).toISOString().slice(0, 10), "day");
  return text
    .replace(/<!date\^(\d+)\^[^>]*>/g, (_, s: string) => day(s))
    .replace(/<t:(\d+):[a-zA-Z]>/g, (_, s: string) => day(s))
    .replace(DAY_DATE, (_, d: string, m: string, y: string) =>
      `${d} ${m.slice(0, 3)} ${y}`.replace("Sep ", "Sept "),
    );
}

/**
 * Each date is shown in one part at most. The first part is the engine's own sentences (the text
 * and its caveats, wherever they are shown), which may use a date twice; what a renderer adds (a
 * status line, a field, a source) never repeats one.
 */
function repeatedDates(parts: string[]): string[] {
  const seen = new Map<string, number>();
  for (const part of parts) for (const date of datesShown(part)) seen.set(date, (seen.get(date) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([date]) => date);
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

function slackParts(blocks: Block[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === "section") return block.text ? [block.text.text] : [];
    if (block.type === "context") return block.elements.map((e) => ("text" in e ? e.text : ""));
    return [];
  });
}

const slackEscape = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

function discordParts(embed: APIEmbed): { body: string; fields: string[]; footer: string } {
  return {
    body: embed.description ?? "",
    fields: (embed.fields ?? []).map((f) => `${f.name}\n${f.value}`),
    footer: embed.footer?.text ?? "",
  };
}

describe("real answers rendered for Slack and Discord", () => {
  it("come from a set that exercises caveats, statuses, several sources and the base's own headlines", () => {
    expect(asked.length).toBeGreaterThan(60);
    const answers = asked.map((a) => a.answer);
    const kinds = new Set(answers.flatMap((a) => a.caveats.map((c) => c.kind)));
    for (const kind of ["stale", "assumed", "uncovered-part", "cause-not-given"] as const)
      expect(kinds).toContain(kind);
    expect(answers.some((a) => a.statuses.length >= 4)).toBe(true);
    expect(answers.some((a) => a.sources.some((s) => s.descriptiveHeadline))).toBe(true);
    expect(answers.some((a) => a.sources.length >= 2)).toBe(true);
    const verdicts = new Set(answers.map((a) => a.verdict));
    for (const verdict of ["yes", "no", "unknown"] as const) expect(verdicts).toContain(verdict);
  });

  it("carry every caveat's sentence in the plain text, and a verdict when asked whether something is open", () => {
    for (const { question, answer, base } of asked) {
      expect(Array.isArray(answer.caveats), question).toBe(true);
      for (const caveat of answer.caveats) expect(answer.text, question).toContain(caveat.text);
      const asksOpen = /^(is|are) the .*\bopen\??$/i.test(question);
      if (base !== "border-crossings" && asksOpen && answer.answered && answer.statuses.length > 0)
        expect(String(answer.verdict), question).toMatch(/^(yes|no|partly)$/);
    }
  });

  it("fit Slack's Block Kit limits", () => {
    for (const { question, answer } of asked) {
      const message = renderSlack(reply(answer), { commandPrefix: "/brief ", shareQuestion: question });
      expect(message.blocks.length, question).toBeLessThanOrEqual(50);
      expect(message.text.length, question).toBeLessThanOrEqual(40_000);
      for (const block of message.blocks) {
        if (block.type === "section")
          expect(block.text?.text.length ?? 0, question).toBeLessThanOrEqual(3000);
        if (block.type === "context") {
          expect(block.elements.length, question).toBeLessThanOrEqual(10);
          for (const e of block.elements)
            expect("text" in e ? e.text.length : 0, question).toBeLessThanOrEqual(3000);
        }
      }
    }
  });

  it("on Slack, say each caveat, date and source once, and mark the base's own headline", () => {
    for (const { question, answer } of asked) {
      const parts = slackParts(renderSlack(reply(answer), { commandPrefix: "/brief " }).blocks);
      const all = sameDates(parts.join("\n"));
      for (const caveat of answer.caveats) {
        const text = sameDates(slackEscape(caveat.text));
        expect(count(all, text), `${question}: ${caveat.kind}`).toBe(1);
        const aside = parts.some((p) => p.startsWith(":") && sameDates(p).endsWith(` ${text}`));
        expect(aside, `${question}: ${caveat.kind} shown apart`).toBe(ASIDES.has(caveat.kind));
      }
      const caveatTexts = answer.caveats.map((c) => slackEscape(c.text));
      const isCaveat = (part: string) => caveatTexts.some((c) => part.endsWith(c));
      const engineText = [
        ...parts.filter((p) => isBody(p, answer, slackEscape)),
        ...parts.filter(isCaveat),
      ].join("\n");
      const added = parts.filter((p) => !isBody(p, answer, slackEscape) && !isCaveat(p));
      expect(repeatedDates([engineText, ...added]), question).toEqual([]);
      checkSources(question, answer.sources, parts, slackEscape);
    }
  });

  it("fit Discord's embed limits", () => {
    for (const { question, answer } of asked) {
      const message = renderDiscord(reply(answer), { question });
      expect(invalidMessageBody({ ...message }), question).toEqual([]);
    }
  });

  it("on Discord, say each caveat, date and source once, and mark the base's own headline", () => {
    for (const { question, answer } of asked) {
      const embed = renderDiscord(reply(answer)).embeds?.[0] as APIEmbed;
      const { body, fields, footer } = discordParts(embed);
      const all = [body, ...fields, footer].join("\n");
      for (const caveat of answer.caveats) {
        // An aside goes in the footer; a caveat that answers the question stays in the text.
        const text = sameDates(caveat.text);
        const where = sameDates(ASIDES.has(caveat.kind) ? footer : body.replace(/\\/g, ""));
        expect(count(where, text), `${question}: ${caveat.kind}`).toBe(1);
        expect(count(sameDates(all.replace(/\\/g, "")), text), `${question}: ${caveat.kind}`).toBe(1);
      }
      expect(repeatedDates([`${body}\n${footer}`, ...fields]), question).toEqual([]);
      const plain = (text: string) => text.replace(/\\/g, "");
      checkSources(question, answer.sources, [plain(body), ...fields.map(plain)], (t) =>
        t.replace(/[[\]]/g, ""),
      );
    }
  });
});

/** Whether a Slack part is the answer's own text: it holds one of the text's sentences. */
function isBody(part: string, answer: Answer, escapeFor: (text: string) => string): boolean {
  const plain = part.replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, "$1");
  const sentences = answer.text.split(/(?<=[.?!])\s+/).map((x) => escapeFor(x).slice(0, 30));
  return sentences.some(
    (sentence) => sentence.length >= 12 && plain.includes(sentence.replace(/^(Yes|No)\. /, "")),
  );
}

/**
 * Each source's headline is shown once, marked when the base wrote it; its outlet is named by the
 * answer's text or by the source line, not both.
 */
function checkSources(
  question: string,
  sources: SourceRef[],
  parts: string[],
  escapeFor: (text: string) => string,
): void {
  const all = parts.join("\n");
  for (const source of sources) {
    const headline = escapeFor(source.headline);
    expect(count(all, headline), `${question}: headline of ${source.id}`).toBe(1);
    const after = all.slice(
      all.indexOf(headline) + headline.length,
      all.indexOf(headline) + headline.length + 20,
    );
    if (source.descriptiveHeadline) expect(after, `${question}: ${source.id} marked`).toContain(OUR_TITLE);
    else expect(after, `${question}: ${source.id} not marked`).not.toContain(OUR_TITLE);
    const line = parts.find((p) => p.includes(headline)) ?? "";
    const outlet = escapeFor(source.reportedBy ?? source.publisher);
    const inText = parts.slice(0, 2).some((p) => p !== line && p.includes(outlet));
    if (inText) expect(line, `${question}: outlet of ${source.id} twice`).not.toContain(outlet);
  }
}

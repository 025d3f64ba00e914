import { createHmac } from "node:crypto";
import { eng } from "stopword";
import type { Answer, CaveatKind } from "../engine/answer.ts";
import { cleanInput, stem, tokenize } from "../engine/normalise/text.ts";
import type { AnswerRecord, GapSighting } from "./types.ts";

/** Longest wording stored; a longer question is cut here, so one paste cannot fill the store. */
export const MAX_GAP_TEXT = 300;

/** Longest reason a "wrong" vote keeps. */
export const MAX_FEEDBACK_REASON = 500;

const STOPWORDS: ReadonlySet<string> = new Set(eng);

/** Declines that say nothing about the base: an empty line, a request for help. */
const NOT_GAPS: ReadonlySet<string> = new Set(["answered", "help", "empty-question"]);

/** Caveats that say part of the question went unanswered. */
const GAP_CAVEATS: ReadonlySet<CaveatKind> = new Set(["uncovered-part", "uncovered", "not-given"]);

/** "Is the British Embassy open??" -> "is the british embassy open": what counts one wording. */
export function normaliseQuestion(question: string): string {
  return tokenize(cleanInput(question)).join(" ").slice(0, MAX_GAP_TEXT).trim();
}

/**
 * The words that carry the question, stemmed and sorted, without the small words: near-same
 * wordings ("is the british embassy open", "british embassy opened?") share it.
 */
export function groupKeyOf(normalised: string): string {
  const words = new Set<string>();
  for (const token of normalised.split(" ")) if (token && !STOPWORDS.has(token)) words.add(stem(token));
  return words.size > 0 ? [...words].sort().join(" ") : normalised;
}

/**
 * What an answer could not cover, as gap sightings: its decline, or the parts its caveats say went
 * unanswered, each with what the question named that the base could not place. None for an answer
 * that covered the whole question.
 */
export function gapSightingsOf(question: string, answer: Answer, baseVersion: string): GapSighting[] {
  const normalised = normaliseQuestion(question);
  if (!normalised) return [];
  const groupKey = groupKeyOf(normalised);
  if (!answer.answered) {
    if (NOT_GAPS.has(answer.code)) return [];
    return [{ baseVersion, normalised, groupKey, code: answer.code, unplaced: answer.unplaced ?? [] }];
  }
  const parts = answer.caveats.filter((caveat) => GAP_CAVEATS.has(caveat.kind));
  const first = parts[0];
  if (!first) return [];
  const unplaced = [...new Set(parts.flatMap((caveat) => caveat.unplaced ?? []))];
  return [{ baseVersion, normalised, groupKey, code: first.kind, unplaced }];
}

/** What an answer rested on, to store beside the feedback on it. */
export function answerRecordOf(
  id: string,
  question: string,
  answer: Answer,
  baseVersion: string,
  at: Date,
): AnswerRecord {
  return {
    id,
    at: at.toISOString(),
    baseVersion,
    question: cleanInput(question).slice(0, MAX_GAP_TEXT),
    code: answer.code,
    verdict: answer.verdict ?? null,
    caveats: answer.caveats.map((caveat) => ({ kind: caveat.kind, text: caveat.text })),
    factIds: answer.facts.map((fact) => fact.id),
    timelineEntries: [
      ...new Set(answer.statuses.map((status) => `${status.entity.id}@${status.since.date}`)),
    ],
    sourceIds: answer.sources.map((source) => source.id),
  };
}

/**
 * The voter as a one-way hash: keyed by the store's secret and bound to the answer, so one person's
 * votes on two answers cannot be linked, and the id cannot be read back or looked up.
 */
export function voterHash(salt: string, answerId: string, platform: string, userId: string): string {
  return createHmac("sha256", salt).update(`${answerId}\n${platform}:${userId}`).digest("base64url");
}

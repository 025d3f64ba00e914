import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerRecordOf, gapSightingsOf, voterHash } from "../../src/curator/record.ts";
import type { AnswerRecord } from "../../src/curator/types.ts";
import type { Answer } from "../../src/engine/answer.ts";
import type { SubscriptionStore } from "../../src/subscriptions/store.ts";
import type { StoreFactory } from "./storeContract.ts";

const t0 = Date.parse("2026-03-01T09:00:00Z");
const at = (minutes: number) => new Date(t0 + minutes * 60_000);

/** A declined answer, as the engine gives one for a thing the base does not hold. */
const declined = (unplaced: string[]): Answer => ({
  answered: false,
  code: "unknown-entity",
  intent: "status",
  text: `I don't have any reports on ${unplaced.join(" and ")}.`,
  caveats: [],
  confidence: 0,
  entities: [],
  statuses: [],
  facts: [],
  sources: [],
  suggestions: [],
  unplaced,
});

const shown = (id: string, minutes: number): AnswerRecord => ({
  id,
  at: at(minutes).toISOString(),
  baseVersion: "v1",
  question: "is the us embassy in kyiv open?",
  code: "answered",
  verdict: "no",
  caveats: [{ kind: "stale", text: "That report is 2 years old." }],
  factIds: ["us-embassy-closed"],
  timelineEntries: ["us-embassy-kyiv@2024-11-20"],
  sourceIds: ["wt-2024-11-20"],
});

/**
 * The curator's loop as every store must keep it: gaps counted per wording and base version, one
 * vote per voter per answer, "wrong" votes newest first with what the answer rested on, retention.
 */
export function describeCuratorLogContract(name: string, factory: StoreFactory): void {
  describe(`${name} store: the curator's loop`, () => {
    let store: SubscriptionStore;
    let dispose: () => Promise<void>;
    const gap = (question: string, unplaced: string[], version = "v1") =>
      gapSightingsOf(question, declined(unplaced), version);

    beforeEach(async () => {
      ({ store, dispose } = await factory());
    });
    afterEach(async () => {
      await dispose();
    });

    it("counts a question asked three times in two wordings as one group of 3, most asked wording first", async () => {
      await store.recordGaps(gap("Is the British embassy open?", ["the British embassy"]), at(0));
      await store.recordGaps(gap("is the british embassy open", ["the British embassy"]), at(1));
      await store.recordGaps(gap("British embassy, open?", ["the British embassy"]), at(2));
      await store.recordGaps(gap("what did Zelensky say", ["Zelensky"]), at(3));
      const groups = await store.gapGroups("v1", 10);
      expect(groups.map((g) => g.count)).toEqual([3, 1]);
      const [british] = groups;
      expect(british?.wordings.map((w) => [w.normalised, w.count])).toEqual([
        ["is the british embassy open", 2],
        ["british embassy open", 1],
      ]);
      expect(british?.wordings[0]).toMatchObject({
        code: "unknown-entity",
        unplaced: ["the British embassy"],
        firstSeen: at(0).toISOString(),
        lastSeen: at(1).toISOString(),
      });
      expect(british?.firstSeen).toBe(at(0).toISOString());
      expect(british?.lastSeen).toBe(at(2).toISOString());
      expect(groups[1]?.wordings[0]?.unplaced).toEqual(["Zelensky"]);
    });

    it("keeps each base version's gaps apart", async () => {
      await store.recordGaps(gap("is the british embassy open", ["the British embassy"], "v1"), at(0));
      await store.recordGaps(gap("is the british embassy open", ["the British embassy"], "v2"), at(1));
      await store.recordGaps(gap("is the british embassy open", ["the British embassy"], "v2"), at(2));
      expect((await store.gapGroups("v2", 10)).map((g) => g.count)).toEqual([2]);
      expect((await store.gapGroups("v1", 10)).map((g) => g.count)).toEqual([1]);
      expect(await store.otherVersionGaps("v2")).toBe(1);
      expect(await store.gapGroups("v3", 10)).toEqual([]);
    });

    it("lists only as many groups as asked for, the most asked first", async () => {
      for (let i = 0; i < 5; i++)
        for (let n = 0; n <= i; n++) await store.recordGaps(gap(`is embassy ${i} open`, []), at(n));
      const groups = await store.gapGroups("v1", 2);
      expect(groups.map((g) => [g.wordings[0]?.normalised, g.count])).toEqual([
        ["is embassy 4 open", 5],
        ["is embassy 3 open", 4],
      ]);
    });

    it("takes one vote per voter per answer: a second vote, either way, replaces the first", async () => {
      await store.recordAnswer(shown("a1", 0));
      const salt = await store.voterSalt();
      expect(await store.voterSalt()).toBe(salt);
      const olena = voterHash(salt, "a1", "slack", "U0OLENA");
      const mark = voterHash(salt, "a1", "slack", "U0MARK");
      expect(await store.vote({ answerId: "a1", voterHash: olena, vote: "wrong", at: at(1) })).toBe(
        "recorded",
      );
      expect(await store.giveReason("a1", olena, "It reopened last week", at(2))).toBe(true);
      expect((await store.wrongAnswers(10)).map((w) => w.reason)).toEqual(["It reopened last week"]);
      expect(await store.vote({ answerId: "a1", voterHash: olena, vote: "helpful", at: at(3) })).toBe(
        "replaced",
      );
      expect(await store.wrongAnswers(10)).toEqual([]);
      // A reason is taken only beside a "wrong" vote.
      expect(await store.giveReason("a1", olena, "late", at(4))).toBe(false);
      expect(await store.vote({ answerId: "a1", voterHash: mark, vote: "wrong", at: at(5) })).toBe(
        "recorded",
      );
      expect(await store.voteCounts()).toEqual({ helpful: 1, wrong: 1 });
    });

    it("refuses a vote on an answer it does not hold", async () => {
      expect(await store.vote({ answerId: "gone", voterHash: "h", vote: "wrong", at: at(0) })).toBe(
        "unknown",
      );
      expect(await store.voteCounts()).toEqual({ helpful: 0, wrong: 0 });
    });

    it("lists the wrong answers newest first, each with its question, verdict, caveats, facts, timeline entries and sources", async () => {
      await store.recordAnswer(shown("a1", 0));
      await store.recordAnswer({ ...shown("a2", 1), question: "why did it close", verdict: null });
      await store.vote({ answerId: "a1", voterHash: "h1", vote: "wrong", at: at(2) });
      await store.vote({ answerId: "a2", voterHash: "h1", vote: "wrong", at: at(3) });
      await store.vote({ answerId: "a2", voterHash: "h2", vote: "helpful", at: at(4) });
      const wrong = await store.wrongAnswers(10);
      expect(wrong.map((w) => w.answer.id)).toEqual(["a2", "a1"]);
      expect(wrong[1]).toEqual({ answer: shown("a1", 0), reason: null, at: at(2).toISOString() });
      expect(await store.answerRecord("a2")).toMatchObject({ question: "why did it close", verdict: null });
      expect(await store.answerRecord("nope")).toBeNull();
    });

    it("removes what is older than the retention cutoff, and keeps the rest", async () => {
      await store.recordGaps(gap("is the british embassy open", []), at(0));
      await store.recordGaps(gap("what did zelensky say", []), at(100));
      await store.recordAnswer(shown("old", 0));
      await store.recordAnswer(shown("new", 100));
      await store.vote({ answerId: "old", voterHash: "h", vote: "wrong", at: at(150) });
      await store.vote({ answerId: "new", voterHash: "h", vote: "wrong", at: at(150) });
      expect(await store.pruneCurator(at(50))).toEqual({ gaps: 1, answers: 1, votes: 1 });
      expect((await store.gapGroups("v1", 10)).map((g) => g.wordings[0]?.normalised)).toEqual([
        "what did zelensky say",
      ]);
      expect(await store.answerRecord("old")).toBeNull();
      expect((await store.wrongAnswers(10)).map((w) => w.answer.id)).toEqual(["new"]);
      expect(await store.pruneCurator(at(50))).toEqual({ gaps: 0, answers: 0, votes: 0 });
    });

    it("claims the weekly digest once a week, the first call only starting the clock", async () => {
      const week = 7 * 24 * 60 * 60_000;
      expect(await store.claimDigest(t0, week)).toBe(false);
      expect(await store.claimDigest(t0 + week - 1, week)).toBe(false);
      expect(await store.claimDigest(t0 + week, week)).toBe(true);
      // A second instance asking at the same moment is refused: the digest is posted once.
      expect(await store.claimDigest(t0 + week, week)).toBe(false);
      expect(await store.claimDigest(t0 + 2 * week, week)).toBe(true);
    });

    it("stores an answer's record as the engine's answer gives it", async () => {
      const answer: Answer = {
        ...declined([]),
        answered: true,
        code: "answered",
        verdict: "no",
        facts: [
          {
            id: "f1",
            statement: "s",
            certainty: "confirmed",
            attribution: "a",
            sourceId: "src",
            paragraph: 1,
          },
        ],
      };
      const record = answerRecordOf("a9", "is it open?", answer, "v1", at(0));
      await store.recordAnswer(record);
      expect(await store.answerRecord("a9")).toEqual(record);
    });
  });
}

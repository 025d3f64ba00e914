import type { AnswerCode, CaveatKind, Verdict } from "../engine/answer.ts";

/**
 * One question, or one part of a question, the base could not answer, as it is stored: normalised
 * text, never who asked. `groupKey` puts near-same wordings together ("is the british embassy open"
 * and "british embassy open?").
 */
export interface GapSighting {
  /** The knowledge base's version when it was asked (see `baseVersion`). */
  baseVersion: string;
  /** Lower case, accents and punctuation gone, spaces single: what counts one wording. */
  normalised: string;
  groupKey: string;
  /** The decline's code, or the caveat's kind (`uncovered-part`) for a part of an answered question. */
  code: AnswerCode | CaveatKind;
  /** What the question named that the base could not place ("the British embassy"). */
  unplaced: string[];
}

/** One stored wording with its count. */
export interface GapWording {
  normalised: string;
  count: number;
  code: string;
  unplaced: string[];
  firstSeen: string;
  lastSeen: string;
}

/** Near-same wordings of one question, most asked first. */
export interface GapGroup {
  groupKey: string;
  /** Sum of the wordings' counts. */
  count: number;
  firstSeen: string;
  lastSeen: string;
  wordings: GapWording[];
}

/** What an answer rested on, stored when it is shown with feedback buttons. */
export interface AnswerRecord {
  id: string;
  at: string;
  baseVersion: string;
  question: string;
  code: AnswerCode;
  verdict: Verdict | null;
  caveats: { kind: CaveatKind; text: string }[];
  factIds: string[];
  /** "entity-id@2024-11-20": the status entry each status in the answer rests on. */
  timelineEntries: string[];
  sourceIds: string[];
}

export type Vote = "helpful" | "wrong";

/** A vote as stored: the voter only as a one-way hash, one per voter per answer. */
export interface NewVote {
  answerId: string;
  voterHash: string;
  vote: Vote;
  at: Date;
}

/** "recorded" the first vote, "replaced" a second by the same voter, "unknown" an answer not (or no longer) stored. */
export type VoteOutcome = "recorded" | "replaced" | "unknown";

/** A "wrong" vote with the answer it is about. */
export interface WrongAnswer {
  answer: AnswerRecord;
  reason: string | null;
  at: string;
}

/** How many rows retention removed. */
export interface Pruned {
  gaps: number;
  answers: number;
  votes: number;
}

/**
 * What the curator's loop stores: unanswered questions and feedback on answers. Part of each
 * store, SQLite and PostgreSQL alike; tests/subscriptions/curatorContract.ts is the behaviour.
 */
export interface CuratorLog {
  /** Counts each sighting: a new wording is added, a known one gets count + 1 and a later `lastSeen`. */
  recordGaps(sightings: GapSighting[], at: Date): Promise<void>;
  /** The `limit` most asked groups of `baseVersion`, each with its wordings, most asked first. */
  gapGroups(baseVersion: string, limit: number): Promise<GapGroup[]>;
  /** Wordings stored for other base versions than this one (older bases). */
  otherVersionGaps(baseVersion: string): Promise<number>;
  recordAnswer(record: AnswerRecord): Promise<void>;
  answerRecord(id: string): Promise<AnswerRecord | null>;
  /** One vote per voter per answer: a second, either way, replaces the first (and clears its reason). */
  vote(vote: NewVote): Promise<VoteOutcome>;
  /** The reason for the voter's "wrong" vote on the answer; false when there is no such vote. */
  giveReason(answerId: string, voterHash: string, reason: string, at: Date): Promise<boolean>;
  /** "Wrong" votes, newest first. */
  wrongAnswers(limit: number): Promise<WrongAnswer[]>;
  /** Votes of each kind. */
  voteCounts(): Promise<Record<Vote, number>>;
  /** A random secret made once per store, for hashing voters; the same for every instance. */
  voterSalt(): Promise<string>;
  /**
   * Whether the curators' digest is due at `now` (epoch ms): true, and the time recorded, once
   * `everyMs` has passed since the last one, for one caller among every instance. The first call
   * only starts the clock.
   */
  claimDigest(now: number, everyMs: number): Promise<boolean>;
  /** Removes gaps last seen, answers given and votes cast before `before`. */
  pruneCurator(before: Date): Promise<Pruned>;
}

import type { DateRef, SourceRef } from "../knowledge/refs.ts";
import type { Certainty, Correction, EntityKind, State } from "../knowledge/schema.ts";
import type { StateLook } from "../knowledge/states.ts";

export type { DateRef, SourceRef } from "../knowledge/refs.ts";

/** What the engine took the question to be asking. */
export type Intent =
  | "status"
  | "status-on-date"
  | "status-change"
  | "why"
  | "who"
  | "what"
  | "how-many"
  | "on-date"
  | "advice"
  | "briefing"
  | "help"
  | "unknown";

/**
 * Stable codes for the outcome of a question. Expected misses are values, not exceptions,
 * so adapters can react to them (e.g. offer "did you mean") without parsing text.
 */
export type AnswerCode =
  | "answered"
  | "empty-question"
  | "unknown-entity"
  | "no-status"
  | "no-facts"
  | "out-of-scope"
  | "ambiguous"
  /** The question names something the sources do not mention ("passport renewals", "Zelensky"). */
  | "not-covered"
  | "help";

export interface EntityRef {
  id: string;
  name: string;
  kind: EntityKind;
}

/** The status of one entity as the base knows it, at `asOf` (the date of the last report). */
export interface StatusReport {
  entity: EntityRef;
  state: string & State;
  /** How a state the thing's kind declares shows (label, severity, colour, emoji); absent for the four. */
  look?: StateLook;
  since: DateRef;
  temporary: boolean;
  /** The cause the source gives; absent when it gives none. */
  reason?: string;
  certainty: Certainty;
  /** Date of the report this status rests on (its publication date). */
  asOf: DateRef;
  /** Whole days between `asOf` and the question's `now`. */
  ageDays: number;
  stale: boolean;
  /** The latest report on this status: the one that began it, or a later one saying it still held. */
  source: SourceRef;
  /** The report of the change itself, when a later report is the one the status is as of. */
  changeSource?: SourceRef;
  /** The sources say the state held on `since` but not when it began ("still closed", no start). */
  startUnknown?: boolean;
  /**
   * Sources that disagree about it: on its state then (kind `state`: no yes or no is given), or only
   * on when the change into it came (kind `date`). Each account with the source that gives it.
   */
  disputed?: Dispute;
}

/** Rival accounts of one thing's status, as the curator marked them (`disagreement`). */
export interface Dispute {
  kind: "state" | "date";
  accounts: Account[];
}

/** How one source tells a thing's status: its state then, and since when (or as of when). */
export interface Account {
  source: SourceRef;
  state: string & State;
  look?: StateLook;
  since: DateRef;
  temporary: boolean;
  /** The source reports the state as holding on `since`, not as beginning then. */
  startUnknown?: boolean;
  /** The date of the source's report that the state still held, when that is its account. */
  asOf?: DateRef;
}

export interface FactRef {
  id: string;
  statement: string;
  when?: DateRef;
  certainty: Certainty;
  attribution: string;
  qualifier?: string;
  sourceId: string;
  paragraph: number;
  /**
   * Words of `statement` that are the article's own, with what the curator takes them to be. The
   * answer's text marks each where it first uses them, as the curator's note.
   */
  corrections?: Correction[];
}

/**
 * The answer to a yes-or-no question, or why there is none: the sources give none, no one can know,
 * or the sources disagree (`disputed`).
 */
export type Verdict = "yes" | "no" | "partly" | "unknown" | "not-given" | "disputed";

export type CaveatKind =
  | "stale"
  | "assumed"
  | "premise-not-supported"
  | "cause-not-given"
  /** The source reports a change and gives no cause for it ("why did it close": it does not say). */
  | "no-cause"
  | "no-forecast"
  | "uncovered-part"
  | "uncovered"
  /** The sources give no figure or detail that was asked for ("how many staff"). */
  | "not-given"
  | "qualifier"
  | "expectation"
  /** The sources disagree (on a state, or on when a change came); each is cited. */
  | "disagreement";

/**
 * Something the reader must know beside the answer: the report is old, a subject was assumed, the
 * question's premise is not supported. `text` is the sentence the plain text says it with.
 */
export interface Caveat {
  kind: CaveatKind;
  text: string;
  /** The report's age, for `stale`. */
  ageDays?: number;
  /** What was assumed and the alternatives, for `assumed`. */
  assumed?: EntityRef;
  alternatives?: EntityRef[];
  /** Words of the question this caveat answers beside its text ("died" in "no number of people"). */
  addresses?: string[];
  /** For `uncovered` and `uncovered-part`: what the question named that the base could not place. */
  unplaced?: string[];
}

/** The engine's answer: data, rendered by each adapter as it sees fit. */
export interface Answer {
  /** For a yes-or-no question: the answer the sources give, or why there is none. */
  verdict?: Verdict;
  /** What must be said beside the answer, each once. Their sentences are in `text` too. */
  caveats: Caveat[];
  answered: boolean;
  code: AnswerCode;
  intent: Intent;
  /** Plain text, one to four sentences. */
  text: string;
  /** 0 to 1: how sure the engine is that it understood the question and the facts fit it. */
  confidence: number;
  entities: EntityRef[];
  /** The first of `statuses`, for status questions. */
  status?: StatusReport;
  statuses: StatusReport[];
  facts: FactRef[];
  sources: SourceRef[];
  /** "Did you mean" candidates or example questions, when nothing was answered. */
  suggestions: string[];
  /**
   * What the question named that the base could not place ("the British embassy", "Zelensky"), when
   * that is why nothing was answered. Read by whoever keeps the base; the text already says it.
   */
  unplaced?: string[];
}

import type { CaveatKind, Verdict } from "../engine/answer.ts";

/** Marks a headline the base wrote for an article that has none, wherever a headline is shown. */
export const OUR_TITLE = "[our title]";

/** The verdict as a heading word, for surfaces that show it before the answer. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  yes: "Yes",
  no: "No",
  partly: "Partly",
  unknown: "Not known yet",
  "not-given": "Not in my sources",
};

/** How each kind of caveat is introduced where it is shown apart from the answer. */
export const CAVEAT_LABELS: Record<CaveatKind, string> = {
  stale: "Old report",
  assumed: "Assumed",
  "premise-not-supported": "Not supported",
  "cause-not-given": "Cause not given",
  "no-forecast": "No forecast",
  "uncovered-part": "Not covered",
  uncovered: "Not covered",
  qualifier: "Qualified",
  expectation: "Expected, not reported",
};

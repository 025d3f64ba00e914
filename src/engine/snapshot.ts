import type { StateLook } from "../knowledge/states.ts";
import type { StatusReport } from "./answer.ts";

/**
 * An entity's current status reduced to what status-change detection compares.
 * `key` changes exactly when the state, its effective date or its source changes, so
 * rewriting a file without changing a status leaves every key as it was.
 */
export interface StatusSnapshot {
  entityId: string;
  key: string;
  report: StatusReport;
  /** How each state of the thing's kind shows, where the kind declares its states: a notice names the old one. */
  looks?: Record<string, StateLook | undefined>;
}

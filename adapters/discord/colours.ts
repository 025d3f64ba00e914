import type { State } from "../../src/knowledge/schema.ts";

/** Embed colours by status, so a reader sees closed or open before reading a word. */
export const STATUS_COLOURS: Record<State, number> = {
  open: 0x57f287,
  limited: 0xf0a020,
  /** Suspended operations mean no service, as for closed. */
  suspended: 0xed4245,
  closed: 0xed4245,
};

/** For answers that carry no status (facts, help, lists). */
export const NO_STATUS_COLOUR = 0x99aab5;

export function statusColour(state: string | undefined): number {
  return state && state in STATUS_COLOURS ? STATUS_COLOURS[state as State] : NO_STATUS_COLOUR;
}

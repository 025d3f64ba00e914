import type { StateLook } from "../../src/knowledge/states.ts";

/** Embed colours by status, so a reader sees closed or open before reading a word. */
export const STATUS_COLOURS: Readonly<Record<string, number>> = {
  open: 0x57f287,
  limited: 0xf0a020,
  /** Suspended operations mean no service, as for closed. */
  suspended: 0xed4245,
  closed: 0xed4245,
};

/** For answers that carry no status (facts, help, lists). */
export const NO_STATUS_COLOUR = 0x99aab5;

/** The colour of a state: the one its kind declares for it, or the four's own. */
export function statusColour(state: string | undefined, look?: StateLook): number {
  if (look?.colour) return Number.parseInt(look.colour.slice(1), 16);
  if (look) return NO_STATUS_COLOUR;
  return (state ? STATUS_COLOURS[state] : undefined) ?? NO_STATUS_COLOUR;
}

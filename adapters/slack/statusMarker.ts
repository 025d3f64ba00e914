import type { State } from "../../src/knowledge/schema.ts";

/**
 * How each state reads at a glance: a coloured emoji and a word, never colour alone, so the
 * status survives screen readers, colour blindness and plain-text fallbacks.
 */
const MARKERS: Record<State, { emoji: string; label: string }> = {
  open: { emoji: ":large_green_circle:", label: "Open" },
  closed: { emoji: ":red_circle:", label: "Closed" },
  limited: { emoji: ":large_orange_circle:", label: "Limited" },
  suspended: { emoji: ":no_entry:", label: "Suspended" },
};

/** ":red_circle: Closed", ready for mrkdwn. */
export function statusMarker(state: State): string {
  const marker = MARKERS[state];
  return `${marker.emoji} ${marker.label}`;
}

/** "Closed", for plain text. */
export function statusLabel(state: State): string {
  return MARKERS[state].label;
}

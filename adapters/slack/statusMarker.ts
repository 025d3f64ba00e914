import type { StateLook } from "../../src/knowledge/states.ts";

/**
 * How each state reads at a glance: a coloured emoji and a word, never colour alone, so the
 * status survives screen readers, colour blindness and plain-text fallbacks.
 */
const MARKERS: Readonly<Record<string, { emoji: string; label: string }>> = {
  open: { emoji: ":large_green_circle:", label: "Open" },
  closed: { emoji: ":red_circle:", label: "Closed" },
  limited: { emoji: ":large_orange_circle:", label: "Limited" },
  suspended: { emoji: ":no_entry:", label: "Suspended" },
};

/** ":red_circle: Closed", ready for mrkdwn; a state its kind declares shows its own emoji and label. */
export function statusMarker(state: string, look?: StateLook): string {
  if (look) return look.emoji ? `${look.emoji} ${look.label}` : look.label;
  const marker = MARKERS[state];
  return marker ? `${marker.emoji} ${marker.label}` : state;
}

/** "Closed", for plain text. */
export function statusLabel(state: string, look?: StateLook): string {
  return look?.label ?? MARKERS[state]?.label ?? state;
}

/**
 * Cutting and cleaning text that goes back out to people. Every cut lands on a grapheme boundary
 * (`Intl.Segmenter`), so no message holds half an emoji or a lone surrogate, and everything here
 * is linear in the text's length.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Cuts `text` to at most `max` UTF-16 units, ending with `ellipsis` when anything was cut. */
export function cutGraphemes(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - ellipsis.length);
  let end = 0;
  // Only the kept prefix (and one grapheme past it) is segmented, however long the text.
  for (const { index, segment } of segmenter.segment(text.slice(0, room + 64))) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end)}${ellipsis}`;
}

// ANSI escape sequences (CSI, OSC and two-character escapes), removed whole so no stray "[31m" is left.
const ANSI =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escapes is the point.
  /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[@-Z\\-_])|\u009B[0-?]*[ -/]*[@-~]/g;
// C0 and C1 controls, bidi embeddings, overrides and isolates, zero-width and other invisible formatting.
const UNSEEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: each control character is removed on its own.
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text with terminal escapes, control, bidi and invisible characters and lone surrogates removed. */
export function stripUnsafe(text: string): string {
  return text.replace(ANSI, "").replace(UNSEEN, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** Longest piece of a person's own text that a reply quotes back. */
export const MAX_ECHO = 80;

/**
 * User text as a reply quotes it: cleaned, on one line, cut to `max`, and unable to ping anyone on
 * any platform. "@" becomes a full-width "＠" and angle brackets become "‹ ›", so neither Slack's
 * `<!channel>` / `<@U1>` nor Discord's `@everyone` / `<@123>` is a mention any more.
 */
export function echo(text: string, max = MAX_ECHO): string {
  const cleaned = stripUnsafe(text.slice(0, max * 4).replace(/\s+/g, " "))
    .trim()
    .replaceAll("@", "＠")
    .replaceAll("<", "‹")
    .replaceAll(">", "›");
  return cutGraphemes(cleaned, max);
}

/** True when a string holds a UTF-16 surrogate without its other half. */
export function hasLoneSurrogate(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text);
}

/** Text with every lone surrogate replaced by U+FFFD, as a UTF-8 encoder would; well-formed text is unchanged. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

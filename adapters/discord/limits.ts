import type { APIEmbed, APIEmbedField } from "discord.js";
import { cutGraphemes } from "../../src/text/clean.ts";

/** Discord's message and embed limits; a message over any of them is rejected with a 400. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author name, summed over all embeds. */
  embedTotal: 6000,
} as const;

/**
 * Cuts text to `max` characters with an ellipsis, on a grapheme boundary. JavaScript counts
 * UTF-16 units, never fewer than the characters Discord counts, so the result always fits. A trailing backslash is
 * dropped so an escape cut in half cannot swallow the ellipsis.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Cut on a grapheme boundary, so no emoji loses half its surrogate pair.
  return `${cutGraphemes(text, max - 1, "").replace(/\\+$/, "")}…`;
}

/**
 * Joins whole lines up to `max` characters; the lines that do not fit are counted in a last
 * line from `more`, so a list of links is never cut in the middle of one.
 */
export function joinLines(lines: string[], max: number, more: (hidden: number) => string): string {
  const kept: string[] = [];
  for (const [index, line] of lines.entries()) {
    const hidden = lines.length - index - 1;
    const room = max - kept.join("\n").length - (kept.length > 0 ? 1 : 0);
    const tail = hidden > 0 ? 1 + more(hidden).length : 0;
    if (line.length + tail <= room) {
      kept.push(line);
    } else if (kept.length === 0) {
      kept.push(truncate(line, Math.max(1, room - tail)));
    } else {
      kept.push(more(hidden + 1));
      break;
    }
  }
  return truncate(kept.join("\n"), max);
}

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

/**
 * Fits an embed within every limit. Fields are ordered most important first by the renderers,
 * so whole fields are dropped from the end before the description is shortened.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncate(fitted.title, LIMITS.title);
  if (fitted.description !== undefined) fitted.description = truncate(fitted.description, LIMITS.description);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, LIMITS.footer) };
  if (fitted.author)
    fitted.author = { ...fitted.author, name: truncate(fitted.author.name, LIMITS.authorName) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, LIMITS.fields).map(
      (field): APIEmbedField => ({
        ...field,
        name: truncate(field.name, LIMITS.fieldName),
        value: truncate(field.value, LIMITS.fieldValue),
      }),
    );
    while (embedLength(fitted) > LIMITS.embedTotal && fitted.fields.length > 0) fitted.fields.pop();
  }
  const excess = embedLength(fitted) - LIMITS.embedTotal;
  if (excess > 0 && fitted.description !== undefined) {
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - excess));
  }
  return fitted;
}

import type { Answer, Caveat, DateRef, SourceRef } from "../engine/answer.ts";
import { citeSource, sourceName } from "../engine/messages.ts";
import { formatDated } from "../knowledge/dates.ts";
import { OUR_TITLE } from "../messages/catalogue.ts";

/**
 * An answer split into the parts a chat surface shows in places of its own: the main text without
 * the caveat sentences and source citations (which get a context line, a footer, a list), the
 * caveats, the sources, and the dates the main text already says. A surface that renders from
 * these says each caveat, date and source once.
 */
export interface AnswerParts {
  /** The answer's own sentences: `text` without caveats, "Source: …" lines or (when asked) the verdict word. */
  body: string;
  caveats: Caveat[];
  sources: SourceRef[];
  /** Day-precise dates of the answer that the body says, by their plain form ("20 Nov 2024"). */
  datesInBody: Map<string, DateRef>;
}

/** Every date an answer carries, by its plain form. */
function answerDates(answer: Answer): Map<string, DateRef> {
  const refs: DateRef[] = [
    ...answer.statuses.flatMap((s) => [s.since, s.asOf]),
    ...answer.sources.map((s) => s.published),
    ...answer.facts.flatMap((f) => (f.when ? [f.when] : [])),
  ];
  return new Map(refs.map((ref) => [formatDated(ref), ref]));
}

const squeeze = (text: string) =>
  text
    .replace(/[ \t]+/g, " ")
    .replace(/ ([.,;:])/g, "$1")
    .trim();

export function answerParts(answer: Answer, options: { dropVerdictWord?: boolean } = {}): AnswerParts {
  let body = answer.text;
  for (const caveat of answer.caveats) body = body.replace(caveat.text, "");
  for (const source of answer.sources) body = body.replace(`Source: ${citeSource(source)}.`, "");
  if (options.dropVerdictWord && (answer.verdict === "yes" || answer.verdict === "no"))
    body = body.replace(/^(Yes|No)\.\s+/, "");
  body = squeeze(body);
  const datesInBody = new Map([...answerDates(answer)].filter(([plain]) => body.includes(plain)));
  return { body, caveats: answer.caveats, sources: answer.sources, datesInBody };
}

/** Whether the body already names a source's outlet ("per The Washington Times"). */
export function bodyNames(parts: AnswerParts, source: SourceRef): boolean {
  if (source.reportedBy) return parts.body.includes(source.reportedBy);
  return parts.body.includes(sourceName(source)) || parts.body.includes(source.publisher);
}

/** A headline as the reader must see it: one the base wrote for an untitled article is marked as ours. */
export function headlineOf(source: SourceRef): { headline: string; ours: boolean } {
  return { headline: source.headline, ours: source.descriptiveHeadline === true };
}

export { OUR_TITLE };

import type { Answer, Caveat, CaveatKind, DateRef, SourceRef } from "../engine/answer.ts";
import { citeSource, sourceName } from "../engine/language/sentences.ts";
import { formatDated, isRough } from "../knowledge/dates.ts";
import { OUR_TITLE } from "../messages/catalogue.ts";
import { calendarDateForms } from "../messages/format.ts";

/**
 * An answer split into the parts a chat surface shows in places of its own: the main text without
 * the caveat sentences and source citations (which get a context line, a footer, a list), the
 * caveats, the sources, and the dates the main text already says. A surface that renders from
 * these says each caveat, date and source once.
 */
export interface AnswerParts {
  /** The answer's own sentences: `text` without caveats, "Source: …" lines or (when asked) the verdict word. */
  body: string;
  /** The caveats shown apart from the body; the rest stay in it. */
  caveats: Caveat[];
  sources: SourceRef[];
  /** Dates of the answer that the body says, by each form it is written in ("20 Nov 2024", "20 November 2024"). */
  datesInBody: Map<string, DateRef>;
  /** Dates said so far by the body and by whatever a surface has added; see `sayOnce`. */
  said: Set<string>;
}

/** True the first time a date comes up in a rendering (and marks it said); false once it has been said. */
export function sayOnce(parts: AnswerParts, ref: DateRef): boolean {
  if (parts.said.has(formatDated(ref))) return false;
  for (const form of dateForms(ref)) parts.said.add(form);
  return true;
}

/** The ways a text writes a date; one known only roughly ("between 10 and 14 May 2026") only as a whole. */
function dateForms(ref: DateRef): string[] {
  return isRough(ref) ? [formatDated(ref)] : calendarDateForms(ref.date, ref.precision);
}

/** Every date an answer carries, by each form a text may write it in. */
function answerDates(answer: Answer): Map<string, DateRef> {
  const refs: DateRef[] = [
    ...answer.statuses.flatMap((s) => [s.since, s.asOf]),
    ...answer.sources.map((s) => s.published),
    ...answer.facts.flatMap((f) => (f.when ? [f.when] : [])),
  ];
  return new Map(refs.flatMap((ref) => dateForms(ref).map((form) => [form, ref] as const)));
}

/** Whether `text` says the date written `form`: "May 2022" is not said by "8 May 2022". */
function says(text: string, form: string): boolean {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<!\\d\\s?)${escaped}(?!\\d)`).test(text);
}

/** Whether a text says a date the rendering has already given. */
export function repeatsADate(parts: AnswerParts, text: string): boolean {
  return [...parts.said].some((form) => says(text, form));
}

const squeeze = (text: string) =>
  text
    .replace(/[ \t]+/g, " ")
    .replace(/ ([.,;:])/g, "$1")
    .trim();

/**
 * Caveats that stand beside the answer: an old report, an assumed subject, a part not covered, a
 * qualifier. The others (the premise is not supported, the cause is not the one asked, no forecast,
 * only an expectation) are the answer to what was asked, so they stay in the text, where it leads.
 */
const ASIDES = new Set<CaveatKind>(["stale", "assumed", "uncovered", "uncovered-part", "qualifier"]);

export function answerParts(answer: Answer, options: { dropVerdictWord?: boolean } = {}): AnswerParts {
  const asides = answer.caveats.filter((caveat) => ASIDES.has(caveat.kind));
  let body = answer.text;
  for (const caveat of asides) body = body.replace(caveat.text, "");
  for (const source of answer.sources) body = body.replace(`Source: ${citeSource(source)}.`, "");
  // "No. The embassy…" or "No: the closure…": the surface shows the verdict itself.
  const word = answer.verdict === "yes" ? "Yes" : answer.verdict === "no" ? "No" : undefined;
  if (options.dropVerdictWord && word)
    body = body.replace(new RegExp(`^${word}[.:]\\s+(\\S)`), (_, first: string) => first.toUpperCase());
  body = squeeze(body);
  // A headline the base wrote is marked wherever it is shown, the answer's own sentences included.
  for (const source of answer.sources)
    if (source.descriptiveHeadline && body.includes(source.headline))
      body = body.replaceAll(source.headline, `${source.headline} ${OUR_TITLE}`);
  const datesInBody = new Map([...answerDates(answer)].filter(([form]) => says(body, form)));
  // Dates the caveats say count as said too: they are shown beside the body.
  const caveatText = asides.map((c) => c.text).join(" ");
  const inCaveats = [...answerDates(answer)].filter(([form]) => says(caveatText, form)).map(([, ref]) => ref);
  const said = new Set([...datesInBody.values(), ...inCaveats].flatMap((ref) => dateForms(ref)));
  // A source the text already gives whole (outlet, headline and date) is not listed again.
  const sources = answer.sources.filter(
    (source) =>
      !(
        body.includes(source.headline) &&
        body.includes(source.publisher) &&
        calendarDateForms(source.published.date, source.published.precision).some((form) => says(body, form))
      ),
  );
  return { body, caveats: asides, sources, datesInBody, said };
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

import type { Certainty, EventType, State } from "../knowledge/schema.ts";
import type { Article, ArticleDate } from "./article.ts";
import type { BaseReader, NewThing } from "./baseReader.ts";
import { type DraftDate, dateNear, lastDayIn, referenceInstant } from "./dates.ts";
import { clausesOf, resolveMentions, subjectsOf } from "./mentions.ts";
import { sentencesOf, tagsAt, tokenize } from "./text.ts";
import {
  BACKGROUND_OPENERS,
  CERTAINTY_CUES,
  CONTINUING_WORDS,
  DETERMINERS,
  FUTURE_WORDS,
  HEDGES,
  NEGATIONS,
  PARTIAL_WORDS,
  PERFECT_AUXILIARIES,
  PREPOSITIONS,
  RELATIVE_PRONOUNS,
  SAME_AS_BEFORE,
  SAME_TIME,
  SPEECH_VERBS,
} from "./vocabulary.ts";

export { BaseReader, type NewThing } from "./baseReader.ts";
export type { DraftDate } from "./dates.ts";
export { resolveMentions } from "./mentions.ts";

/** A drafted status change, in the base's timeline schema, with the sentence it rests on. */
export interface DraftChange {
  /** The tracked thing, or the new thing's id. */
  entity: string;
  newThing?: NewThing;
  type: EventType;
  state: State;
  /** The thing's state in the base just before this change, when it has one. */
  previous?: State;
  effective: DraftDate;
  temporary: boolean;
  reason?: string;
  source: string;
  paragraph: number;
  certainty: Certainty;
  qualifier?: string;
  sentence: string;
}

/** A drafted fact: one claim about tracked things, with who made it and how sure the wording is. */
export interface DraftFact {
  id: string;
  about: string[];
  statement: string;
  source: string;
  paragraph: number;
  attribution: string;
  certainty: Certainty;
  sentence: string;
}

/** The source record, in the base's schema. */
export interface DraftSource {
  id: string;
  publisher: string;
  headline: string;
  author?: string;
  published: ArticleDate;
  dateInferred?: string;
  notes: string[];
}

export interface Draft {
  source: DraftSource;
  changes: DraftChange[];
  facts: DraftFact[];
  newThings: NewThing[];
}
/** Drafts an article against a base: its source record, status changes and candidate facts. */
export function draftArticle(
  article: Article,
  reader: BaseReader,
  options: { sourceId?: string } = {},
): Draft {
  const published = article.published ?? { date: new Date().toISOString().slice(0, 10), precision: "day" };
  const source: DraftSource = {
    id: options.sourceId ?? sourceId(article, published),
    publisher: article.publisher ?? "Unknown publisher",
    headline: article.headline ?? "Untitled article",
    published,
    notes: [],
  };
  if (article.author) source.author = article.author;
  if (article.dateInferred) source.dateInferred = article.dateInferred;
  else if (!article.published)
    source.dateInferred =
      "The article carries no date: today's date was put here. Replace it with the article's.";
  if (!article.publisher) source.notes.push("No publisher was found in the article: name it here.");

  const reference = referenceInstant(published);
  const changes: DraftChange[] = [];
  const undatedStills = new Set<DraftChange>();
  const facts: DraftFact[] = [];
  const newThings = new Map<string, NewThing>();
  const recent: string[] = [];
  const seen = new Set<string>();
  // The thing's state in the base just before a date: what the drafted change changes.
  const stateBefore = (id: string, date: string): State | undefined => {
    let state: State | undefined;
    for (const event of reader.base.timelines.get(id) ?? [])
      if (event.type !== "expected" && event.effective.date.slice(0, 10) < date.slice(0, 10))
        state = event.state;
    return state;
  };

  for (const paragraph of article.paragraphs) {
    let lastSubjects: string[] = [];
    // The day the paragraph's story has reached: a sentence with no date of its own goes on from it.
    let story: string | undefined;
    let lastChange: { state: State; date: string } | undefined;
    const quotes = quotedSpans(paragraph.text);
    let cursor = 0;
    for (const sentence of sentencesOf(paragraph.text)) {
      const sentenceStart = Math.max(0, paragraph.text.indexOf(sentence, cursor));
      cursor = sentenceStart + sentence.length;
      const tokens = tokenize(sentence);
      const tags = tagsAt(sentence, tokens);
      let sentenceSubjects: string[] = [];
      const mentions = resolveMentions(sentence, tokens, tags, reader, recent, newThings);
      const trackedHere = new Set(mentions.flatMap((m) => m.ids));
      for (const clause of clausesOf(sentence, tokens, tags)) {
        const clauseMentions = mentions.filter((m) => m.first >= clause.first && m.last <= clause.last);
        const triggers = reader.triggersIn(tokens.slice(clause.first, clause.last + 1)).map((t) => ({
          ...t,
          first: t.first + clause.first,
          last: t.last + clause.first,
        }));
        const clauseText = sentence.slice(
          tokens[clause.first]?.start ?? 0,
          tokens[clause.last]?.end ?? sentence.length,
        );
        // "and the Port of Aarhus followed an hour later": the change before, for the thing named here.
        const same = triggers.length === 0 && lastChange ? SAME_AS_BEFORE.exec(clauseText) : null;
        if (same && lastChange) {
          const at = clause.first + tokenize(clauseText.slice(0, same.index)).length;
          triggers.push({ first: at, last: at, state: lastChange.state });
        }
        for (const trigger of triggers) {
          const before = tokens
            .slice(Math.max(clause.first, trigger.first - 3), trigger.first)
            .map((t) => t.norm);
          if (
            before.some(
              (w) =>
                NEGATIONS.has(w) ||
                /^(?:do|did|does|wo|ca|is|was|are|were|has|have|had|would|could|should)nt$/.test(w),
            )
          )
            continue;
          const lead = tokens.slice(clause.first, trigger.first).map((t) => t.norm);
          if (lead.some((w) => HEDGES.has(w))) continue;
          // "close contact", "closing arguments": a state word qualifying a noun says nothing of a state.
          if (
            trigger.first === trigger.last &&
            tags[trigger.last] === "ADJ" &&
            tags[trigger.last + 1] === "NOUN"
          )
            continue;
          if (
            tags[trigger.first] === "NOUN" &&
            trigger.first === trigger.last &&
            tags[trigger.first + 1] === "NOUN"
          )
            continue;
          // "its reopening", "no closure", "the reopened embassy": a state word after a determiner
          // names a change or describes a thing, it does not report a change.
          if (DETERMINERS.has(tokens[trigger.first - 1]?.norm ?? "")) continue;
          // "after a two-day closure", "during the long suspension": a state noun in a noun phrase.
          if (tags[trigger.first] === "NOUN") {
            let k = trigger.first - 1;
            while (k >= 0 && /^(?:ADJ|NUM|NOUN|PROPN)$/.test(tags[k] ?? "")) k--;
            const word = tokens[k]?.norm ?? "";
            if (DETERMINERS.has(word) || PREPOSITIONS.has(word) || BACKGROUND_OPENERS.has(word)) continue;
          }
          let subjects = subjectsOf(trigger, clauseMentions, sentence, tokens, tags);
          // "the field hospital, which opened on Friday": the thing named just before the clause.
          if (subjects.length === 0 && RELATIVE_PRONOUNS.has(tokens[clause.first]?.norm ?? "")) {
            const antecedent = mentions
              .filter((m) => m.last < clause.first && m.ids.length > 0 && !m.modifier)
              .pop();
            if (antecedent && antecedent.last >= clause.first - 2) subjects = antecedent.ids;
          }
          // "restarted a reduced service on Thursday, and returned to its full timetable on Sunday": a
          // clause that opens on its verb shares the subject of the clause before it.
          const opening = tokens[clause.first]?.norm === "and" ? clause.first + 1 : clause.first;
          if (
            subjects.length === 0 &&
            opening <= trigger.first &&
            (tags[opening] === "VERB" || tags[opening] === "AUX")
          )
            subjects = sentenceSubjects;
          // "It reopened", "they were shut": a pronoun that is the clause's subject, with no noun
          // between it and the state word, is the thing last spoken of.
          const pronoun = lead.findIndex((w) => w === "it" || w === "they");
          if (
            subjects.length === 0 &&
            pronoun >= 0 &&
            tags
              .slice(clause.first + pronoun + 1, trigger.first)
              .every((tag) => tag !== "NOUN" && tag !== "PROPN")
          )
            subjects = lastSubjects.length > 0 ? lastSubjects : recent.slice(-1);
          if (subjects.length === 0) continue;
          let state = trigger.state;
          const clauseWords = tokens.slice(clause.first, clause.last + 1).map((t) => t.norm);
          if (state === "open" && clauseWords.some((w) => PARTIAL_WORDS.has(w))) state = "limited";
          // "will stay open", "is expected to remain shut": a forecast, even of a state that holds now.
          // "is to reopen on Friday": "to be" + "to" is a forecast too.
          const beTo = lead.findIndex((w, k) => /^(?:is|are)$/.test(w) && lead[k + 1] === "to");
          const future = beTo >= 0 ? beTo : lead.findIndex((w) => FUTURE_WORDS.has(w));
          const continuing = lead.findIndex((w) => CONTINUING_WORDS.has(w));
          let type: EventType =
            future >= 0 && (continuing < 0 || future < continuing)
              ? "expected"
              : continuing >= 0
                ? "still"
                : "change";
          const sentenceOffset = tokens[trigger.first]?.start ?? 0;
          // "shut at the same time as the motorway": when the article's last change to that state was.
          const sameTime = SAME_TIME.test(clauseText)
            ? changes
                .filter((c) => c.type === "change" && c.state === state)
                .pop()
                ?.effective.date.slice(0, 10)
            : undefined;
          const storyDay = same && lastChange ? lastChange.date : (sameTime ?? story);
          const explicit =
            dateNear(
              clauseText,
              reference,
              type,
              (tokens[trigger.first]?.start ?? 0) - (tokens[clause.first]?.start ?? 0),
              storyDay,
            ) ??
            // A forecast's date is in its own clause: "closed on Monday and will stay shut" forecasts no Monday.
            (type === "expected" ? undefined : dateNear(sentence, reference, type, sentenceOffset, storyDay));
          const when =
            explicit ??
            // A speaker's undated words ("we had no choice but to shut the border") restate the
            // report around them; only a quotation with a date of its own is drafted.
            (quotes.some(
              ([from, to]) => sentenceStart + sentenceOffset > from && sentenceStart + sentenceOffset < to,
            )
              ? undefined
              : undatedWhen(type, lead, storyDay, article.published));
          if (!when) continue;
          // "announced they would be closing the embassy" on the day: a future in the past whose
          // day has come by the time of the article reports the change.
          if (type === "expected" && lead[future] === "would" && when.date.slice(0, 10) <= published.date)
            type = "change";
          const undated = !explicit;
          // A time is kept only where the base says which zone its times are in.
          if (!reader.base.topic.info.timeZone && when.date.length > 10) {
            when.date = when.date.slice(0, 10);
            when.precision = "day";
          }
          if (when.date.slice(0, 10) > published.date && type !== "expected") continue;
          const certainty = certaintyOf(sentence);
          const temporary =
            /\btemporar/i.test(sentence) || type === "expected" ? /\btemporar/i.test(sentence) : false;
          for (const entity of subjects) {
            const key = `${entity}|${state}|${type}|${when.date}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const change: DraftChange = {
              entity,
              type,
              state,
              effective: when,
              temporary,
              source: source.id,
              paragraph: paragraph.n,
              certainty: certainty === "under-consideration" ? "reported" : certainty,
              sentence,
            };
            const previous = stateBefore(entity, when.date);
            if (previous) change.previous = previous;
            const thing = newThings.get(entity);
            if (thing) change.newThing = thing;
            const qualifier = qualifierOf(sentence);
            if (qualifier) change.qualifier = qualifier;
            const reason = reasonOf(sentence);
            if (reason) change.reason = reason;
            changes.push(change);
            if (undated && type === "still") undatedStills.add(change);
          }
          lastSubjects = subjects;
          sentenceSubjects = subjects;
          if (type === "change") lastChange = { state, date: when.date.slice(0, 10) };
        }
      }
      const day = lastDayIn(sentence, reference, story);
      if (day && day <= published.date.slice(0, 10)) story = day;
      const about = [...trackedHere].filter((id) => reader.tracked.has(id));
      if (about.length > 0) {
        for (const id of about) {
          const at = recent.indexOf(id);
          if (at >= 0) recent.splice(at, 1);
          recent.push(id);
        }
        const attribution = attributionOf(sentence, source.publisher);
        const certainty = certaintyOf(sentence);
        if (attribution.said || certainty !== "confirmed")
          facts.push({
            id: `${source.id.slice(0, 40).replace(/-+$/, "")}-p${paragraph.n}-${facts.filter((f) => f.paragraph === paragraph.n).length + 1}`,
            about,
            statement: sentence,
            source: source.id,
            paragraph: paragraph.n,
            attribution: attribution.text,
            certainty: attribution.said || certainty !== "confirmed" ? certainty : "reported",
            sentence,
          });
      }
    }
  }
  // "was shut on Tuesday … and has stayed closed": an undated `still` of a change this article
  // reports says that change again; so does a `still` on the very day of such a change.
  const kept = changes.filter(
    (c) =>
      c.type !== "still" ||
      !changes.some(
        (o) =>
          o.entity === c.entity &&
          o.type === "change" &&
          o.state === c.state &&
          (undatedStills.has(c)
            ? o.effective.date <= c.effective.date
            : o.effective.date === c.effective.date),
      ),
  );
  return { source, changes: kept, facts, newThings: [...newThings.values()] };
}

function sourceId(article: Article, published: ArticleDate): string {
  const slug = (text: string, words: number) =>
    tokenize(text)
      .map((t) => t.norm)
      .filter((w) => /^[a-z0-9]+$/.test(w) && !["the", "a", "an", "of", "and", "in", "on", "to"].includes(w))
      .slice(0, words)
      .join("-");
  const parts = [slug(article.publisher ?? "", 3), published.date, slug(article.headline ?? "article", 4)];
  return parts.filter(Boolean).join("-").slice(0, 80).replace(/-+$/, "");
}
/** Where a paragraph quotes someone: each pair of quotation marks, or an open one to the paragraph's end. */
export function quotedSpans(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const match of text.matchAll(/“[^”]*(?:”|$)|"[^"]*(?:"|$)/g))
    out.push([match.index, match.index + match[0].length]);
  return out;
}

/**
 * The date of a change whose sentence gives none: a `still` holds on the article's date; a change
 * goes on from the day the paragraph has reached, or else is the article's date. Nothing is guessed
 * where the article has no date, for a forecast, or for a perfect ("has been suspended"), which says
 * only that it happened at some time before.
 */
function undatedWhen(
  type: EventType,
  lead: readonly string[],
  story: string | undefined,
  published: ArticleDate | undefined,
): DraftDate | undefined {
  if (type === "expected" || !published) return undefined;
  if (type === "still") return { date: published.date, precision: published.precision };
  if (lead.slice(-3).some((w) => PERFECT_AUXILIARIES.has(w))) return undefined;
  if (story) return { date: story, precision: "day" };
  return { date: published.date, precision: published.precision };
}

function certaintyOf(sentence: string): Certainty {
  for (const [pattern, certainty] of CERTAINTY_CUES) if (pattern.test(sentence)) return certainty;
  return "confirmed";
}

/** The words that qualify a claim and must travel with it ("according to multiple media reports"). */
function qualifierOf(sentence: string): string | undefined {
  const match = /\b(according to (?:multiple |several |some )?(?:media |press )?reports?)\b/i.exec(sentence);
  return match?.[1]?.toLowerCase();
}

/** The cause the sentence gives ("after receiving …", "because of …", "as a result of …"). */
function reasonOf(sentence: string): string | undefined {
  const match = /\b(?:because of|because|due to|as a result of|after|following)\s+([^.;]+)/i.exec(sentence);
  if (!match?.[1]) return undefined;
  const cause = match[1].replace(/[,\s]+$/, "").trim();
  return cause.split(/\s+/).length >= 2 ? `${cause.charAt(0).toUpperCase()}${cause.slice(1)}.` : undefined;
}

/** Who the sentence says said it: "said Pentagon spokesman John Kirby", "Lindqvist said", "according to …". */
function attributionOf(sentence: string, publisher: string): { text: string; said: boolean } {
  const after =
    /\b(?:said|says|told reporters|warned|announced|added)\s+((?:[A-Z][\p{L}.'’-]*\s*){1,6}(?:,\s*[^,.]{3,60})?)/u.exec(
      sentence,
    );
  if (after?.[1] && !/^(?:The|That|It|On|In)\b/.test(after[1]))
    return { text: after[1].replace(/[,\s]+$/, ""), said: true };
  const before =
    /((?:[A-Z][\p{L}.'’-]*\s+){0,5}[A-Z][\p{L}.'’-]*|officials|[a-z]+ officials)\s+(?:said|says|told|warned|announced|added|confirmed)\b/u.exec(
      sentence,
    );
  if (before?.[1] && !/^(?:The|It|He|She|They|We)$/.test(before[1])) return { text: before[1], said: true };
  const according = /\baccording to ([^,.;]+)/i.exec(sentence);
  if (according?.[1]) return { text: according[1].trim(), said: true };
  return { text: `reported by ${publisher}`, said: SPEECH_VERBS.test(sentence) };
}

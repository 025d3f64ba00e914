import pluralize from "pluralize";
import { isEnglishWord } from "../engine/language/english.ts";
import type { KnowledgeBase } from "../knowledge/base.ts";
import type { Certainty, EventType, State } from "../knowledge/schema.ts";
import type { Article, ArticleDate } from "./article.ts";
import { type DraftDate, dateNear, lastDayIn, referenceInstant } from "./dates.ts";
import { fold, sentencesOf, type Token, tagsAt, tokenize } from "./text.ts";
import {
  BACKGROUND_OPENERS,
  CERTAINTY_CUES,
  CLAUSE_BREAKS,
  CONTINUING_WORDS,
  DETERMINERS,
  FUTURE_WORDS,
  HEDGES,
  LINKING_WORDS,
  NEGATIONS,
  PARTIAL_WORDS,
  PERFECT_AUXILIARIES,
  PREPOSITIONS,
  RELATIVE_PRONOUNS,
  SAME_AS_BEFORE,
  SAME_TIME,
  SPEECH_VERBS,
  STATE_ADJECTIVES,
  STATE_PHRASES,
} from "./vocabulary.ts";

export type { DraftDate } from "./dates.ts";

/** A thing the article names that the base does not have yet, of one of the base's declared kinds. */
export interface NewThing {
  id: string;
  name: string;
  kind: string;
}

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

interface Pattern {
  words: string[];
  /** Which words match any word they begin ("reopen*", "emergenc* only"). */
  prefix: boolean[];
}

interface Mention {
  first: number;
  last: number;
  ids: string[];
  newThing?: NewThing;
  /** Named where it only says where another thing is ("trails on the South Rim"): never a subject. */
  modifier?: boolean;
  /** Named by its place or owner ("Aarhus" for its port): a subject before the state word, never an object after it. */
  byPlace?: boolean;
}

interface Trigger {
  first: number;
  last: number;
  state: State;
}

/**
 * What the drafter knows of a base: the names of its things, which of them it tracks, the nouns for
 * each tracked thing (its kind's nouns, and the head noun of its names), the state words it adds.
 * Nothing here is about a topic: it is all read from the base.
 */
export class BaseReader {
  readonly tracked = new Set<string>();
  private readonly names = new Map<string, Array<{ pattern: Pattern; id: string }>>();
  private readonly nouns = new Map<string, Set<string>>();
  private readonly triggers = new Map<string, Array<{ pattern: Pattern; state: State }>>();
  /** Things of each place or owner: "Aarhus" stands for the port in it when only one is tracked there. */
  private readonly thingsOf = new Map<string, Set<string>>();
  readonly declaredNouns = new Map<string, string>();

  constructor(readonly base: KnowledgeBase) {
    const declared = base.topic.kinds;
    for (const [id, events] of base.timelines) if (events.length > 0) this.tracked.add(id);
    for (const entity of base.entities.values())
      if (declared.has(entity.kind) && entity.kind !== "person") this.tracked.add(entity.id);
    for (const entity of base.entities.values()) {
      const spellings = [entity.name, ...entity.aliases, ...(entity.corrections ?? []).map((c) => c.curator)];
      for (const spelling of spellings) this.addName(spelling, entity.id);
    }
    const demonyms = new Set(
      [...base.entities.values()].flatMap((e) =>
        e.demonyms.map((d) =>
          tokenize(d)
            .map((t) => t.norm)
            .join(" "),
        ),
      ),
    );
    for (const entity of base.entities.values()) {
      if (!this.tracked.has(entity.id)) continue;
      const heads = new Set<string>();
      for (const noun of declared.get(entity.kind)?.nouns ?? []) heads.add(lastWord(noun));
      for (const spelling of [entity.name, ...entity.aliases]) {
        const head = headNoun(spelling);
        // An ordinary English noun, not a name ("Consulado de Chile" is built on no noun of ours).
        if (head && isEnglishWord(head) && !this.isOneWordName(head)) heads.add(head);
      }
      // A thing is also named by its name without its kind's noun: "Kazipara" for "Kazipara metro station".
      const nouns = [...(declared.get(entity.kind)?.nouns ?? []), ...heads].map((n) =>
        tokenize(n).map((t) => t.norm),
      );
      for (const spelling of [entity.name, ...entity.aliases]) {
        const words = tokenize(spelling).map((t) => t.norm);
        for (const noun of nouns.sort((a, b) => b.length - a.length)) {
          if (noun.length === 0 || noun.length >= words.length) continue;
          if (words.slice(-noun.length).join(" ") !== noun.join(" ")) continue;
          let rest = words.slice(0, -noun.length);
          while (rest.length > 1 && nouns.some((n) => n.length === 1 && n[0] === rest[rest.length - 1]))
            rest = rest.slice(0, -1);
          const bare = rest.join(" ");
          if (rest.length === 1 && isEnglishWord(bare)) break;
          // "Chilean consulate" is not the consulate's name without its noun: "Chilean" is Chile's people.
          if (demonyms.has(bare)) break;
          if (
            !this.names.has(rest[0] as string) ||
            !this.names.get(rest[0] as string)?.some((n) => n.pattern.words.join(" ") === bare)
          )
            this.addName(bare, entity.id);
          break;
        }
      }
      for (const head of heads) {
        for (const form of [head, pluralize.plural(head)]) {
          const set = this.nouns.get(form) ?? new Set();
          set.add(entity.id);
          this.nouns.set(form, set);
        }
      }
      const relations = base.relations.get(entity.id);
      for (const place of [
        relations?.location,
        relations?.owner,
        relations?.partOf,
        ...base.placesOf(entity.id),
      ])
        if (place) {
          const set = this.thingsOf.get(place) ?? new Set();
          set.add(entity.id);
          this.thingsOf.set(place, set);
        }
    }
    for (const [kindId, kind] of declared)
      for (const noun of kind.nouns)
        if (noun.split(/\s+/).length <= 3) this.declaredNouns.set(fold(noun), kindId);
    for (const [phrase, state] of STATE_PHRASES) this.addTrigger(phrase, state);
    for (const [state, words] of Object.entries(base.topic.info.stateWords))
      if (isState(state)) for (const word of words) this.addTrigger(word, state);
  }

  /** Whether a word is by itself the name of a thing ("Aarhus"), not just the first word of one ("Port of …"). */
  private isOneWordName(word: string): boolean {
    return this.names.get(word)?.some((n) => n.pattern.words.length === 1) ?? false;
  }

  private addName(spelling: string, id: string): void {
    const words = tokenize(spelling).map((t) => t.norm);
    if (words.length === 0 || (words.length === 1 && (words[0] as string).length < 3)) return;
    const list = this.names.get(words[0] as string) ?? [];
    list.push({ pattern: { words, prefix: words.map(() => false) }, id });
    this.names.set(words[0] as string, list);
  }

  private addTrigger(phrase: string, state: State): void {
    const words: string[] = [];
    const prefix: boolean[] = [];
    for (const part of phrase.split(/\s+/)) {
      const partWords = tokenize(part.replace(/\*$/, "")).map((t) => t.norm);
      partWords.forEach((word, k) => {
        words.push(word);
        prefix.push(part.endsWith("*") && k === partWords.length - 1);
      });
    }
    if (words.length === 0) return;
    const key = prefix[0] ? `*${(words[0] as string).slice(0, 3)}` : (words[0] as string);
    const list = this.triggers.get(key) ?? [];
    list.push({ pattern: { words, prefix }, state });
    this.triggers.set(key, list);
  }

  /** Names of things at each word, longest first; tracked things are preferred to others of that name. */
  mentions(tokens: readonly Token[]): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < tokens.length; ) {
      let best: { length: number; ids: string[] } | undefined;
      for (const { pattern, id } of this.names.get((tokens[i] as Token).norm) ?? []) {
        if (!matches(tokens, i, pattern)) continue;
        const length = pattern.words.length;
        if (!best || length > best.length) best = { length, ids: [id] };
        else if (length === best.length && !best.ids.includes(id)) best.ids.push(id);
      }
      if (best) {
        out.push({ first: i, last: i + best.length - 1, ids: best.ids });
        i += best.length;
      } else i++;
    }
    return out;
  }

  triggersIn(tokens: readonly Token[]): Trigger[] {
    const out: Trigger[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const word = (tokens[i] as Token).norm;
      const candidates = [
        ...(this.triggers.get(word) ?? []),
        ...(this.triggers.get(`*${word.slice(0, 3)}`) ?? []),
      ];
      let best: Trigger | undefined;
      for (const { pattern, state } of candidates) {
        if (!matches(tokens, i, pattern)) continue;
        const last = i + pattern.words.length - 1;
        if (!best || last > best.last) best = { first: i, last, state };
      }
      const adjective = STATE_ADJECTIVES.find(([w]) => w === word);
      if (!best && adjective && LINKING_WORDS.has(tokens[i - 1]?.norm ?? ""))
        best = { first: i, last: i, state: adjective[1] };
      if (best) {
        // "stopped running": the first state word governs the next one.
        const previous = out[out.length - 1];
        if (!previous || previous.last !== i - 1) out.push(best);
        i = best.last;
      }
    }
    return out;
  }

  /** The tracked things a kind noun may mean ("the port"). */
  thingsCalled(noun: string): ReadonlySet<string> | undefined {
    return this.nouns.get(noun);
  }

  /** The tracked things in, of or part of a place or owner. */
  thingsAt(id: string): ReadonlySet<string> | undefined {
    return this.thingsOf.get(id);
  }
}

function isState(value: string): value is State {
  return value === "open" || value === "closed" || value === "limited" || value === "suspended";
}

function lastWord(phrase: string): string {
  const words = tokenize(phrase);
  return words[words.length - 1]?.norm ?? "";
}

/** The noun a name is built on: "Port of Gothenburg" → port, "Somport tunnel" → tunnel. */
function headNoun(name: string): string | undefined {
  const words = tokenize(name).map((t) => t.norm);
  if (words.length < 2) return undefined;
  const of = words.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w) && w !== "and");
  const head = of > 0 ? words[of - 1] : words[words.length - 1];
  return head && head.length >= 3 && /^[a-z]+$/.test(head) ? head : undefined;
}

function matches(tokens: readonly Token[], at: number, pattern: Pattern): boolean {
  for (let k = 0; k < pattern.words.length; k++) {
    const token = tokens[at + k];
    const word = pattern.words[k] as string;
    if (!token) return false;
    if (pattern.prefix[k] ? !token.norm.startsWith(word) : token.norm !== word) return false;
  }
  return true;
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

/** A sentence's names of things, its kind nouns read as the thing they point back to, and new things. */
export function resolveMentions(
  sentence: string,
  tokens: readonly Token[],
  tags: readonly string[],
  reader: BaseReader,
  recent: readonly string[],
  newThings: Map<string, NewThing>,
): Mention[] {
  const named = reader.mentions(tokens);
  const out: Mention[] = [];
  const taken = new Set<number>();
  for (const mention of named) {
    for (let k = mention.first; k <= mention.last; k++) taken.add(k);
    const tracked = mention.ids.filter((id) => reader.tracked.has(id));
    if (tracked.length > 0) {
      // "trails on the South Rim": a thing named after a noun and a preposition says where that noun
      // is, unless the noun is its own kind's ("the stations at Kazipara and Shewrapara").
      const noun = tokens[mention.first - 2];
      const modifier =
        PREPOSITIONS.has(tokens[mention.first - 1]?.norm ?? "") &&
        noun !== undefined &&
        tags[mention.first - 2] === "NOUN" &&
        !tracked.some((id) => reader.thingsCalled(noun.norm)?.has(id));
      out.push({ ...mention, ids: tracked, ...(modifier ? { modifier: true } : {}) });
      continue;
    }
    // A place or owner: its one tracked thing of the kind noun that follows ("Italy's embassy"), or
    // the one tracked thing there when it is named alone ("Gothenburg had reopened").
    // Its kind noun may follow after a modifier or two ("Bali's international airport").
    const after = tokens[mention.last + 1]?.norm === "s" ? mention.last + 2 : mention.last + 1;
    let next = after;
    while (next < after + 2 && !reader.thingsCalled(tokens[next]?.norm ?? "")) next++;
    const nounThings = reader.thingsCalled(tokens[next]?.norm ?? "");
    const at = new Set(mention.ids.flatMap((id) => [...(reader.thingsAt(id) ?? [])]));
    const both = nounThings ? [...at].filter((id) => nounThings.has(id)) : [];
    if (both.length === 1) {
      out.push({ first: mention.first, last: next, ids: both });
      taken.add(next);
    } else if (
      at.size === 1 &&
      !PREPOSITIONS.has(tokens[mention.first - 1]?.norm ?? "") &&
      // "the Gothenburg approaches", "Frederikshavn-Gothenburg sailings": a place before a noun modifies it.
      !(
        /^[\s-]*$/.test(
          sentence.slice(tokens[mention.last]?.end ?? 0, tokens[mention.last + 1]?.start ?? 0),
        ) &&
        (tags[mention.last + 1] === "NOUN" || tags[mention.last + 1] === "PROPN")
      )
    )
      out.push({ first: mention.first, last: mention.last, ids: [...at], byPlace: true });
    else out.push({ ...mention, ids: [] });
  }
  // New things: capitalised words before a noun of a declared kind ("Somport tunnel").
  for (const match of sentence.matchAll(
    /((?:[A-Z][\p{L}\p{N}'’-]*\s+){1,4})([\p{L}-]+(?:\s+[\p{L}-]+)?)/gu,
  )) {
    const noun = fold(match[2] as string);
    const nounWords = noun.split(/\s+/);
    const kind = reader.declaredNouns.get(noun) ?? reader.declaredNouns.get(nounWords[0] as string);
    if (!kind) continue;
    const nounText = reader.declaredNouns.has(noun)
      ? (match[2] as string)
      : (match[2] as string).split(/\s+/)[0];
    const start = match.index;
    const end = start + (match[1] as string).length + (nounText as string).length;
    const first = tokens.findIndex((t) => t.start >= start);
    let last = first;
    while (tokens[last + 1] && (tokens[last + 1] as Token).end <= end) last++;
    if (first < 0 || [...Array(last - first + 1).keys()].some((k) => taken.has(first + k))) continue;
    const words = (match[1] as string).trim().split(/\s+/);
    if (words[0] && /^(?:The|A|An|On|In|At|By|For|From|And|But|Its|Their)$/.test(words[0])) words.shift();
    // A capital at the start of a sentence is no sign of a name: "All ferry services" names no ferry.
    else if (words[0] && match.index === 0 && isEnglishWord(words[0].toLowerCase())) words.shift();
    if (words.length === 0) continue;
    const name = `${words.join(" ")} ${nounText}`;
    const id = tokenize(name)
      .map((t) => t.norm)
      .join("-")
      .replace(/[^a-z0-9-]/g, "");
    if (!id || reader.base.entities.has(id)) continue;
    const thing = newThings.get(id) ?? { id, name, kind };
    newThings.set(id, thing);
    out.push({ first, last, ids: [id], newThing: thing });
  }
  // Kind nouns ("the port", "the embassies"): the one thing so called, or the latest named of them.
  for (let i = 0; i < tokens.length; i++) {
    if (taken.has(i) || out.some((m) => i >= m.first && i <= m.last)) continue;
    const called = reader.thingsCalled((tokens[i] as Token).norm);
    if (!called) continue;
    // "the port", "the emergency department": a determiner up to two words before the noun.
    const lead = [1, 2, 3].map((k) => tokens[i - k]?.norm);
    if (!lead.some((w) => w === "the" || w === "its" || w === "their")) continue;
    const ids = called.size === 1 ? [...called] : recent.filter((id) => called.has(id)).slice(-1);
    if (ids.length === 0) continue;
    // "surgery at the hospital", "the rest of the hospital", "the terminal's gates": the noun says
    // where or whose another thing is, and is not what the sentence is about.
    const determiner = lead.findIndex((w) => w === "the" || w === "its" || w === "their") + 1;
    const placeOf =
      PREPOSITIONS.has(tokens[i - determiner - 1]?.norm ?? "") && tags[i - determiner - 2] === "NOUN";
    const owner = tokens[i + 1]?.norm === "s" && sentence.slice(tokens[i]?.end, tokens[i + 1]?.start) !== " ";
    out.push({ first: i, last: i, ids, ...(placeOf || owner ? { modifier: true } : {}) });
  }
  // Plural kind nouns with the places or owners named in the sentence ("Italy, Spain and Greece …
  // their embassies in Kyiv"): the tracked things of that noun belonging to them.
  for (let i = 0; i < tokens.length; i++) {
    const word = (tokens[i] as Token).norm;
    if (pluralize.isSingular(word) || !pluralize.isPlural(word)) continue;
    const called = reader.thingsCalled(word);
    if (!called || out.some((m) => i >= m.first && i <= m.last && m.ids.length > 0)) continue;
    const owners = named.filter((m) => m.ids.every((id) => !reader.tracked.has(id))).flatMap((m) => m.ids);
    const owned = new Map<string, number>();
    for (const owner of owners)
      for (const id of reader.thingsAt(owner) ?? [])
        if (called.has(id)) owned.set(id, (owned.get(id) ?? 0) + 1);
    // Things every named place holds are where they are, not whose: keep those named by owner.
    const counts = [...owned.values()];
    const max = Math.max(0, ...counts);
    const ids = [...owned].filter(([, n]) => n < max || counts.every((c) => c === max)).map(([id]) => id);
    if (ids.length > 1) out.push({ first: i, last: i, ids });
  }
  return out.sort((a, b) => a.first - b.first);
}

/**
 * A sentence cut at its clause breaks, as ranges of token indexes. A clause giving a cause or an
 * earlier time ("after …", "because …") is left out up to its comma: its state words are background.
 */
function clausesOf(
  sentence: string,
  tokens: readonly Token[],
  tags: readonly string[],
): Array<{ first: number; last: number }> {
  // A break is a clause's end only when a verb came before it: "Italy, Spain, and Greece were …" is one clause.
  // "closed on Monday and will stay shut until Friday": "and" before a verb joins two predicates,
  // each with its own tense and date.
  const breaks = [
    ...[...sentence.matchAll(CLAUSE_BREAKS)].map((m) => m.index),
    ...tokens.flatMap((t, i) =>
      t.norm === "and" && (tags[i + 1] === "VERB" || tags[i + 1] === "AUX") ? [t.start] : [],
    ),
  ].sort((a, b) => a - b);
  const cuts: number[] = [];
  let from = 0;
  for (const at of breaks) {
    const verb = tokens.some(
      (t, i) => t.start >= from && t.start < at && (tags[i] === "VERB" || tags[i] === "AUX"),
    );
    if (!verb || at <= from) continue;
    cuts.push(at);
    from = at;
  }
  const out: Array<{ first: number; last: number }> = [];
  let first = 0;
  for (const cut of [...cuts, sentence.length]) {
    let last = first - 1;
    while (tokens[last + 1] && (tokens[last + 1] as Token).start < cut) last++;
    if (last >= first) {
      // "after …", "four days after …": a clause of cause or earlier time, up to its comma.
      const opener = [0, 1, 2, 3].findIndex(
        (k) => first + k <= last && BACKGROUND_OPENERS.has(tokens[first + k]?.norm ?? ""),
      );
      if (
        opener >= 0 &&
        (opener === 0 ||
          /^\d|^(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|days?|weeks?|hours?|months?|shortly|soon|just|long)$/.test(
            tokens[first]?.norm ?? "",
          ))
      ) {
        const comma = sentence.indexOf(",", (tokens[first] as Token).start);
        let main = first;
        while (comma >= 0 && main <= last && (tokens[main] as Token).start < comma) main++;
        if (comma >= 0 && main <= last) out.push({ first: main, last });
      } else out.push({ first, last });
    }
    first = last + 1;
  }
  return out;
}

/**
 * The things a state word is said of: the nearest named before it in the clause with those joined to
 * it by "and" or commas, or else those named after it ("closing the U.S. Embassy").
 */
function subjectsOf(
  trigger: Trigger,
  mentions: readonly Mention[],
  sentence: string,
  tokens: readonly Token[],
  tags: readonly string[],
): string[] {
  const usable = mentions.filter((m) => m.ids.length > 0 && !m.modifier);
  // A place stands for its thing only as the subject itself: "On the Chilean side, the customs
  // complex was shut" is about the complex, a noun between the place and the state word.
  const named = (k: number) => usable.some((m) => k >= m.first && k <= m.last);
  const nounBetween = (m: Mention) =>
    tags.some((t, k) => k > m.last && k < trigger.first && (t === "NOUN" || t === "PROPN") && !named(k));
  const preceding = usable.filter((m) => m.last < trigger.first && (!m.byPlace || !nounBetween(m)));
  // A thing named outright is the subject before one named only by its place.
  const direct = preceding.filter((m) => !m.byPlace);
  const before = direct.length > 0 ? direct : preceding;
  const after = usable.filter((m) => m.first > trigger.last && !m.byPlace);
  const chain = (list: Mention[], fromEnd: boolean): string[] => {
    if (list.length === 0) return [];
    const ordered = fromEnd ? [...list].reverse() : list;
    const picked = [ordered[0] as Mention];
    for (const next of ordered.slice(1)) {
      const [a, b] = fromEnd
        ? [next, picked[picked.length - 1] as Mention]
        : [picked[picked.length - 1] as Mention, next];
      const gap = sentence.slice(tokens[a.last]?.end ?? 0, tokens[b.first]?.start ?? 0);
      // "the bridge and the ferry", "Italy, Spain, and Greece": a list, with or without its articles.
      if (!/^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+or\s+|\s*,\s*or\s+)(?:the\s+)?$/i.test(gap)) break;
      picked.push(next);
    }
    return [...new Set(picked.flatMap((m) => m.ids))];
  };
  const subject = chain(before, true);
  return subject.length > 0 ? subject : chain(after, false);
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

import type { KnowledgeBase } from "../../knowledge/base.ts";
import { dateRange } from "../../knowledge/dates.ts";
import { type Dated, type Entity, type Fact, PLACE_KINDS, type Source } from "../../knowledge/schema.ts";
import { runToEnd, type Steps } from "../../runtime/steps.ts";
import { isEnglishWord } from "../language/english.ts";
import { countryWords } from "../language/places.ts";
import {
  ARTICLES,
  CHANGE_WORDS,
  NAME_LINKS,
  QUESTION_OPENERS,
  STATUS_WORDS,
  STOPWORDS,
} from "../language/words.ts";
import { SpellingCorrector } from "../normalise/spelling.ts";
import { stem, tokenize } from "../normalise/text.ts";
import { Lexicon } from "./lexicon.ts";

/** Entities that more than this share of facts are about count as context, not topic. */
const CONTEXT_SHARE = 0.25;

function monthKeys(start: number, end: number): string[] {
  const keys: string[] = [];
  const cursor = new Date(start);
  cursor.setUTCDate(1);
  while (cursor.getTime() <= end && keys.length < 240) {
    keys.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return keys;
}

/** Question and status words the spelling corrector may restore, besides the base's own words. */
const STEERING_WORDS = [
  ...STATUS_WORDS,
  ...CHANGE_WORDS.keys(),
  "happened",
  "briefing",
  "what",
  "when",
  "where",
  "which",
  "whose",
];
/** A road's or a line's number: digits, or a letter and digits ("a9"). */
const DESIGNATION = /^(?=.{2})[a-z]?\d{1,4}[a-z]?$/;
/** Numbers read as years, never as designations. */
const YEAR = /^(1[89]|20)\d\d$/;
/** Initials of fewer words than this are too short to name anything. */
const MIN_INITIALS = 3;
const MAX_INITIALS = 6;
/** Words of facts shorter than this are not offered as spelling corrections: short slips are too ambiguous. */
const MIN_FACT_WORD = 6;

/**
 * Everything the engine looks things up in, built once per knowledge base so that answering
 * a question never scans the whole base: alias phrases, an inverted index of fact stems, and
 * the spelling vocabulary.
 */
/** The longest keyword phrase of little words looked up as a whole. */
export const MAX_KEYWORD_PHRASE = 3;

export class EngineIndex {
  /** Alias phrase (tokens joined by spaces) to the entities it names. */
  readonly phrases = new Map<string, Set<string>>();
  declare readonly longestPhrase: number;
  /** First words of alias phrases: a question word that starts none needs no phrase lookup. */
  readonly phraseStarts = new Set<string>();
  /**
   * Names of several words without their articles ("schools on islands" for "the schools on the
   * islands"), to the things they name: people add or drop a "the" inside a name.
   */
  readonly barePhrases = new Map<string, Set<string>>();
  /**
   * The numbers of names made of a kind's noun and a number ("Route 233", "Highway 50"), to the
   * things they name: people say "233" alone once the road is the talk.
   */
  readonly designations = new Map<string, Set<string>>();
  /** Every word found anywhere in the base: known words are never "corrected". */
  readonly knownWords = new Set<string>();
  declare readonly speller: SpellingCorrector;
  /** Fact stems: stem to the positions of the facts that contain it. */
  readonly postings = new Map<string, number[]>();
  /**
   * Keyword phrases of little words ("get out", "shelter in place"), as their stems joined by spaces,
   * to the facts that list them: their words, one by one, carry no topic.
   */
  readonly keywordPhrases = new Map<string, number[]>();
  /** Per fact, how often each stem occurs in its statement, keywords and attribution. */
  readonly factStems: ReadonlyMap<string, number>[] = [];
  /** The people (and others) whose role the base gives, for "who is the …" questions. */
  readonly withRoles: Entity[] = [];
  /** Stems of the base's own words for states ("sailing"), computed once rather than per question. */
  readonly stateStems = new Set<string>();
  /** Stems of the reasons on the timelines. */
  readonly reasonStems = new Set<string>();
  /** The topic's nouns and reader words, and what can be asked about by kind. */
  declare readonly lexicon: Lexicon;
  private readonly factRanges: ({ start: number; end: number } | undefined)[] = [];
  /** Dated facts by each month their date runs ("2022-05"). */
  private readonly byMonth = new Map<string, number[]>();
  /** Facts by id, for what an answer cites. */
  readonly factsById = new Map<string, Fact>();
  /** A fact's position in the base, the key of `postings` and `factStems`. */
  readonly positionOf = new Map<Fact, number>();
  /** Entities that published, were relayed by, or wrote a source: the papers and the reporter. */
  readonly sourceLinks = new Map<string, SourceLink[]>();

  /** Builds the index at once; with `deferred`, leaves it to `build()`, run in slices by the caller. */
  constructor(
    readonly base: KnowledgeBase,
    deferred = false,
  ) {
    if (!deferred) runToEnd(this.build());
  }

  /** The build, in steps of one entity or one fact, so a large base can be indexed between questions. */
  *build(): Steps {
    const base = this.base;
    const lexicon = new Lexicon(base, true);
    yield* lexicon.build();
    (this as { lexicon: Lexicon }).lexicon = lexicon;
    const nameWords: string[] = [];
    const factWords = new Set<string>();
    /** Names of a noun, a link and more ("Port of Brill"), left to composition unless the rest names nothing. */
    const linked: { id: string; tokens: string[]; tail: number }[] = [];
    for (const entity of base.entities.values()) {
      const names = namesOf(entity);
      const links = linksOf(names, base.sources.values());
      if (links.length > 0) this.sourceLinks.set(entity.id, links);
      for (const phrase of names) {
        const tokens = tokenize(phrase);
        if (tokens.length === 0) continue;
        // "port in Gothenburg" is left to composition, which also checks what precedes it; "Terminal A" is a name.
        const noun = this.lexicon.nounAt(tokens, 0);
        if (noun && (noun.end === tokens.length || tokens.some((t) => NAME_LINKS.has(t)))) {
          if (noun.end < tokens.length) linked.push({ id: entity.id, tokens, tail: noun.end });
          continue;
        }
        const key = tokens.join(" ");
        if (noun && noun.end === tokens.length - 1) this.designate(tokens, entity.id);
        this.phraseStarts.add(tokens[0] as string);
        const set = this.phrases.get(key) ?? new Set<string>();
        set.add(entity.id);
        this.phrases.set(key, set);
        for (const token of tokens) {
          nameWords.push(token);
          this.knownWords.add(token);
        }
      }
      yield;
    }
    this.linkedNames = linked;
    this.addLinkedNames(linked);
    for (const [key, ids] of this.phrases) this.addBare(key, ids);
    this.addInitialisms();
    let longest = 1;
    for (const key of this.phrases.keys()) longest = Math.max(longest, key.split(" ").length);
    (this as { longestPhrase: number }).longestPhrase = longest;
    for (const word of STEERING_WORDS) this.knownWords.add(word);
    for (const word of this.lexicon.nounWords) this.knownWords.add(word);
    for (let position = 0; position < base.facts.length; position++) {
      const fact = base.facts[position] as Fact;
      this.positionOf.set(fact, position);
      this.factsById.set(fact.id, fact);
      this.factRanges[position] = fact.when ? dateRange(fact.when) : undefined;
      if (fact.when) {
        const r = dateRange(fact.when);
        for (const key of monthKeys(r.start, r.end)) {
          const list = this.byMonth.get(key) ?? [];
          list.push(position);
          this.byMonth.set(key, list);
        }
      }
      const counts = new Map<string, number>();
      for (const token of this.lexicon.rewrite(tokenize(factText(fact)))) {
        this.knownWords.add(token);
        if (token.length >= MIN_FACT_WORD && !/\d/.test(token)) factWords.add(token);
        const s = stem(token, this.lexicon.synonyms);
        counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      for (const keyword of fact.keywords) {
        const tokens = tokenize(keyword);
        // Only a phrase made wholly of little words, none a question word ("what is" fits any question).
        if (
          tokens.length < 2 ||
          tokens.length > MAX_KEYWORD_PHRASE ||
          !tokens.every((t) => STOPWORDS.has(t) && !QUESTION_OPENERS.has(t))
        )
          continue;
        const key = tokens.map((t) => stem(t, this.lexicon.synonyms)).join(" ");
        const list = this.keywordPhrases.get(key) ?? [];
        if (list.at(-1) !== position) list.push(position);
        this.keywordPhrases.set(key, list);
      }
      for (const s of counts.keys()) {
        const list = this.postings.get(s) ?? [];
        list.push(position);
        this.postings.set(s, list);
      }
      this.factStems.push(counts);
      yield;
    }
    const speller = new SpellingCorrector(
      [
        ...nameWords,
        ...STEERING_WORDS,
        ...this.lexicon.nounWords,
        ...this.lexicon.synonyms.keys(),
        ...this.lexicon.stateWords.keys(),
        ...factWords,
        // So "Frnech" is read as a place the base lacks, not corrected into one it has.
        ...countryWords(),
      ],
      true,
    );
    yield* speller.build();
    (this as { speller: SpellingCorrector }).speller = speller;
    for (const word of this.lexicon.synonyms.keys()) this.knownWords.add(word);
    for (const entity of base.entities.values()) if (entity.role) this.withRoles.push(entity);
    for (const events of base.timelines.values()) {
      for (const event of events)
        for (const token of tokenize(event.reason ?? "")) this.reasonStems.add(this.stem(token));
      yield;
    }
    for (const word of this.lexicon.stateWords.keys()) {
      this.knownWords.add(word);
      this.stateStems.add(this.stem(word));
    }
  }

  /**
   * "Port of Brill" where no entity is called "Brill": composition has nothing to qualify the noun
   * with, so the whole name names the thing.
   */
  private addLinkedNames(linked: readonly { id: string; tokens: string[]; tail: number }[]): string[] {
    const added: string[] = [];
    for (const { id, tokens, tail } of linked) {
      let from = tail;
      while (
        from < tokens.length &&
        (NAME_LINKS.has(tokens[from] as string) || STOPWORDS.has(tokens[from] as string))
      )
        from++;
      const rest = tokens.slice(from);
      // A rest that starts with another entity's name ("the toll on the Garcon Point Bridge") is composition's.
      const namesOne = rest.some((_, j) => this.phrases.has(rest.slice(0, j + 1).join(" ")));
      if (rest.length === 0 || namesOne) continue;
      // The rest alone ("Brill", "UNCA" in "classes at UNCA") names the place or the owner, not the thing.
      const key = tokens.join(" ");
      const set = this.phrases.get(key) ?? new Set<string>();
      set.add(id);
      this.phrases.set(key, set);
      this.phraseStarts.add(tokens[0] as string);
      added.push(key);
    }
    return added;
  }

  /** "Route 233": the number of a name made of a kind's noun and a number names the thing. */
  private designate(tokens: readonly string[], id: string): void {
    const number = tokens.at(-1) as string;
    if (!DESIGNATION.test(number) || YEAR.test(number)) return;
    const named = this.designations.get(number) ?? new Set<string>();
    named.add(id);
    this.designations.set(number, named);
  }

  /** A name of several words, kept also without its articles. */
  private addBare(key: string, ids: Iterable<string>): void {
    const bare = key.split(" ").filter((t) => !ARTICLES.has(t));
    if (bare.length < 2) return;
    const set = this.barePhrases.get(bare.join(" ")) ?? new Set<string>();
    for (const id of ids) set.add(id);
    this.barePhrases.set(bare.join(" "), set);
  }

  private dropBare(key: string, ids: readonly string[]): void {
    const bare = key
      .split(" ")
      .filter((t) => !ARTICLES.has(t))
      .join(" ");
    const set = this.barePhrases.get(bare);
    if (!set) return;
    for (const id of ids) set.delete(id);
    if (set.size === 0) this.barePhrases.delete(bare);
  }

  /**
   * "LAC" for the Limited Access Channel: the initials of a name of three words or more, or of its
   * last words down to three, name the thing where they are no word of the base or of English and
   * no other name. Initials two things share name both.
   */
  private addInitialisms(): void {
    const found = new Map<string, Set<string>>();
    for (const entity of this.base.entities.values()) {
      if (entity.kind === "person") continue;
      for (const phrase of namesOf(entity)) {
        const words = tokenize(phrase).filter((t) => !STOPWORDS.has(t) && !/\d/.test(t));
        for (let from = 0; words.length - from >= MIN_INITIALS; from++) {
          const initials = words
            .slice(from)
            .map((w) => w[0])
            .join("");
          if (initials.length > MAX_INITIALS) continue;
          const ids = found.get(initials) ?? new Set<string>();
          ids.add(entity.id);
          found.set(initials, ids);
        }
      }
    }
    this.initials = found;
    for (const initials of found.keys()) this.addInitials(initials);
  }

  /** Names of a noun, a link and more, as the build found them. */
  private linkedNames: readonly { id: string; tokens: string[]; tail: number }[] = [];

  /** Every name's initials, whether or not they were free to name it. */
  private initials = new Map<string, Set<string>>();

  /** With `wasName`, the initials were a name of the same things already ("USA"), however known. */
  private addInitials(initials: string, wasName = false): void {
    const ids = this.initials.get(initials);
    if (!ids || this.phrases.has(initials) || isEnglishWord(initials)) return;
    if (this.knownWords.has(initials) && !wasName) return;
    this.phrases.set(initials, ids);
    this.phraseStarts.add(initials);
  }

  /**
   * Takes in a thing given its first status after the build (a chat update, once the base's
   * timelines have it): it is tracked as if the build had read it so, without a rebuild.
   */
  track(id: string): void {
    const nouns = new Set(this.lexicon.nouns.keys());
    this.lexicon.track(id);
    // A name that the new nouns now read as a noun phrase is left to composition, as the build leaves it.
    const starts = new Set<string>();
    for (const noun of this.lexicon.nouns.keys())
      if (!nouns.has(noun)) starts.add(noun.split(" ")[0] as string);
    const relinked: { id: string; tokens: string[]; tail: number }[] = [];
    const dropped: string[] = [];
    for (const key of [...this.phrases.keys()]) {
      const tokens = key.split(" ");
      if (!starts.has(tokens[0] as string)) continue;
      const noun = this.lexicon.nounAt(tokens, 0);
      const ids = [...(this.phrases.get(key) ?? [])];
      if (noun && (noun.end === tokens.length || tokens.some((t) => NAME_LINKS.has(t)))) {
        this.phrases.delete(key);
        this.dropBare(key, ids);
        dropped.push(key);
        if (noun.end < tokens.length) for (const id of ids) relinked.push({ id, tokens, tail: noun.end });
      } else if (noun && noun.end === tokens.length - 1) for (const id of ids) this.designate(tokens, id);
    }
    // As the build does, a linked name whose rest names no entity is a name after all, and initials
    // no other name holds name their thing.
    this.linkedNames = [...this.linkedNames, ...relinked];
    for (const key of this.addLinkedNames(this.linkedNames))
      this.addBare(key, this.phrases.get(key) ?? new Set());
    for (const key of dropped) this.addInitials(key, true);
    for (const start of starts)
      if (![...this.phrases.keys()].some((key) => key === start || key.startsWith(`${start} `)))
        this.phraseStarts.delete(start);
    for (const word of this.lexicon.nounWords) this.knownWords.add(word);
    for (const event of this.base.timelines.get(id) ?? [])
      for (const token of tokenize(event.reason ?? "")) this.reasonStems.add(this.stem(token));
    this.thingStemCache.delete(id);
  }

  /**
   * The sources whose publisher, relayed outlet or author the tokens name in full ("andean courier"),
   * for questions about an article whose paper is not an entity of the base.
   */
  sourcesNamedIn(tokens: readonly string[]): Source[] {
    const joined = ` ${tokens.join(" ")} `;
    return [...this.base.sources.values()].filter((source) =>
      [source.publisher, source.relays, source.author].some((name) => {
        const words = name ? tokenize(name).filter((t) => !ARTICLES.has(t)) : [];
        return words.length > 0 && joined.includes(` ${words.join(" ")} `);
      }),
    );
  }

  /**
   * The words and stems of an entity's names and kind nouns, computed once: what an answer about it
   * can be said to mention.
   */
  nameStems(id: string): ReadonlySet<string> {
    let set = this.nameStemCache.get(id);
    if (!set) {
      set = new Set<string>();
      const entity = this.entity(id);
      if (entity) {
        const kind = this.base.topic.kinds.get(entity.kind);
        const texts = [entity.name, ...entity.aliases, ...entity.demonyms, entity.kind.replace(/-/g, " ")];
        if (kind) texts.push(...kind.nouns);
        for (const text of texts)
          for (const token of tokenize(text)) {
            set.add(token);
            set.add(this.stem(token));
          }
      }
      this.nameStemCache.set(id, set);
    }
    return set;
  }
  private readonly nameStemCache = new Map<string, Set<string>>();

  /** A role's stems and its words (" pentagon spokesman "), computed once per entity. */
  roleStems(entity: Entity): { stems: ReadonlySet<string>; words: string } {
    let cached = this.roleCache.get(entity.id);
    if (!cached) {
      const tokens = tokenize(entity.role ?? "");
      cached = { stems: new Set(tokens.map((t) => this.stem(t))), words: ` ${tokens.join(" ")} ` };
      this.roleCache.set(entity.id, cached);
    }
    return cached;
  }
  private readonly roleCache = new Map<string, { stems: ReadonlySet<string>; words: string }>();

  /** Is the stem in the facts about a thing or in the reasons of its timeline ("flight" for an airport)? */
  thingKnows(id: string, stemmed: string): boolean {
    let known = this.thingStemCache.get(id);
    if (!known) {
      known = new Set<string>();
      for (const fact of this.base.factsByEntity.get(id) ?? []) {
        const position = this.positionOf.get(fact);
        for (const s of position === undefined ? [] : (this.factStems[position]?.keys() ?? [])) known.add(s);
      }
      for (const event of this.base.timelines.get(id) ?? [])
        for (const token of tokenize(event.reason ?? "")) known.add(this.stem(token));
      this.thingStemCache.set(id, known);
    }
    return known.has(stemmed);
  }
  private readonly thingStemCache = new Map<string, Set<string>>();

  /** A place and the things in it (itself alone for anything else). */
  within(id: string): ReadonlySet<string> {
    let set = this.withinCache.get(id);
    if (!set) {
      set = new Set([id]);
      const entity = this.entity(id);
      if (entity && PLACE_KINDS.has(entity.kind))
        for (const other of this.base.entities.keys())
          if (this.base.placesOf(other).includes(id)) set.add(other);
      this.withinCache.set(id, set);
    }
    return set;
  }
  private readonly withinCache = new Map<string, Set<string>>();

  /** The things a country or body owns ("the Italian embassy"). */
  ownedBy(id: string): readonly string[] {
    if (!this.owners) {
      this.owners = new Map();
      for (const [thing, r] of this.base.relations) {
        if (r.owner) this.owners.set(r.owner, [...(this.owners.get(r.owner) ?? []), thing]);
      }
    }
    return this.owners.get(id) ?? [];
  }
  private owners: Map<string, string[]> | undefined;

  /** Is this stem in the base at all: in a fact, or in the reason of a status? */
  knowsStem(stem: string): boolean {
    return this.postings.has(stem) || this.reasonStems.has(stem);
  }

  /** A question or fact word's stem, with the base's reader words mapped to its own. */
  stem(token: string): string {
    return stem(token, this.lexicon.synonyms);
  }

  /**
   * Entities so common in the base that naming them says little (the US, Ukraine, Kyiv in a
   * base about the US embassy in Kyiv): a fact need not be about them to answer a question.
   */
  isContext(entityId: string): boolean {
    const df = this.base.factsByEntity.get(entityId)?.length ?? 0;
    return df > CONTEXT_SHARE * this.base.facts.length;
  }

  /** Like a word's idf: an entity few facts are about is a strong signal. */
  entityIdf(entityId: string): number {
    const df = this.base.factsByEntity.get(entityId)?.length ?? 0;
    return 0.5 + Math.log(1 + this.base.facts.length / Math.max(df, 1)) / 2;
  }

  /** The range of a fact's date, computed once. */
  factRange(position: number): { start: number; end: number } | undefined {
    return this.factRanges[position];
  }

  /** Positions of facts dated within a period, through a month index rather than a scan. */
  factsDuring(period: Dated): number[] {
    const { start, end } = dateRange(period);
    const result: number[] = [];
    for (const key of monthKeys(start, end)) {
      for (const position of this.byMonth.get(key) ?? []) {
        const when = this.base.facts[position]?.when;
        if (!when) continue;
        const r = dateRange(when);
        if (r.start <= end && r.end >= start) result.push(position);
      }
    }
    return [...new Set(result)];
  }

  /** Inverse document frequency of a stem; unknown stems weigh as the rarest. */
  idf(s: string): number {
    const df = this.postings.get(s)?.length ?? 0;
    return Math.log(1 + this.base.facts.length / Math.max(df, 1));
  }

  entity(id: string): Entity | undefined {
    return this.base.entities.get(id);
  }
}

/** The names an entity answers to: its name, aliases, demonyms, and a person's surname. */
export function namesOf(entity: Entity): string[] {
  const names = [entity.name, ...entity.aliases, ...entity.demonyms];
  if (entity.kind === "person") {
    const surname = entity.name.split(/\s+/).at(-1);
    if (surname && surname.length > 3) names.push(surname);
  }
  return names;
}

/** How an entity stands to a source: its publisher, the outlet it relays, or its author. */
export interface SourceLink {
  source: Source;
  role: "publisher" | "relayed" | "author";
}

function linksOf(entityNames: readonly string[], sources: Iterable<Source>): SourceLink[] {
  const names = new Set(entityNames.map(outletKey));
  const links: SourceLink[] = [];
  for (const source of sources) {
    if (names.has(outletKey(source.publisher))) links.push({ source, role: "publisher" });
    else if (source.relays && names.has(outletKey(source.relays))) links.push({ source, role: "relayed" });
    else if (source.author && names.has(outletKey(source.author))) links.push({ source, role: "author" });
  }
  return links;
}

/**
 * A paper's or a person's name as compared: its words, without a leading "the" or a note in
 * brackets ("The News & Observer (via NewsBreak)" is the News & Observer).
 */
function outletKey(name: string): string {
  const words = tokenize(name.replace(/\([^)]*\)/g, " "));
  return (ARTICLES.has(words[0] ?? "") ? words.slice(1) : words).join(" ");
}

/** What a fact says, not the curator's notes on it ("the date is not given" matches no "given" question). */
function factText(fact: Fact): string {
  return [fact.statement, fact.keywords.join(" "), fact.attribution].join(" ");
}

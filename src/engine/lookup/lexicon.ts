import pluralize from "pluralize";
import type { KnowledgeBase } from "../../knowledge/base.ts";
import { type Entity, GENERIC_KINDS, PLACE_KINDS, type State } from "../../knowledge/schema.ts";
import { stateSetOf } from "../../knowledge/states.ts";
import { runToEnd, type Steps } from "../../runtime/steps.ts";
import { isEnglishWord } from "../language/english.ts";
import {
  CHAT_SHORTHAND,
  JOINERS,
  NAME_LINKS,
  QUESTION_PHRASES,
  STATE_PHRASES,
  STATUS_NOUNS,
  STOPWORDS,
} from "../language/words.ts";
import { editDistance } from "../normalise/editDistance.ts";
import { tokenize } from "../normalise/text.ts";

/** How many words' slips are remembered before the memory starts afresh. */
const TYPO_CACHE = 5000;

/** A noun readers use for things the base tracks ("port", "emergency room", "embassies"). */
export interface NounSense {
  /** The entities it can stand for. */
  entityIds: Set<string>;
  plural: boolean;
}

/**
 * The topic's words, read from the base: the nouns for its kinds of thing (declared under `kinds`,
 * or read off the names of what it tracks: "Port of Gothenburg" gives "port", "Lac-des-Sables
 * Medical Clinic" gives "clinic" and "medical clinic"), the parts of larger things, and the reader
 * words the base maps to its own.
 */
/** Entities whose names are read in one step of a build. */
const NAMES_PER_STEP = 500;

/** Words run together or apart are matched from this length on ("jetstar", "coastline"). */
const MIN_RESPACED = 6;

export class Lexicon {
  readonly nouns = new Map<string, NounSense>();
  readonly nounStarts = new Set<string>();
  longestNoun = 1;
  /** Every word of every noun. */
  readonly nounWords = new Set<string>();
  /** Every word of the names of the things that can be asked about by kind. */
  readonly nameWords = new Set<string>();
  /** Reader word to the base's word, from `base.synonyms`. */
  readonly synonyms = new Map<string, string>();
  /** Reader words for states, from `base.stateWords` and the states and questions kinds declare. */
  readonly stateWords = new Map<string, State>();
  /** The ids of the yes-or-no questions kinds declare ("can-travel"), among `stateWords`' values. */
  readonly questionIds = new Set<string>();
  /** Parts of larger things: a department to its hospital, declared or read off the names. */
  readonly parentOf = new Map<string, string>();
  readonly partsOf = new Map<string, string[]>();
  /** Things that can be asked about by kind: tracked entities and the things they are part of. */
  readonly trackable: Entity[] = [];
  /** Their ids, for lookups that must not scan a large base. */
  readonly trackableIds = new Set<string>();

  /** Reads the base at once; with `deferred`, leaves it to `build()`, run in slices by the caller. */
  constructor(
    readonly base: KnowledgeBase,
    deferred = false,
  ) {
    if (!deferred) runToEnd(this.build());
  }

  /** The reading, in steps of one thing, so a large base can be read between questions. */
  *build(): Steps {
    const base = this.base;
    const info = base.topic.info;
    for (const [word, variants] of Object.entries(info.synonyms)) {
      const target = tokenize(word);
      for (const variant of variants) {
        const tokens = tokenize(variant);
        // A one-word reader word maps to the base's word; a phrase ("traffic jam") is rewritten whole.
        if (tokens.length === 1 && target.length === 1)
          this.synonyms.set(tokens[0] as string, target[0] as string);
        else if (tokens.length > 0) this.addPhrase(tokens, target);
      }
    }
    for (const [phrase, state] of STATE_PHRASES) this.addPhrase(tokenize(phrase), [state]);
    for (const [state, words] of Object.entries(info.stateWords)) {
      for (const word of words) {
        const tokens = tokenize(word);
        if (tokens.length === 1) this.stateWords.set(tokens[0] as string, state as State);
        else if (tokens.length > 1) {
          // "not running", "cars only": the phrase stands for the state's own word.
          this.addPhrase(tokens, [state]);
          this.stateWords.set(state, state as State);
        }
      }
    }
    // The states and yes-or-no questions a kind declares: their ids, labels and reader words.
    for (const kind of base.topic.kinds.values()) {
      const set = stateSetOf(kind);
      if (!set.declared) continue;
      for (const state of set.states) this.addStateWords(state.id, [state.id, state.label, ...state.words]);
      // The words every label shares ("alert level 3") ask for the status: "what is its alert level".
      const labels = set.states.map((s) => new Set(tokenize(s.label)));
      const status = [...STATUS_NOUNS][0] as string;
      for (const word of labels[0] ?? [])
        if (!/\d/.test(word) && !this.synonyms.has(word) && labels.every((l) => l.has(word)))
          this.synonyms.set(word, status);
      for (const question of set.questions) {
        this.questionIds.add(question.id);
        this.addStateWords(question.id, question.words);
      }
    }
    yield* this.findParts();
    const trackable = new Set<string>();
    for (const id of base.timelines.keys()) {
      trackable.add(id);
      const parent = this.parentOf.get(id);
      if (parent) trackable.add(parent);
    }
    let tracked = 0;
    for (const id of trackable) {
      const entity = base.entities.get(id);
      if (entity && entity.kind !== "person" && (!PLACE_KINDS.has(entity.kind) || base.timelines.has(id)))
        tracked++;
    }
    this.trackedThings = tracked;
    for (const entity of base.entities.values()) {
      if (
        base.topic.kinds.has(entity.kind) ||
        (!GENERIC_KINDS.has(entity.kind) && !PLACE_KINDS.has(entity.kind))
      )
        trackable.add(entity.id);
    }
    for (const id of trackable) {
      this.addTrackable(id, this.trackable.length);
      yield;
    }
    // Every word of every name, for chat shorthand (unless the base uses it as a word of its own, a
    // name "ATM") and for names run together or apart.
    let read = 0;
    for (const entity of base.entities.values()) {
      if (++read % NAMES_PER_STEP === 0) yield;
      for (const name of [entity.name, ...entity.aliases]) {
        const tokens = tokenize(name);
        for (let i = 0; i < tokens.length; i++) {
          const t = tokens[i] as string;
          this.ownWords.add(t);
          const next = tokens[i + 1];
          if (next !== undefined && !/\d/.test(t + next)) {
            const following = this.nextInName.get(t) ?? new Set<string>();
            following.add(next);
            this.nextInName.set(t, following);
            this.splitNames.set(t + next, [t, next]);
          }
        }
      }
    }
    for (const [phrase, words] of QUESTION_PHRASES) this.addPhrase(tokenize(phrase), tokenize(words));
    for (const [short, full] of CHAT_SHORTHAND)
      if (!this.ownWords.has(short) && !this.synonyms.has(short)) this.addPhrase([short], tokenize(full));
  }

  /** Every word of every name and alias in the base. */
  private readonly ownWords = new Set<string>();
  /** Two words of a name run together ("coastline" for "coast line"). */
  private readonly splitNames = new Map<string, [string, string]>();
  /** The words that follow a word in the base's names ("pass" after "pehuenche"). */
  private readonly nextInName = new Map<string, Set<string>>();

  /**
   * A name's words as a reader runs them together or apart: "coastline" for "Coast Line", "jet star"
   * for "Jetstar". Only where the base's names have the other form and never this one.
   */
  private respace(tokens: readonly string[]): string[] {
    if (this.ownWords.size === 0) return [...tokens];
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string;
      const next = tokens[i + 1];
      const joined = next === undefined ? undefined : t + next;
      if (
        joined !== undefined &&
        joined.length >= MIN_RESPACED &&
        this.ownWords.has(joined) &&
        !this.nextInName.get(t)?.has(next as string) &&
        !STOPWORDS.has(t)
      ) {
        out.push(joined);
        i++;
        continue;
      }
      const split = this.ownWords.has(t) ? undefined : this.splitNames.get(t);
      if (split && t.length >= MIN_RESPACED) {
        out.push(...split);
        continue;
      }
      // "The Pehuenche pas": right after a word of a name, a short slip of the word that follows it there.
      const after =
        this.ownWords.has(t) || STOPWORDS.has(t) ? undefined : this.nextInName.get(out.at(-1) ?? "");
      const meant = after
        ? [...after].find(
            (w) =>
              w[0] === t[0] &&
              t.length >= 3 &&
              !t.startsWith(w) &&
              (w.startsWith(t) || (editDistance(w, t, 1) === 1 && !isEnglishWord(t))),
          )
        : undefined;
      out.push(meant ?? t);
    }
    return out;
  }

  /** A thing that can be asked about by kind, put at `at` in `trackable`; false when it is not one. */
  private addTrackable(id: string, at: number): boolean {
    const entity = this.base.entities.get(id);
    if (!entity || entity.kind === "person" || this.trackableIds.has(id)) return false;
    if (PLACE_KINDS.has(entity.kind) && !this.base.timelines.has(id)) return false;
    this.trackable.splice(at, 0, entity);
    this.trackableIds.add(entity.id);
    for (const name of [entity.name, ...entity.aliases])
      for (const t of tokenize(name)) this.nameWords.add(t);
    for (const noun of this.nounsOf(entity)) this.addNoun(noun, entity.id);
    return true;
  }

  /**
   * Reads a thing that has just been given its first status (a chat update, after `timelines` has
   * it), as the build reads the things with a timeline: what it is part of is found, and both become
   * things that can be asked about by kind, placed after the other tracked ones as the build would.
   */
  track(id: string): void {
    if (!this.parentOf.has(id)) {
      const parent = this.parentFor(id);
      if (parent) {
        this.parentOf.set(id, parent);
        this.partsOf.set(parent, [...(this.partsOf.get(parent) ?? []), id]);
      }
    }
    for (const thing of [id, this.parentOf.get(id)])
      if (thing && this.addTrackable(thing, this.trackedThings)) this.trackedThings++;
  }
  /** How many of `trackable` are tracked things and their parents; the rest are tracked by kind. */
  private trackedThings = 0;

  /** The nouns a thing answers to: its kind's, and the head nouns of its names. */
  private nounsOf(entity: Entity): string[] {
    const nouns = new Set<string>();
    const kind = this.base.topic.kinds.get(entity.kind);
    if (kind) {
      for (const noun of kind.nouns) nouns.add(tokenize(noun).join(" "));
      for (const plural of kind.plurals) nouns.add(tokenize(plural).join(" "));
    } else if (!GENERIC_KINDS.has(entity.kind)) nouns.add(entity.kind.replace(/-/g, " "));
    const placeWords = new Set<string>();
    for (const related of this.relatedNames(entity)) for (const t of tokenize(related)) placeWords.add(t);
    for (const name of [entity.name, ...entity.aliases]) {
      const tokens = tokenize(name);
      const link = tokens.findIndex((t, i) => i > 0 && NAME_LINKS.has(t));
      const head = link > 0 ? tokens.slice(0, link) : tokens;
      // "Port of Gothenburg": the noun comes first; "Gothenburg port": last.
      const candidates = link > 0 && head.length === 1 ? head : head.slice(-2);
      const last = candidates.at(-1);
      // An abbreviation written in capitals at the end of a name ("Mont-Laurier ER", "Aarhus CT") is a noun too.
      const abbreviation =
        link < 0 && /\b[A-Z][A-Z&]{1,3}$/.test(name.trim()) && last !== undefined && !placeWords.has(last);
      if (abbreviation && last) nouns.add(last);
      if (!last || !this.isNoun(last, placeWords)) continue;
      nouns.add(last);
      const before = candidates.length === 2 ? candidates[0] : undefined;
      if (before && this.isNoun(before, placeWords)) nouns.add(`${before} ${last}`);
    }
    return [...nouns].filter(Boolean);
  }

  private isNoun(token: string, placeWords: ReadonlySet<string>): boolean {
    return (
      token.length > 1 &&
      !placeWords.has(token) &&
      !STOPWORDS.has(token) &&
      !/\d/.test(token) &&
      (isEnglishWord(token) || isEnglishWord(pluralize.singular(token)))
    );
  }

  private relatedNames(entity: Entity): string[] {
    const names: string[] = [];
    const r = this.base.relations.get(entity.id);
    for (const id of [r?.owner, r?.location, ...this.base.placesOf(entity.id)]) {
      const other = id ? this.base.entities.get(id) : undefined;
      if (other) names.push(other.name, ...other.aliases, ...other.demonyms);
    }
    return names;
  }

  private addNoun(phrase: string, entityId: string): void {
    const tokens = phrase.split(" ");
    const last = tokens.at(-1) as string;
    const singular = pluralize.singular(last);
    const plural = pluralize.plural(singular);
    for (const [form, isPlural] of [
      [singular, false],
      [plural, true],
    ] as const) {
      const key = [...tokens.slice(0, -1), form].join(" ");
      const sense = this.nouns.get(key) ?? {
        entityIds: new Set<string>(),
        plural: isPlural && form !== singular,
      };
      sense.entityIds.add(entityId);
      this.nouns.set(key, sense);
      this.nounStarts.add(key.split(" ")[0] as string);
      this.longestNoun = Math.max(this.longestNoun, key.split(" ").length);
      for (const t of key.split(" ")) this.nounWords.add(t);
    }
  }

  /**
   * A thing is part of another when the base says so (`partOf`), or when its name holds the other's
   * whole name ("Non-urgent surgery at Hautes-Laurentides Regional Hospital").
   */
  private *findParts(): Steps {
    // Names of two words or more, looked up by phrase so that a large base costs no more than its names.
    const byName = this.partNames;
    for (const e of this.base.entities.values()) {
      const tokens = tokenize(e.name);
      if (PLACE_KINDS.has(e.kind) || e.kind === "person" || tokens.length < 2) continue;
      if (!byName.has(tokens.join(" "))) byName.set(tokens.join(" "), e.id);
      yield;
    }
    for (const id of this.base.timelines.keys()) {
      yield;
      const parent = this.parentFor(id);
      if (!parent) continue;
      this.parentOf.set(id, parent);
      this.partsOf.set(parent, [...(this.partsOf.get(parent) ?? []), id]);
    }
  }

  /** The names of two words or more of things that can have parts, for `parentFor`. */
  private readonly partNames = new Map<string, string>();

  /** What a thing is part of: declared, or the thing whose whole name its own name holds. */
  private parentFor(id: string): string | undefined {
    const entity = this.base.entities.get(id);
    if (!entity) return undefined;
    let parent = this.base.relations.get(id)?.partOf;
    if (!parent) {
      const own = tokenize(entity.name);
      for (let length = own.length - 1; length >= 2 && !parent; length--) {
        for (let start = 0; start + length <= own.length && !parent; start++) {
          const found = this.partNames.get(own.slice(start, start + length).join(" "));
          if (found && found !== id) parent = found;
        }
      }
    }
    return parent;
  }

  /**
   * Words for a declared state or question: one word stands for it; a phrase ("level 4", "do not
   * travel") is rewritten to one word that does, its id run together ("level4").
   */
  private addStateWords(id: string, words: readonly string[]): void {
    const own = tokenize(id).join("");
    this.stateWords.set(own, id);
    for (const word of words) {
      const tokens = tokenize(word);
      if (tokens.length === 1) this.stateWords.set(tokens[0] as string, id);
      else if (tokens.length > 1) this.addPhrase(tokens, [own]);
    }
  }

  /** Reader phrases, by first word, rewritten to the base's words before anything else is read. */
  private readonly phrases = new Map<string, { from: string[]; to: string[] }[]>();

  private addPhrase(from: string[], to: string[]): void {
    const list = this.phrases.get(from[0] as string) ?? [];
    list.push({ from, to });
    list.sort((a, b) => b.from.length - a.from.length);
    this.phrases.set(from[0] as string, list);
  }

  /** Rewrites the base's reader phrases ("truck drivers", "not running") into its own words. */
  rewrite(given: readonly string[]): string[] {
    const tokens = this.respace(given);
    if (this.phrases.size === 0) return tokens;
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const match = this.phrases
        .get(tokens[i] as string)
        ?.find((p) => p.from.every((t, k) => tokens[i + k] === t));
      if (match) {
        out.push(...match.to);
        i += match.from.length - 1;
      } else out.push(tokens[i] as string);
    }
    return out;
  }

  /**
   * "The Apollo and Campana galleries": a plural noun after two words of names joined by "and" or
   * "or" is each one's, so the first is given the noun too ("apollo gallery and campana galleries").
   */
  distribute(tokens: readonly string[]): string[] {
    const out = [...tokens];
    for (let n = out.length - 1; n >= 3; n--) {
      const found = this.nounAt(out, n);
      if (!found?.sense.plural) continue;
      const [first, joiner, second] = [out[n - 3] ?? "", out[n - 2] ?? "", out[n - 1] ?? ""];
      if (!JOINERS.has(joiner) || !this.nameWords.has(first) || !this.nameWords.has(second)) continue;
      if (STOPWORDS.has(first) || STOPWORDS.has(second) || this.nounAt(out, n - 1)) continue;
      const singular = pluralize.singular(out.slice(n, found.end).join(" ")).split(" ");
      out.splice(n - 2, 0, ...singular);
    }
    return out;
  }

  /**
   * The word of the base a contraction stands for ("stn" for "station", "dept" for "department"):
   * a word without vowels whose letters the base's word has in order, with the same first and last
   * letter, and no other of the base's words does.
   */
  contractionOf(word: string): string | undefined {
    if (word.length < 2 || /[aeiou\d]/.test(word)) return undefined;
    let found = this.contractionCache.get(word);
    if (found === undefined) {
      const fits = (candidate: string) => {
        if (candidate.length <= word.length || candidate[0] !== word[0] || candidate.at(-1) !== word.at(-1))
          return false;
        let at = 0;
        for (const letter of candidate) if (letter === word[at]) at++;
        return at === word.length;
      };
      const candidates = new Set([...this.nameWords, ...this.nounWords].filter(fits));
      found = candidates.size === 1 ? ([...candidates][0] as string) : "";
      if (this.contractionCache.size > TYPO_CACHE) this.contractionCache.clear();
      this.contractionCache.set(word, found);
    }
    return found || undefined;
  }
  private readonly contractionCache = new Map<string, string>();

  private readonly nameCache = new Map<string, string>();

  /** An entity's name and aliases as token phrases, " | "-joined and padded, for "is this name in it" tests. */
  namesOf(entity: Entity): string {
    let names = this.nameCache.get(entity.id);
    if (names === undefined) {
      names = ` ${[entity.name, ...entity.aliases].map((n) => tokenize(n).join(" ")).join(" | ")} `;
      this.nameCache.set(entity.id, names);
    }
    return names;
  }

  /**
   * The words of tracked names a word could be a slip of: one edit away, same first letter, at
   * least `minLength` long, and not itself a word of a name ("South" is no slip of "North").
   */
  typosOf(word: string, minLength: number): readonly string[] {
    let found = this.typoCache.get(word);
    if (!found) {
      found =
        word.length < minLength || this.nameWords.has(word)
          ? []
          : [...this.nameWords].filter(
              (n) => n[0] === word[0] && n.length >= minLength && editDistance(word, n, 1) <= 1,
            );
      if (this.typoCache.size > TYPO_CACHE) this.typoCache.clear();
      this.typoCache.set(word, found);
    }
    return found;
  }
  private readonly typoCache = new Map<string, readonly string[]>();

  /** The noun phrase starting at `at`, longest first. */
  nounAt(tokens: readonly string[], at: number): { end: number; sense: NounSense } | undefined {
    if (!this.nounStarts.has(tokens[at] ?? "")) return undefined;
    for (let length = Math.min(this.longestNoun, tokens.length - at); length >= 1; length--) {
      const sense = this.nouns.get(tokens.slice(at, at + length).join(" "));
      if (sense) return { end: at + length, sense };
    }
    return undefined;
  }
}

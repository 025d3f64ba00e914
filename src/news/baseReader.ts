import pluralize from "pluralize";
import { isEnglishWord } from "../engine/language/english.ts";
import type { KnowledgeBase } from "../knowledge/base.ts";
import type { State } from "../knowledge/schema.ts";
import { fold, type Token, tokenize } from "./text.ts";
import { LINKING_WORDS, PREPOSITIONS, STATE_ADJECTIVES, STATE_PHRASES } from "./vocabulary.ts";

/** A thing the article names that the base does not have yet, of one of the base's declared kinds. */
export interface NewThing {
  id: string;
  name: string;
  kind: string;
}
interface Pattern {
  words: string[];
  /** Which words match any word they begin ("reopen*", "emergenc* only"). */
  prefix: boolean[];
}

export interface Mention {
  first: number;
  last: number;
  ids: string[];
  newThing?: NewThing;
  /** Named where it only says where another thing is ("trails on the South Rim"): never a subject. */
  modifier?: boolean;
  /** Named by its place or owner ("Aarhus" for its port): a subject before the state word, never an object after it. */
  byPlace?: boolean;
}

export interface Trigger {
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

import pluralize from "pluralize";
import { isEnglishWord } from "../engine/language/english.ts";
import type { BaseReader, Mention, NewThing, Trigger } from "./baseReader.ts";
import { fold, type Token, tokenize } from "./text.ts";
import { BACKGROUND_OPENERS, CLAUSE_BREAKS, PREPOSITIONS } from "./vocabulary.ts";

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
export function clausesOf(
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
export function subjectsOf(
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

import type { KnowledgeBase, ResolvedEvent } from "../../knowledge/base.ts";
import { daysSince } from "../../knowledge/dates.ts";
import type { Correction, Entity, Fact, State } from "../../knowledge/schema.ts";
import {
  DEFAULT_STATE_SET,
  type Judgement,
  judge,
  type StateLook,
  type StateSet,
  tally,
} from "../../knowledge/states.ts";
import type {
  Answer,
  AnswerCode,
  Caveat,
  EntityRef,
  FactRef,
  Intent,
  SourceRef,
  StatusReport,
  Verdict,
} from "../answer.ts";
import {
  becauseOf,
  capitalise,
  citeSource,
  disputeSentence,
  lowerFirst,
  messages,
  onOrIn,
  sourceName,
  stateWord,
  statusSentences,
} from "../language/sentences.ts";
import { entityRef } from "../resolve/entityRef.ts";
import { STALE_AFTER_DAYS } from "../retrieve/status.ts";

export function factRef(fact: Fact): FactRef {
  return {
    id: fact.id,
    statement: fact.statement,
    ...(fact.when ? { when: fact.when } : {}),
    certainty: fact.certainty,
    attribution: fact.attribution,
    ...(fact.qualifier ? { qualifier: fact.qualifier } : {}),
    sourceId: fact.source,
    paragraph: fact.paragraph,
    ...(fact.corrections && fact.corrections.length > 0 ? { corrections: fact.corrections } : {}),
  };
}

/**
 * Marks the article's words a curator corrected, where the answer first uses them outside its
 * caveats: "Christina Quinn (the article's spelling; the curator notes this is Kristina Kvien)". The
 * corrections are those of the facts it cites and of the things it names.
 */
export function markCorrections(base: KnowledgeBase, answer: Answer): Answer {
  const corrections = new Map<string, Correction>();
  const add = (list: readonly Correction[] | undefined) => {
    for (const c of list ?? []) if (!corrections.has(c.article)) corrections.set(c.article, c);
  };
  for (const fact of answer.facts) add(fact.corrections);
  for (const ref of [...answer.entities, ...answer.statuses.map((s) => s.entity)])
    add(base.entities.get(ref.id)?.corrections);
  if (corrections.size === 0) return answer;
  let text = answer.text;
  for (const correction of corrections.values()) {
    const note = ` (${messages.curatorNote(correction.kind, correction.curator)})`;
    if (text.includes(note)) continue;
    const at = firstUse(text, correction.article, answer.caveats);
    if (at !== undefined) text = `${text.slice(0, at)}${note}${text.slice(at)}`;
  }
  return text === answer.text ? answer : { ...answer, text };
}

/**
 * Where a note on `words` goes: after their first use as whole words (and after a possessive "'s"),
 * outside the caveats' sentences, which surfaces show apart and find by their text.
 */
function firstUse(text: string, words: string, caveats: readonly Caveat[]): number | undefined {
  const inCaveat = (i: number) =>
    caveats.some((c) => {
      let from = text.indexOf(c.text);
      while (from >= 0) {
        if (i >= from && i < from + c.text.length) return true;
        from = text.indexOf(c.text, from + 1);
      }
      return false;
    });
  const wordChar = /[\p{L}\p{N}]/u;
  for (let i = text.indexOf(words); i >= 0; i = text.indexOf(words, i + 1)) {
    const end = i + words.length;
    if (wordChar.test(text[i - 1] ?? "") || wordChar.test(text[end] ?? "") || inCaveat(i)) continue;
    const possessive = /^['’]s\b/.exec(text.slice(end));
    return end + (possessive ? possessive[0].length : 0);
  }
  return undefined;
}

function uniqueSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const s of sources) if (!seen.has(s.id)) seen.set(s.id, s);
  return [...seen.values()];
}

/** A miss: nothing answered, with what the engine can do instead. */
export function decline(
  code: AnswerCode,
  intent: Intent,
  text: string,
  entities: Entity[] = [],
  suggestions: string[] = [],
): Answer {
  return {
    answered: false,
    code,
    intent,
    text,
    confidence: 0,
    caveats: [],
    entities: entities.map(entityRef),
    statuses: [],
    facts: [],
    sources: [],
    suggestions,
  };
}

/** A status answer for one or more entities, led by yes or no when the question was yes/no. */
export function statusAnswer(
  intent: Intent,
  statuses: StatusReport[],
  confidence: number,
  options: {
    /** The state a yes/no question named; the answer then leads with yes or no. */
    askedState?: State;
    /** The states of each thing's kind, which say how its state answers `askedState` (the four when left out). */
    stateSet?: (entityId: string) => StateSet;
    /** A sentence to lead with instead of yes or no. */
    lead?: string;
    /** Sentences that replace the status sentences (when, why and past-date answers). */
    body?: string[];
    notes?: Caveat[];
    /** Caveats already said in `body`. */
    caveats?: Caveat[];
    /** The verdict when no yes or no lead is given (a yes-or-no question the sources cannot settle). */
    verdict?: Verdict;
    /** Say how old the reports are when stale (default true). */
    mentionAge?: boolean;
    qualifierOf?: (status: StatusReport) => string | undefined;
  } = {},
): Answer {
  const parts: string[] = [];
  const { askedState } = options;
  let verdict: Verdict | undefined = options.verdict;
  const caveats: Caveat[] = [...(options.caveats ?? []), ...(options.notes ?? [])];
  if (options.lead) parts.push(options.lead);
  else if (askedState && statuses.length > 0) {
    const each = statuses.map((s) =>
      judgeStatus(options.stateSet?.(s.entity.id) ?? DEFAULT_STATE_SET, s, askedState),
    );
    const disputed = each.filter((j) => j.disputed).length;
    const unanswerable = each.some((j) => !j.disputed && j.judgement === undefined);
    const judged = disputed > 0 ? undefined : tally(each.map((j) => j.judgement));
    // One disputed thing's sentence says so itself; among several, the lead says which way it goes.
    if (disputed > 0 && !unanswerable) {
      if (statuses.length > 1) parts.push(messages.disagreeLead.some);
      verdict = "disputed";
    }
    // A state or question the thing's kind does not have ("is it open" of a travel advisory): no yes or no.
    if (judged) {
      // Asked "is it open" of something working in part: neither yes nor no.
      const { all, none, partly } = judged;
      parts.push(
        partly
          ? messages.verdictLead.partly
          : all
            ? messages.verdictLead.yes
            : none
              ? messages.verdictLead.no
              : messages.verdictLead.some,
      );
      verdict = partly ? "partly" : all ? "yes" : none ? "no" : "partly";
    }
  }
  parts.push(...(options.body ?? statusSentences(statuses, options.qualifierOf ?? (() => undefined))));
  parts.push(...(options.notes ?? []).map((n) => n.text));
  // Each disagreement the answer says is one of its caveats, with the sentence that says it.
  const said = parts.join(" ");
  for (const s of statuses) {
    const text = disputeSentence(s);
    if (text && said.includes(text) && !caveats.some((c) => c.text === text))
      caveats.push({ kind: "disagreement", text });
  }
  if (options.mentionAge !== false && statuses.some((s) => s.stale)) {
    let ageDays = 0;
    for (const s of statuses) ageDays = Math.max(ageDays, s.ageDays);
    const text = messages.stale(ageDays);
    parts.push(text);
    caveats.push({ kind: "stale", text, ageDays });
  }
  return answered(intent, parts.join(" "), confidence, {
    ...(verdict ? { verdict } : {}),
    caveats,
    entities: statuses.map((s) => s.entity),
    ...(statuses[0] ? { status: statuses[0] } : {}),
    statuses,
    // The report each status is as of, then the report of the change it rests on.
    // …and each source of an account where sources disagree.
    sources: uniqueSources(
      statuses.flatMap((s) => [
        s.source,
        ...(s.changeSource ? [s.changeSource] : []),
        ...(s.disputed?.accounts.map((a) => a.source) ?? []),
      ]),
    ),
  });
}

/**
 * How a status answers a yes-or-no question: by its state, or, where sources disagree on the state,
 * by every account alike, or disputed when the accounts answer it differently.
 */
function judgeStatus(
  set: StateSet,
  status: StatusReport,
  asked: State,
): { judgement?: Judgement; disputed?: true } {
  const accounts = status.disputed?.kind === "state" ? status.disputed.accounts : undefined;
  if (!accounts) return { judgement: judge(set, status.state, asked) };
  const answers = new Set(accounts.map((a) => judge(set, a.state, asked)));
  if (answers.size > 1) return { disputed: true };
  const [judgement] = answers;
  return judgement ? { judgement } : {};
}

/**
 * "How many staff work at the embassy" where no report gives a figure: saying so answers it, with
 * nothing asserted about the world but what a report says of the thing counted, when one does.
 */
export function noFigure(
  text: string,
  addresses: string[],
  entities: Entity[],
  confidence: number,
  said?: Answer,
): Answer {
  return answered("how-many", said ? `${text} ${said.text}` : text, confidence, {
    verdict: "not-given",
    entities: entities.map(entityRef),
    caveats: [
      { kind: "not-given", text, ...(addresses.length > 0 ? { addresses } : {}) },
      ...(said?.caveats ?? []),
    ],
    ...(said ? { facts: said.facts, sources: said.sources } : {}),
  });
}

/** An answer about the articles themselves: who wrote them, when and what they are. */
export function sourceAnswer(
  intent: Intent,
  text: string,
  confidence: number,
  entities: Entity[],
  sources: SourceRef[],
): Answer {
  return answered(intent, text, confidence, { entities: entities.map(entityRef), sources });
}

/** An answered `Answer` with the given parts; lists left out are empty. */
function answered(intent: Intent, text: string, confidence: number, parts: Partial<Answer>): Answer {
  return {
    answered: true,
    code: "answered",
    intent,
    text,
    confidence,
    caveats: [],
    entities: [],
    statuses: [],
    facts: [],
    sources: [],
    suggestions: [],
    ...parts,
  };
}

/** An answer made of facts, each keeping its qualifier, with its source and age. */
export function factAnswer(
  base: KnowledgeBase,
  intent: Intent,
  facts: Fact[],
  entities: Entity[],
  confidence: number,
  now: Date,
  lead?: string,
): Answer {
  const parts: string[] = lead ? [lead] : [];
  for (const fact of facts) {
    const qualifier =
      fact.qualifier && !fact.statement.toLowerCase().includes(fact.qualifier.toLowerCase())
        ? ` (${lowerFirst(fact.qualifier.replace(/\.$/, ""))})`
        : "";
    parts.push(`${fact.statement.replace(/\.$/, "")}${qualifier}.`);
  }
  const sources = uniqueSources(facts.map((f) => base.sourceRef(f.source)));
  parts.push(`${sources.length > 1 ? "Sources" : "Source"}: ${sources.map(citeSource).join("; ")}.`);
  let age = 0;
  for (const s of sources) age = Math.max(age, daysSince(s.published, now));
  const caveats: Caveat[] = [];
  if (age > STALE_AFTER_DAYS) {
    const text = messages.factAge(age, sources.length);
    parts.push(text);
    caveats.push({ kind: "stale", text, ageDays: age });
  }
  return answered(intent, parts.join(" "), confidence, {
    caveats,
    entities: entities.map(entityRef),
    facts: facts.map(factRef),
    sources,
  });
}

/**
 * What a change between states a kind declares did: "was raised to Level 4: Do not travel" (to a more
 * severe state), "was lowered to …", or "was set at …" as the first on record.
 */
export function levelChange(event: ResolvedEvent, previous?: ResolvedEvent): string {
  const look = event.look as StateLook;
  const before = previous?.look;
  const how = !before
    ? messages.levelChange.first
    : look.severity > before.severity
      ? messages.levelChange.raised
      : look.severity < before.severity
        ? messages.levelChange.lowered
        : messages.levelChange.first;
  return `${how} ${look.label}${event.temporary ? ` ${messages.levelChange.temporarily}` : ""}`;
}

/** "It reopened in May 2022: <reason>." for when/why questions about a change. */
export function changeSentence(name: string, event: ResolvedEvent, previous?: ResolvedEvent): string {
  // A state first reported as already holding: its start is not known, so none is given.
  if (event.startUnknown)
    return `${capitalise(name)} was ${stateWord(event)} ${onOrIn(event.effective)}, per ${sourceName(event.source)}, which does not say since when${becauseOf(event.reason)}.`;
  // An opening first on record may be a reopening whose closure the sources do not date.
  const verb = event.look
    ? levelChange(event, previous)
    : event.state === "open"
      ? !previous
        ? "was first reported open"
        : previous.state === "open"
          ? "opened"
          : "reopened"
      : event.state === "closed"
        ? `closed${event.temporary ? " temporarily" : ""}`
        : `became ${stateWord(event)}`;
  return `${capitalise(name)} ${verb} ${onOrIn(event.effective)}, per ${sourceName(event.source)}${becauseOf(event.reason)}.`;
}

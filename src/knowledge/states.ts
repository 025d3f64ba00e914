import { type Kind, STATES, type StateDeclaration, type StateQuestion } from "./schema.ts";

/** How a state of a declared list shows: its label, severity, and the platforms' colour and emoji. */
export interface StateLook {
  label: string;
  /** How a sentence says it after "is": "at Level 4: Do not travel". */
  phrase: string;
  severity: number;
  colour?: string;
  emoji?: string;
}

/** A state with its order settled: the severity given, or its place in the list. */
export interface KindState extends StateLook {
  id: string;
  words: readonly string[];
}

/** The states one kind's things can be in, and the yes-or-no questions readers ask of them. */
export interface StateSet {
  /** False for a kind that declares none, which has the four every kind had before. */
  declared: boolean;
  states: readonly KindState[];
  byId: ReadonlyMap<string, KindState>;
  questions: readonly StateQuestion[];
}

/** How a state answers a yes-or-no question about it. */
export type Judgement = "yes" | "partly" | "no";

/** The four states of a kind that declares none, least severe first. */
const DEFAULT_STATES: readonly KindState[] = [
  { id: "open", label: "open", phrase: "open", severity: 0, words: [] },
  { id: "limited", label: "limited", phrase: "limited", severity: 1, words: [] },
  { id: "suspended", label: "suspended", phrase: "suspended", severity: 2, words: [] },
  { id: "closed", label: "closed", phrase: "closed", severity: 3, words: [] },
];

export const DEFAULT_STATE_SET: StateSet = {
  declared: false,
  states: DEFAULT_STATES,
  byId: new Map(DEFAULT_STATES.map((s) => [s.id, s])),
  questions: [],
};

// The four keep the order the commands have always listed them in.
if (DEFAULT_STATES.length !== STATES.length) throw new Error("the default states and STATES disagree");

/** The states a kind declares, or the four when it declares none. */
export function stateSetOf(kind: Kind | undefined): StateSet {
  if (!kind?.states) return DEFAULT_STATE_SET;
  const states = kind.states.map(
    (s: StateDeclaration, i): KindState => ({
      id: s.id,
      label: s.label ?? s.id,
      phrase: s.phrase ?? s.label ?? s.id,
      severity: s.severity ?? i,
      words: s.words,
      ...(s.colour ? { colour: s.colour } : {}),
      ...(s.emoji ? { emoji: s.emoji } : {}),
    }),
  );
  return { declared: true, states, byId: new Map(states.map((s) => [s.id, s])), questions: kind.questions };
}

/**
 * Every state id the base's things can take, as `update` reads them: the four, then each state a
 * kind declares, by kind and severity.
 */
export function baseStateIds(kinds: Iterable<Kind>): string[] {
  const ids = new Set<string>(STATES);
  for (const kind of kinds) for (const id of stateIds(stateSetOf(kind))) ids.add(id);
  return [...ids];
}

/** The kinds that declare their states, each with its state ids by severity: for help. */
export function declaredStates(kinds: Iterable<Kind>): { kind: string; states: string[] }[] {
  return [...kinds].filter((k) => k.states).map((k) => ({ kind: k.id, states: stateIds(stateSetOf(k)) }));
}

/** The look of a declared state, for answers and notices; none for the four, which show as before. */
export function lookOf(set: StateSet, state: string): StateLook | undefined {
  if (!set.declared) return undefined;
  const s = set.byId.get(state);
  if (!s) return undefined;
  return {
    label: s.label,
    phrase: s.phrase,
    severity: s.severity,
    ...(s.colour ? { colour: s.colour } : {}),
    ...(s.emoji ? { emoji: s.emoji } : {}),
  };
}

/** The state ids of a set, in the order commands offer them: the four as always, declared ones by severity. */
export function stateIds(set: StateSet): string[] {
  if (!set.declared) return [...STATES];
  return [...set.states].sort((a, b) => a.severity - b.severity).map((s) => s.id);
}

/**
 * How several things answer one yes-or-no question together: all yes, none yes, all only partly; or
 * undefined when one of them cannot answer it.
 */
export function tally(
  judged: readonly (Judgement | undefined)[],
): { all: boolean; none: boolean; partly: boolean } | undefined {
  if (judged.some((j) => j === undefined)) return undefined;
  return {
    all: judged.every((j) => j === "yes"),
    none: judged.every((j) => j !== "yes"),
    partly: judged.every((j) => j === "partly"),
  };
}

/**
 * How a thing in state `actual` answers a yes-or-no question asking `asked`: a state of its kind
 * ("is it at level 4"), or one of its kind's questions ("can I travel there"). Undefined when its
 * kind has no such state or question, so that no yes or no is given.
 */
/** The four's states in which a thing does not run at all. */
const NOT_RUNNING = new Set(["closed", "suspended"]);

export function judge(set: StateSet, actual: string, asked: string): Judgement | undefined {
  const question = set.questions.find((q) => q.id === asked);
  if (question) {
    if (question.yes.includes(actual)) return "yes";
    if (question.partly.includes(actual)) return "partly";
    if (question.no.includes(actual)) return "no";
    return undefined;
  }
  if (!set.byId.has(asked)) return undefined;
  if (actual === asked) return "yes";
  if (!set.declared) {
    // "Is it still shut" of a suspended line: not running either way.
    if (NOT_RUNNING.has(asked) && NOT_RUNNING.has(actual)) return "yes";
    // Asked "is it open", or "is it shut", of something working in part: neither yes nor no.
    if ((asked === "open" || NOT_RUNNING.has(asked)) && actual === "limited") return "partly";
  }
  return "no";
}

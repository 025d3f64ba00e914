import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  CHANGE_WORDS,
  NUMBER_WORDS,
  ONE_WORDS,
  PERSISTENCE_WORDS,
  PLACE_NOUNS,
  SOURCE_WORDS,
  STATE_PHRASES,
  STATUS_WORDS,
  STOP_WORDS,
  STOPWORDS,
} from "../../src/engine/language/words.ts";
import { EngineIndex } from "../../src/engine/lookup/index.ts";
import { tokenize } from "../../src/engine/normalise/text.ts";
import type { KnowledgeBase } from "../../src/knowledge/base.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { KNOWLEDGE_DIR, REPO_ROOT } from "../support/tempKnowledge.ts";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * The words of a file's code, read by TypeScript's own parser so that comments are left out: the
 * words inside its strings, templates and regular expressions, and its identifiers split at their
 * capitals and underscores.
 */
function codeWords(source: string): { strings: string[]; identifiers: string[] } {
  const file = ts.createSourceFile("engine.ts", source, ts.ScriptTarget.Latest, true);
  const strings: string[] = [];
  const identifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateLiteralToken(node) ||
      ts.isRegularExpressionLiteral(node)
    ) {
      strings.push(...tokenize(node.text.replace(/\\[a-z]/gi, " ")), "|");
    } else if (ts.isIdentifier(node)) {
      identifiers.push(...tokenize(node.text.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ")), "|");
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { strings, identifiers };
}

/** Every name, alias and demonym of a base's entities, and every noun of its kinds (with `inferred`, also those read off names). */
function topicTerms(base: KnowledgeBase, inferred: boolean): Set<string> {
  const terms = new Set<string>();
  const add = (text: string) => {
    const tokens = tokenize(text);
    if (tokens.length > 0) terms.add(tokens.join(" "));
  };
  for (const entity of base.entities.values()) {
    for (const name of [entity.name, ...entity.aliases, ...entity.demonyms]) add(name);
  }
  for (const kind of base.topic.kinds.values())
    for (const noun of [...kind.nouns, ...kind.plurals]) add(noun);
  if (inferred) for (const noun of new EngineIndex(base).lexicon.nouns.keys()) add(noun);
  return terms;
}

/**
 * The engine's own verbs of state and change ("stop", "halt", "open"): English it must read in every
 * base, even where a base also uses one as a noun for what it tracks ("the Braystones halt").
 */
const STATE_VERBS = new Set([...STATUS_WORDS, ...CHANGE_WORDS.keys(), ...STOP_WORDS, ...PERSISTENCE_WORDS]);
/**
 * The engine's own closed classes of English, which bases curated from real articles also use in
 * names ("Bridge One", "the Consular Report of Birth Abroad", "IMO", a kind called "town"): the
 * function words and chat fillers, number words, words for "one", words about articles, nouns for
 * a place, and the words of the idioms for a state. A topic word added to one of these lists would still show in the other bases.
 */
const ENGLISH_CLASSES = new Set([
  ...STOPWORDS,
  ...NUMBER_WORDS,
  ...ONE_WORDS,
  ...SOURCE_WORDS,
  ...PLACE_NOUNS,
  // "In operation", "up and running": the words of the idioms for a state.
  ...[...STATE_PHRASES.keys()].flatMap((phrase) => phrase.split(" ")),
]);

/** The terms whose words stand together in the code. */
function termsIn(words: readonly string[], terms: ReadonlySet<string>): string[] {
  const joined = ` ${words.join(" ")} `;
  return [...terms].filter(
    (term) => !STATE_VERBS.has(term) && !ENGLISH_CLASSES.has(term) && joined.includes(` ${term} `),
  );
}

const BASE_DIRS = [
  KNOWLEDGE_DIR,
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "border-crossings"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "embassies"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "lake-ferries"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "kestrel-range"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "swing-bridges"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "osmer-leisure"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "tarn-valley"),
  // Bases curated from real articles by people who had not seen the engine.
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-transport"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-places"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-transit"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-airports"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-tunnel"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-yellowstone"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-louvre"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-universities"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-roads"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-iceland"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-crossings"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-embassies-iran"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-baltimore"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-maldives-schools"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-scotrail"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-healthalliance"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-denali"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-red-mountain"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-ash-airports"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "blind-new-caledonia"),
  // The example bases beside the project, when it sits in its workspace.
  path.join(REPO_ROOT, "..", "shared", "eval", "bases", "ports"),
  path.join(REPO_ROOT, "..", "shared", "eval", "bases", "hospitals"),
].filter((dir) => existsSync(dir));

describe("the engine names no topic", () => {
  const engineFiles = filesUnder(path.join(REPO_ROOT, "src", "engine")).filter((f) => f.endsWith(".ts"));
  const code = engineFiles.map((f) => codeWords(readFileSync(f, "utf8")));
  const strings = code.flatMap((c) => c.strings);
  const identifiers = code.flatMap((c) => c.identifiers);

  it("has engine files and bases to check", () => {
    expect(engineFiles.length).toBeGreaterThan(15);
    expect(BASE_DIRS.length).toBeGreaterThanOrEqual(3);
  });

  it.each(BASE_DIRS.map((dir) => [path.basename(dir), dir]))(
    "no name, alias or kind noun of the %s base appears in src/engine (comments aside)",
    (_name, dir) => {
      const loaded = loadKnowledgeBase(dir);
      if (!loaded.ok) throw new Error(`${dir} does not load`);
      const all = topicTerms(loaded.base, true);
      expect(all.size).toBeGreaterThan(10);
      // Strings and patterns are what the engine matches questions with: no topic word at all.
      expect(termsIn(strings, all)).toEqual([]);
      // Identifiers may use plain words the engine reads off names ("link", "line"), never a name or declared noun.
      expect(termsIn(identifiers, topicTerms(loaded.base, false))).toEqual([]);
    },
  );

  it("the check itself finds a topic word in code and ignores one in a comment", () => {
    const terms = new Set(["embassy", "port of gothenburg", "emergency room"]);
    expect(termsIn(codeWords('const WORDS = ["embassy", "other"];').strings, terms)).toEqual(["embassy"]);
    expect(termsIn(codeWords("const re = /emergency room/;").strings, terms)).toEqual(["emergency room"]);
    expect(termsIn(codeWords("const portOfGothenburg = 1;").identifiers, terms)).toEqual([
      "port of gothenburg",
    ]);
    const commented = codeWords("// the emergency room\n/* embassy */ const s = /['’]s/; // embassy");
    expect(termsIn([...commented.strings, ...commented.identifiers], terms)).toEqual([]);
  });
});

/** Fields whose values are the engine's own closed sets (a question word, a role, a state), not English. */
const TYPED_FIELDS = new Set([
  "word",
  "kind",
  "intent",
  "code",
  "role",
  "type",
  "state",
  "precision",
  "subjectFrom",
  "verdict",
  "certainty",
  "answers",
]);
/** Local names the engine gives such closed-set values (`role`, `intent`, `aside`). */
const TYPED_NAMES = new Set([
  "word",
  "opener",
  "openers",
  "role",
  "intent",
  "aside",
  "next",
  "askedState",
  "state",
  "kind",
  "code",
]);
const WORD = /^[a-z][a-z' -]*$/;

/**
 * Word lists and word-keyed branches in a file's code: an array of two or more lower-case word
 * strings, a string of three or more words that is split into a list, or a comparison of a
 * question's text with an English word (`token === "why"`, `tokens.includes("many")`). A typed
 * field compared with one of its values (`shape.word === "why"`) is not English and is allowed.
 */
function wordRules(source: string): string[] {
  const file = ts.createSourceFile("engine.ts", source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const isWord = (node: ts.Node) => ts.isStringLiteralLike(node) && WORD.test(node.text) && node.text !== "";
  const typedField = (node: ts.Node): boolean =>
    (ts.isPropertyAccessExpression(node) && TYPED_FIELDS.has(node.name.text)) ||
    (ts.isIdentifier(node) && TYPED_NAMES.has(node.text)) ||
    (ts.isParenthesizedExpression(node) && typedField(node.expression));
  // `new Set<CaveatKind>([...])`: a list of a closed set's values, typed as such.
  const typedList = (node: ts.Node): boolean =>
    ts.isNewExpression(node.parent) &&
    (node.parent.typeArguments ?? []).some((t) => t.kind !== ts.SyntaxKind.StringKeyword);
  const visit = (node: ts.Node) => {
    if (ts.isArrayLiteralExpression(node)) {
      const words = node.elements.filter(isWord);
      if (words.length >= 2 && words.length === node.elements.length && !typedList(node))
        found.push(`list [${words.map((w) => (w as ts.StringLiteral).text).join(", ")}]`);
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "split" &&
      (ts.isStringLiteralLike(node.expression.expression) ||
        ts.isTemplateExpression(node.expression.expression))
    ) {
      const text = node.expression.expression.getText(file);
      if (text.trim().split(/\s+/).length >= 3) found.push(`split list ${text.slice(0, 40)}`);
    } else if (
      ts.isBinaryExpression(node) &&
      [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(
        node.operatorToken.kind,
      )
    ) {
      const [literal, other] = isWord(node.right) ? [node.right, node.left] : [node.left, node.right];
      if (isWord(literal) && !typedField(other)) found.push(`branch ${node.getText(file)}`);
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ["includes", "indexOf", "startsWith", "endsWith", "has"].includes(node.expression.name.text) &&
      node.arguments.length === 1 &&
      isWord(node.arguments[0] as ts.Node) &&
      !typedField(node.expression.expression)
    ) {
      found.push(`branch ${node.getText(file)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("the engine's English words live in one data file", () => {
  const engineDir = path.join(REPO_ROOT, "src", "engine");
  const dataFile = path.join(engineDir, "language", "words.ts");

  it("no word list or word-keyed branch stands anywhere else in src/engine", () => {
    const found = filesUnder(engineDir)
      .filter((f) => f.endsWith(".ts") && f !== dataFile)
      .flatMap((f) =>
        wordRules(readFileSync(f, "utf8")).map((rule) => `${path.relative(engineDir, f)}: ${rule}`),
      );
    expect(found).toEqual([]);
  });

  it("the data file holds the words, each group with its comment", () => {
    const source = readFileSync(dataFile, "utf8");
    expect(wordRules(source).length).toBeGreaterThan(10);
    for (const match of source.matchAll(/^export const (\w+)/gm)) {
      const before = source.slice(0, match.index).trimEnd();
      expect(before.endsWith("*/"), `${match[1]} has no comment`).toBe(true);
    }
  });

  it("the check itself finds a list and a keyed branch, and lets a typed field be", () => {
    expect(wordRules('const A = new Set(["why", "how"]);')).toHaveLength(1);
    expect(wordRules('const B = "a b c".split(" ");')).toHaveLength(1);
    expect(wordRules('if (tokens[0] === "did") x();')).toHaveLength(1);
    expect(wordRules('if (tokens.includes("many")) x();')).toHaveLength(1);
    expect(wordRules('if (shape.word === "why") x();')).toEqual([]);
    expect(wordRules('const tags = ["NOUN", "PROPN"];')).toEqual([]);
    expect(wordRules('const K = new Set<CaveatKind>(["stale", "assumed"]);')).toEqual([]);
  });
});

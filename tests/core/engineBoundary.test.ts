import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
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

/** The terms whose words stand together in the code. */
function termsIn(words: readonly string[], terms: ReadonlySet<string>): string[] {
  const joined = ` ${words.join(" ")} `;
  return [...terms].filter((term) => joined.includes(` ${term} `));
}

const BASE_DIRS = [
  KNOWLEDGE_DIR,
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "border-crossings"),
  path.join(REPO_ROOT, "tests", "fixtures", "bases", "embassies"),
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

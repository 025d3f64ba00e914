import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/knowledge/load.ts";
import { checkKnowledgeFolder } from "../../src/knowledge/loadBase.ts";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

const FIXTURE = path.join(REPO_ROOT, "tests", "fixtures", "bases", "border-crossings");
const FACTS = "facts-2026-01-14-storm-closures.yaml";
const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-quotes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The base with the first fact's statement replaced, and what `brief check` then warns of. */
function checkWith(statement: string, paragraph = 1): string[] {
  const dir = mkdtempSync(path.join(scratch, "base-"));
  cpSync(FIXTURE, dir, { recursive: true });
  const file = path.join(dir, FACTS);
  const text = readFileSync(file, "utf8");
  const edited = text
    .replace(
      /statement: >-\n {6}The motorway border crossing between Le Perthus[^\n]*\n[^\n]*\n[^\n]*\n/,
      `statement: '${statement}'\n`,
    )
    .replace(/(source: ptr-2026-01-14-storm-candela\n {4}paragraph: )1\n/, `$1${paragraph}\n`);
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
  const checked = checkKnowledgeFolder(dir);
  if (!checked.ok) throw new Error(checked.problems.map(formatProblem).join("\n"));
  return checked.warnings.map(formatProblem).filter((w) => w.includes(FACTS) && w.includes("facts[0]"));
}

describe("brief check against the articles' text", () => {
  it("accepts a quotation that is in the cited paragraph word for word", () => {
    expect(
      checkWith('Le Perthus was closed after "several jack-knifed lorries blocked both carriageways".'),
    ).toEqual([]);
  });

  it("warns of a quotation the cited paragraph does not have, with file, field and line", () => {
    const warnings = checkWith('Le Perthus was closed after "a lorry overturned on the motorway".');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(
        `${FACTS}:\\d+ facts\\[0\\]\\.statement: quotes "a lorry overturned on the motorway", which is not in paragraph 1`,
      ),
    );
  });

  it("warns of a fact whose paragraph names none of the things it is about", () => {
    const warnings = checkWith("The motorway crossing at Le Perthus closed.", 7);
    expect(
      warnings.some((w) => /facts\[0\]\.paragraph: .* cites paragraph 7 .* which names none of/.test(w)),
    ).toBe(true);
  });
});

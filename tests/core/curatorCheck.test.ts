import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runBrief } from "../../src/cli/brief.ts";
import { formatProblem, type KnowledgeProblem } from "../../src/knowledge/load.ts";
import { checkKnowledgeFolder, loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { summariseBase } from "../../src/knowledge/summary.ts";
import { fixtureBase, fixtureDir } from "../support/fixtureBases.ts";

/**
 * `brief check` as a curator's tool: every error of a folder in one pass, a missing field said to be
 * required, warnings for what loads but will answer badly, and a summary that dates states as the
 * sources do. The folders here are invented, written for this file.
 */
const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-curator-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const SOURCES = `sources:
  - id: gazette-1
    publisher: "Harbour Gazette"
    headline: "Locks shut"
    published: { date: "2026-05-02", precision: day }
`;
const KINDS = `kinds:
  - id: lock
    nouns: [lock]
`;

const problemsOf = (dir: string): KnowledgeProblem[] => {
  const loaded = loadKnowledgeBase(dir);
  if (loaded.ok) throw new Error("expected problems");
  return loaded.problems;
};
const where = (p: KnowledgeProblem) => `${path.basename(p.file)}:${p.line} ${p.field}`;

describe("all errors in one pass", () => {
  it("reports schema errors and reference errors together, in file and line order", () => {
    const dir = folder("one-pass", {
      "a.yaml": `${SOURCES}${KINDS}`,
      "b.yaml": `entities:
  - id: east-lock
    kind: lock
    name: "East Lock"
  - id: west-lock
    kind: lok
    name: "West Lock"
timelines:
  - entity: east-lock
    events:
      - state: closed
        effective: { date: "2026-05-01", precision: day }
        source: gazette-9
        paragraph: 1
`,
      "c.yaml": `facts:
  - id: lock-keeper
    about: [east-lock]
    statement: "The keeper left."
    source: gazette-1
    attribution: "reported by the Harbour Gazette"
    certainty: confirmed
  - id: lock-gates
    about: [north-lock]
    statement: "The gates jammed."
    source: gazette-1
    paragraph: 2
    attribution: "reported by the Harbour Gazette"
    certainty: confirmed
`,
    });
    const problems = problemsOf(dir);
    expect(problems.map(where)).toEqual([
      "b.yaml:6 entities[1].kind",
      "b.yaml:13 timelines[0].events[0].source",
      "c.yaml:2 facts[0].paragraph",
      "c.yaml:9 facts[1].about[0]",
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'unknown kind "lok" (declare it under `kinds`)',
      'unknown source "gazette-9"',
      "is required (a number)",
      'unknown entity "north-lock"',
    ]);
  });

  it("says a missing field is required, with file, field and line, and no type talk", () => {
    const dir = folder("missing", {
      "a.yaml": `${SOURCES}entities:
  - id: east-lock
    kind: lock
`,
    });
    const [problem, ...rest] = problemsOf(dir);
    expect(rest).toEqual([]);
    expect(problem && formatProblem(problem)).toMatch(
      /missing\/a\.yaml:7 entities\[0\]\.name: is required \(a text\)$/,
    );
    expect(problem?.message).not.toMatch(/undefined|expected string/);
  });

  it("does not report a reference to an item that is itself invalid, nor to a file that cannot be parsed", () => {
    const dir = folder("claimed", {
      "a.yaml": `${SOURCES}${KINDS}entities:
  - id: east-lock
    kind: lock
`,
      "b.yaml": `facts:
  - id: keeper
    about: [east-lock]
    statement: "The keeper left."
    source: gazette-1
    paragraph: 1
    attribution: "reported by the Harbour Gazette"
    certainty: confirmed
`,
      "c.yaml": "sources: [ {id: x\n",
      "d.yaml": `facts:
  - id: other
    about: [east-lock]
    statement: "Cited to the unreadable file's source."
    source: in-the-broken-file
    paragraph: 1
    attribution: "reported"
    certainty: confirmed
`,
    });
    const problems = problemsOf(dir);
    expect([...new Set(problems.map((p) => path.basename(p.file)))]).toEqual(["a.yaml", "c.yaml"]);
    expect(problems[0]?.message).toBe("is required (a text)");
    expect(problems.every((p) => !/unknown/.test(p.message))).toBe(true);
  });
});

describe("warnings for what loads but answers badly", () => {
  const dir = folder("warnings", {
    "base.yaml": `${SOURCES}kinds:
  - id: lock
    nouns: [lock]
  - id: weir
entities:
  - id: harbour-town
    kind: city
    name: "Harbour Town"
  - id: east-lock
    kind: lock
    name: "East Lock"
    aliases: ["the big lock"]
    location: harbour-town
  - id: west-lock
    kind: lock
    name: "West Lock"
    aliases: ["The Big Lock"]
    location: harbour-town
  - id: mill-weir
    kind: weir
    name: "Mill Weir"
  - id: keeper
    kind: person
    name: "Ada Quist"
timelines:
  - entity: east-lock
    events:
      - state: closed
        effective: { date: "2026-05-01", precision: day }
        source: gazette-1
        paragraph: 1
      - type: still
        state: open
        effective: { date: "2026-05-02", precision: day }
        source: gazette-1
        paragraph: 3
  - entity: west-lock
    events:
      - type: still
        state: closed
        effective: { date: "2026-05-02", precision: day }
        source: gazette-1
        paragraph: 2
facts:
  - id: keeper-retired
    about: [keeper]
    statement: "Ada Quist retired."
    source: gazette-1
    paragraph: 4
    attribution: "reported by the Harbour Gazette"
    certainty: confirmed
  - id: town-flooded
    about: [harbour-town]
    statement: "Harbour Town flooded."
    source: gazette-1
    paragraph: 5
    attribution: "reported by the Harbour Gazette"
    certainty: confirmed
`,
    "articles/gazette-1.txt":
      "Harbour Gazette\nThe East Lock and the West lock shut as Harbour Town flooded. The weir at the mill held. Keeper Ada Quist retired.\n",
  });

  const checked = checkKnowledgeFolder(dir);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  const warnings = checked.warnings.map((w) => `${where(w)}: ${w.message}`);

  it("warns of each, with file, field and line", () => {
    expect(warnings).toEqual([
      expect.stringMatching(/^base\.yaml:9 kinds\[1\]\.nouns: kind "weir" has no nouns/),
      expect.stringMatching(
        /^base\.yaml:22 entities\[2\]\.aliases\[0\]: "The Big Lock" is also the alias of "east-lock"/,
      ),
      expect.stringMatching(/^base\.yaml:26 entities\[3\]\.name: "Mill Weir" appears in no article/),
      expect.stringMatching(
        /^base\.yaml:38 timelines\[0\]\.events\[1\]\.state: a "still" entry says the state held, but the entry before it has it closed, not open/,
      ),
      expect.stringMatching(/^base\.yaml:51 facts\[0\]\.about: "keeper-retired" is about no tracked entity/),
    ]);
  });

  it("does not warn of a `still` entry that opens a timeline, nor of a fact about a tracked thing's place", () => {
    expect(warnings.some((w) => /timelines\[1\]/.test(w))).toBe(false);
    expect(warnings.some((w) => /town-flooded/.test(w))).toBe(false);
  });

  it("does not look for names in articles when none are beside the base", () => {
    const loaded = checkKnowledgeFolder(fixtureDir("mountain-lifts"));
    expect(loaded.ok && loaded.warnings.filter((w) => /appears in no article/.test(w.message))).toEqual([]);
  });

  it("brief check prints the summary and the warnings, and exits 0", async () => {
    let out = "";
    const stdout = new PassThrough().on("data", (chunk) => {
      out += chunk;
    });
    const code = await runBrief(["check"], {
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: {
        PATH: process.env.PATH ?? "",
        BRIEFBOT_KNOWLEDGE_DIR: dir,
        BRIEFBOT_DB_PATH: path.join(scratch, "x.db"),
      },
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^Knowledge base OK/);
    expect(out).toMatch(/\n5 warnings \(the base loads; these are worth a look\):\n/);
    expect(out).toMatch(/base\.yaml:22 entities\[2\]\.aliases\[0\]: /);
  });
});

describe("the summary dates each state as the sources do", () => {
  const lines = summariseBase(fixtureBase("mountain-lifts")).split("\n");
  const line = (name: string) => lines.find((l) => l.trim().startsWith(`${name}:`));

  it("gives a `still` report's date as the date it held, not as a start", () => {
    expect(line("Corvo gondola")).toBe(
      "  Corvo gondola: suspended as of 1 Mar 2026, since when not given (Slope Bulletin)",
    );
    expect(line("Brenta chairlift")).toBe(
      "  Brenta chairlift: open since 10 Feb 2026 (Alpine Courier); still open as of 1 Mar 2026 (Slope Bulletin)",
    );
  });

  it("never shows an expected change as the current state", () => {
    expect(line("Lauro drag lift")).toBe(
      "  Lauro drag lift: no status reported yet; expected open Apr 2026 (Slope Bulletin)",
    );
    expect(line("Isola cable car")).toBe("  Isola cable car: open since 21 Jan 2026 (Alpine Courier)");
  });
});

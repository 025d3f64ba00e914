import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { QueryEngine } from "../../src/engine/engine.ts";
import { formatProblem, MAX_FILE_BYTES } from "../../src/knowledge/load.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { REPO_ROOT, scratchCopy } from "../support/tempKnowledge.ts";

const SOURCE =
  'sources:\n  - id: s1\n    publisher: P\n    headline: H\n    published: { date: "2024-11-20", precision: day }\n';

/** A folder holding only the given files. */
function folder(files: Record<string, string | Buffer>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "briefbot-faults-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function problemsOf(dir: string): string[] {
  const loaded = loadKnowledgeBase(dir);
  if (loaded.ok) throw new Error("expected the folder to be refused");
  return loaded.problems.map(formatProblem);
}

const brief = (args: string[], knowledgeDir: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      BRIEFBOT_KNOWLEDGE_DIR: knowledgeDir,
      BRIEFBOT_DB_PATH: path.join(knowledgeDir, "no-store.db"),
      DATABASE_URL: "",
      LOG_LEVEL: "silent",
    },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("knowledge files that could take the bot down", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("loads a base of 100,000 entities that `brief check` accepted, and answers from it", () => {
    const files: Record<string, string> = { "sources.yaml": SOURCE };
    for (let f = 0; f < 4; f++) {
      const lines = ["entities:"];
      for (let i = f * 25_000; i < (f + 1) * 25_000; i++)
        lines.push(`  - id: place-${i}\n    kind: city\n    name: "Place ${i}"\n    aliases: ["Town ${i}"]`);
      files[`entities-${f}.yaml`] = `${lines.join("\n")}\n`;
    }
    const scratch = folder(files);
    cleanup = scratch.cleanup;
    const check = brief(["check"], scratch.dir);
    expect(check.stderr).toMatch(/^brief: answering from .+ alone: there is no store at .+no-store\.db/);
    expect(check.stderr.trim().split("\n")).toHaveLength(1);
    expect(check.stdout).toMatch(/Knowledge base OK: 1 sources, 100000 entities/);
    expect(check.status).toBe(0);
    // What `ask` and the bot do with it: load, build the engine (which once overflowed the stack), answer.
    const loaded = loadKnowledgeBase(scratch.dir);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
    expect(loaded.base.entities.size).toBe(100_000);
    const engine = new QueryEngine(loaded.base);
    expect(engine.ask("tell me about place 99999", { now: new Date("2024-11-21") }).entities).toEqual([
      expect.objectContaining({ id: "place-99999" }),
    ]);
  }, 120_000);

  it("allows an anchor reused a few hundred times, and refuses an alias bomb naming the file", () => {
    const reuse = ["entities:", '  - id: a0\n    kind: city\n    name: "A0"\n    aliases: &names ["Same"]'];
    for (let i = 1; i <= 300; i++)
      reuse.push(`  - { id: a${i}, kind: city, name: "A${i}", aliases: *names }`);
    const bomb = [
      "facts:",
      "  - id: f1",
      "    about: [x]",
      "    statement: s",
      "    source: s1",
      "    paragraph: 1",
      "    attribution: a",
      "    certainty: reported",
      '    keywords: &k0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ];
    for (let i = 1; i <= 6; i++)
      bomb.push(`    answers${i}: &k${i} [${Array.from({ length: 10 }, () => `*k${i - 1}`).join(", ")}]`);
    const scratch = folder({ "a.yaml": `${reuse.join("\n")}\n`, "sources.yaml": SOURCE });
    cleanup = scratch.cleanup;
    const loaded = loadKnowledgeBase(scratch.dir);
    expect(loaded.ok).toBe(true);
    writeFileSync(path.join(scratch.dir, "bomb.yaml"), `${bomb.join("\n")}\n`);
    const started = Date.now();
    const problems = problemsOf(scratch.dir);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(problems).toEqual([
      expect.stringMatching(/bomb\.yaml \(file\): YAML aliases expand past 1000 times/),
    ]);
  });

  it("refuses a FIFO at once instead of waiting on it", () => {
    const scratch = folder({ "sources.yaml": SOURCE });
    cleanup = scratch.cleanup;
    execFileSync("mkfifo", [path.join(scratch.dir, "pipe.yaml")]);
    const started = Date.now();
    expect(problemsOf(scratch.dir)).toEqual([
      expect.stringMatching(
        /pipe\.yaml \(file\): is not a regular file \(a FIFO\); only plain files are read$/,
      ),
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses a symlink to a device, and to a folder", () => {
    const scratch = folder({ "sources.yaml": SOURCE });
    cleanup = scratch.cleanup;
    symlinkSync("/dev/zero", path.join(scratch.dir, "zero.yaml"));
    mkdirSync(path.join(scratch.dir, "sub.yaml"));
    const problems = problemsOf(scratch.dir);
    expect(problems).toEqual([
      expect.stringMatching(/sub\.yaml \(file\): is not a regular file \(a folder\)/),
      expect.stringMatching(/zero\.yaml \(file\): is not a regular file \(a device\)/),
    ]);
  });

  it("refuses a 10 MB file with the limit", () => {
    const big = `entities:\n${"  # padding padding padding padding padding padding padding\n".repeat(180_000)}`;
    expect(big.length).toBeGreaterThan(MAX_FILE_BYTES);
    expect(big.length).toBeGreaterThanOrEqual(10_000_000);
    const scratch = folder({ "big.yaml": big, "sources.yaml": SOURCE });
    cleanup = scratch.cleanup;
    expect(problemsOf(scratch.dir)).toEqual([
      expect.stringMatching(/big\.yaml \(file\): is 10\.\d MB, over the 8 MB limit per file; split it$/),
    ]);
  });

  it("refuses Latin-1 bytes with the line they are on, instead of showing U+FFFD", () => {
    const latin1 = Buffer.concat([
      Buffer.from(SOURCE),
      Buffer.from('entities:\n  - id: lviv\n    kind: city\n    name: "Lw'),
      Buffer.from([0xf3]), // ó in Latin-1
      Buffer.from('w"\n'),
    ]);
    const scratch = folder({ "latin1.yaml": latin1 });
    cleanup = scratch.cleanup;
    expect(problemsOf(scratch.dir)).toEqual([
      expect.stringMatching(
        /^.*latin1\.yaml:9 \(file\): is not UTF-8 \(byte 0xf3 at offset \d+\); save it as UTF-8$/,
      ),
    ]);
  });

  it.each([
    ["a custom tag", "name: !shout Kyiv", /unresolved tag: !shout/i],
    ["a binary tag", "name: !!binary aGVsbG8=", /unknown YAML tag tag:yaml.org,2002:binary/],
    ["a set tag", "name: !!set { a }", /unknown YAML tag tag:yaml.org,2002:set/],
  ])("refuses %s with the file and line", (_, line, message) => {
    const scratch = folder({
      "sources.yaml": SOURCE,
      "tags.yaml": `entities:\n  - id: kyiv\n    kind: city\n    ${line}\n`,
    });
    cleanup = scratch.cleanup;
    const problems = problemsOf(scratch.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/tags\.yaml:4 \(syntax\): /);
    expect(problems[0]).toMatch(message);
  });

  it("refuses a status event dated after its source was published", () => {
    const scratch = scratchCopy();
    cleanup = scratch.cleanup;
    const later = [
      "timelines:",
      "  - entity: kyiv",
      "    events:",
      "      - state: open",
      '        effective: { date: "2030-01-01", precision: day }',
      "        reason: Written before it happened.",
      "        source: wt-2024-11-20-embassy-closure",
      "        paragraph: 1",
    ].join("\n");
    writeFileSync(path.join(scratch.knowledgeDir, "zz-future.yaml"), `${later}\n`);
    expect(problemsOf(scratch.knowledgeDir)).toEqual([
      expect.stringMatching(
        /zz-future\.yaml:5 timelines\[0\]\.events\[0\]\.effective: takes effect 2030-01-01, after its source "wt-2024-11-20-embassy-closure" was published \(2024-11-20\)$/,
      ),
    ]);
  });

  it("refuses a statement or name that is only white space, with its field and line", () => {
    const blank = [
      "entities:",
      "  - id: kyiv",
      "    kind: city",
      '    name: "   "',
      "facts:",
      "  - id: f1",
      "    about: [kyiv]",
      '    statement: " \\t "',
      "    source: s1",
      "    paragraph: 1",
      "    attribution: a",
      "    certainty: reported",
    ].join("\n");
    const scratch = folder({ "sources.yaml": SOURCE, "blank.yaml": `${blank}\n` });
    cleanup = scratch.cleanup;
    expect(problemsOf(scratch.dir)).toEqual([
      expect.stringMatching(/blank\.yaml:4 entities\[0\]\.name: must not be empty or only white space$/),
      expect.stringMatching(/blank\.yaml:8 facts\[0\]\.statement: must not be empty or only white space$/),
    ]);
  });
});

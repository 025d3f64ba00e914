import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runBrief } from "../../src/cli/brief.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { KNOWLEDGE_DIR, REPO_ROOT, scratchCopy } from "../support/tempKnowledge.ts";

const pages = ["README.md", ...readdirSync(path.join(REPO_ROOT, "docs")).map((name) => `docs/${name}`)];
const read = (page: string) => readFileSync(path.join(REPO_ROOT, page), "utf8");

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

/** The headings of a page, outside code blocks. */
function headings(text: string): string[] {
  let fenced = false;
  return text.split("\n").flatMap((line) => {
    if (line.startsWith("```")) fenced = !fenced;
    const match = !fenced && line.match(/^#{1,6} (.+)$/);
    return match ? [anchor(match[1] as string)] : [];
  });
}

/** `brief` in this process, in `env`: its exit code and what it printed. */
async function brief(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  let out = "";
  stdout.on("data", (chunk) => {
    out += chunk;
  });
  const code = await runBrief(args, { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env });
  return { code, stdout: out };
}

describe("the README", () => {
  it("opens with the two commands a newcomer runs: start the bot, and run the tests", () => {
    const firstScreen = read("README.md").split("\n").slice(0, 12).join("\n");
    expect(firstScreen).toContain(
      "npm ci && npm start     # the bot in this terminal (no credentials needed; embedded SQLite under ./data)",
    );
    expect(firstScreen).toContain("npm ci && npm test      # type check, Biome, and every test");
  });

  it("reads in order: what it is, start, ask, subscribe, Slack, Discord, add facts, scale, reference", () => {
    const sections = read("README.md")
      .split("\n")
      .filter((line) => line.startsWith("## "));
    expect(sections).toEqual([
      "## What it knows",
      "## Start",
      "## Ask",
      "## Subscribe",
      "## Run on Slack",
      "## Run on Discord",
      "## Add facts",
      "## Run at scale",
      "## Reference",
    ]);
  });

  it("links only to files that exist and headings that exist, here and in docs/", () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, target = ""] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file = "", hash] = target.split("#");
        const resolved = file ? path.join(path.dirname(page), file) : page;
        if (!existsSync(path.join(REPO_ROOT, resolved))) broken.push(`${page}: ${target}`);
        else if (hash && resolved.endsWith(".md") && !headings(read(resolved)).includes(hash))
          broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("has the docs/slack.md the Slack manifest names", () => {
    expect(read("adapters/slack/manifest.yaml")).toContain("docs/slack.md");
    expect(read("docs/slack.md")).toMatch(/^# Run on Slack/);
  });
});

describe("the README's worked example: an airport", () => {
  const scratch = scratchCopy();
  afterAll(() => scratch.cleanup());
  const section = read("README.md").split("### Worked example: an airport")[1] ?? "";
  const yaml = section.match(/```yaml\n([\s\S]*?)```/)?.[1] ?? "";
  const env = {
    BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir,
    BRIEFBOT_DB_PATH: path.join(scratch.dir, "none.db"),
    DATABASE_URL: "",
  };
  writeFileSync(path.join(scratch.knowledgeDir, "airport.yaml"), yaml);

  it("passes brief check as written, added to the Kyiv base", async () => {
    expect(yaml).toContain("kinds:");
    const { code, stdout } = await brief(["check"], env);
    expect(code).toBe(0);
    // The Kyiv base as it stands, plus the example's two sources, three entities and one timeline, and no fact.
    const kyiv = loadKnowledgeBase(KNOWLEDGE_DIR);
    if (!kyiv.ok) throw new Error("the Kyiv base does not load");
    const { sources, entities, facts, timelines } = kyiv.base;
    expect(stdout).toMatch(
      new RegExp(
        `^Knowledge base OK: ${sources.size + 2} sources, ${entities.size + 3} entities, ${facts.length} facts, ${timelines.size + 1} status timelines\\.`,
      ),
    );
    expect(stdout).toContain(
      "Lviv Danylo Halytskyi International Airport: closed since 24 Feb 2022 (Example Wire)",
    );
  });

  it("answers the questions the README says it answers, and declines the one it says it declines", async () => {
    const ask = async (question: string) =>
      JSON.parse((await brief(["ask", "--json", "--now", "2026-11-22", question], env)).stdout) as {
        answered: boolean;
        text: string;
      };
    for (const question of [
      "is the Lviv airport open?",
      "is the airfield in Lviv closed?",
      "which airports are closed?",
    ]) {
      const answer = await ask(question);
      expect(answer.answered, question).toBe(true);
      expect(answer.text, question).toMatch(
        /Lviv Danylo Halytskyi International Airport was closed as of 1 Mar 2022/,
      );
    }
    expect((await ask("when will LWO reopen?")).text).toMatch(
      /was expected to be open in Jun 2025 .*That is an expectation, not a report that it happened/,
    );
    const odesa = await ask("is the Odesa airport open?");
    expect(odesa.answered).toBe(false);
    expect(odesa.text).toMatch(/^I don't have any reports on the Odesa airport/);
  });
});

describe("the README's worked example: a kind with its own states", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "readme-states-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const section = read("README.md").split("### Worked example: a kind with its own states")[1] ?? "";
  const yaml = section.match(/```yaml\n([\s\S]*?)```/)?.[1] ?? "";
  writeFileSync(path.join(dir, "advisories.yaml"), yaml);
  const env = { BRIEFBOT_KNOWLEDGE_DIR: dir, BRIEFBOT_DB_PATH: path.join(dir, "none.db"), DATABASE_URL: "" };

  it("passes brief check as written, its summary naming the level by its label", async () => {
    expect(yaml).toContain("states:");
    const { code, stdout } = await brief(["check"], env);
    expect(code).toBe(0);
    expect(stdout).toContain("Moldova travel advisory: Level 4: Do not travel since 19:50 on 24 Feb 2022");
  });

  it("answers as the README says", async () => {
    const ask = async (question: string) =>
      JSON.parse((await brief(["ask", "--json", "--now", "2026-11-22", question], env)).stdout) as {
        verdict: string | null;
        text: string;
      };
    const cases: [string, string | null, string][] = [
      ["can I travel to Moldova?", "no", "Level 4"],
      ["is it safe to go to Moldova?", "no", "Level 4"],
      ["is Moldova at level 2?", "no", "Level 4"],
      [
        "when did Moldova go to level 4?",
        null,
        "was raised to Level 4: Do not travel at 19:50 on 24 Feb 2022",
      ],
      ["was Moldova at level 4 at 20:00 on 24 February 2022?", "yes", "Level 4"],
      ["was Moldova at level 4 at 19:00 on 24 February 2022?", "no", "Level 2"],
      ["is Moldova open?", null, "Level 4"],
    ];
    for (const [question, verdict, words] of cases) {
      const answer = await ask(question);
      expect(answer.verdict ?? null, question).toBe(verdict);
      expect(answer.text, question).toContain(words);
    }
  });
});

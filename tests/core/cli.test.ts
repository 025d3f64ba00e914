import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runBrief } from "../../src/cli/brief.ts";
import { KNOWLEDGE_DIR, REPO_ROOT } from "../support/tempKnowledge.ts";

const run = promisify(execFile);
const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** No store: `brief` answers from the knowledge files alone, whatever a developer's data/ holds. */
const ENV = {
  PATH: process.env.PATH ?? "",
  BRIEFBOT_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
  BRIEFBOT_DB_PATH: path.join(scratch, "none.db"),
  DATABASE_URL: "",
};

/** `npm run brief -- ask --json`: the answer value the engine gives, as the command line prints it. */
async function brief(args: string[], input?: string) {
  const child = run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: REPO_ROOT,
    env: ENV,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return (await child).stdout;
}

/** `brief` in this process: its exit code and what it wrote to stdout and stderr. */
async function briefHere(args: string[], env: Record<string, string> = ENV) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => {
    out += chunk;
  });
  stderr.on("data", (chunk) => {
    err += chunk;
  });
  const code = await runBrief(args, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, stdout: out, stderr: err };
}

describe("the answer value on the command line", () => {
  it("carries the verdict and the caveats, each with its kind and its sentence of the text", async () => {
    const printed = await brief(["ask", "--json", "--now", "2026-11-22", "is the us embassy in kyiv open?"]);
    const answer = JSON.parse(printed) as {
      verdict: string | null;
      caveats: { kind: string; text: string }[];
      text: string;
    };
    expect(answer.verdict).toBe("no");
    expect(answer.caveats.map((c) => c.kind)).toEqual(["stale"]);
    expect(answer.text).toContain(answer.caveats[0]?.text);
  });

  it("gives every line of --jsonl the same keys: a null verdict where the question asks no yes or no", async () => {
    const printed = await brief(
      ["ask", "--jsonl", "--now", "2024-11-21"],
      "why did the us embassy close\nis the italian embassy in kyiv open?\nis the french embassy in kyiv open?\n",
    );
    const answers = printed
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { verdict: string | null; caveats: { kind: string }[] });
    expect(answers.map((a) => a.verdict)).toEqual([null, "no", null]);
    expect(answers.map((a) => a.caveats.map((c) => c.kind))).toEqual([[], [], []]);
  });
});

describe("brief follows the conventions of a command line", () => {
  it("--help lists the commands, the options, examples and the exit codes, on stdout, exit 0", async () => {
    const { code, stdout, stderr } = await briefHere(["--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: brief <command> \[options\]$/m);
    for (const command of ["ask <question>", "status [entity]", "sources", "check"])
      expect(stdout).toContain(`  ${command}`);
    expect(stdout).toContain('brief ask "is the kyiv embassy open"');
    expect(stdout).toContain("Exit codes: 0 done, 1 failed");
    expect((await briefHere(["-h"])).stdout).toBe(stdout);
    expect((await briefHere(["help"])).stdout).toBe(stdout);
  });

  it("ask --help gives the command's options and examples", async () => {
    const { code, stdout } = await briefHere(["ask", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: brief ask <question> \[options\]$/m);
    expect(stdout).toMatch(/--json\s+print the answer value as one JSON object/);
    expect(stdout).toMatch(/--now <date>/);
    expect(stdout).toContain("brief ask --jsonl < questions.txt");
    expect((await briefHere(["help", "ask"])).stdout).toBe(stdout);
  });

  it("--version prints the package's version", async () => {
    const { version } = (await import("../../package.json", { with: { type: "json" } })).default;
    for (const flag of ["--version", "-V", "-v"]) {
      const { code, stdout } = await briefHere([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${version}\n`);
    }
  });

  it("names an unknown command in one line, with the nearest command when there is one, exit 2", async () => {
    const nonsense = await briefHere(["nonsense"]);
    expect(nonsense.code).toBe(2);
    expect(nonsense.stdout).toBe("");
    expect(nonsense.stderr).toBe(
      'brief: "nonsense" is not a command; the commands are ask, status, sources, gaps, feedback, check, draft, review, feeds (brief --help says more)\n',
    );
    const slip = await briefHere(["stauts"]);
    expect(slip.code).toBe(2);
    expect(slip.stderr).toBe(
      'brief: "stauts" is not a command; did you mean "status"? (brief --help lists the commands)\n',
    );
  });

  it("names an unknown option in one line, with the nearest option when there is one, exit 2", async () => {
    const nonsense = await briefHere(["ask", "--nonsense", "is the kyiv embassy open"]);
    expect(nonsense.code).toBe(2);
    expect(nonsense.stdout).toBe("");
    expect(nonsense.stderr).toBe(
      "brief: --nonsense is not an option of brief ask; it takes --json, --jsonl, --now, --help, --version\n",
    );
    const slip = await briefHere(["ask", "--jsno", "is the kyiv embassy open"]);
    expect(slip.stderr).toBe("brief: --jsno is not an option of brief ask; did you mean --json?\n");
    expect((await briefHere(["check", "--json"])).stderr).toMatch(
      /^brief: --json is not an option of brief check/,
    );
  });

  it("says what is missing or wrong in a command line, in one line, exit 2", async () => {
    const cases: [string[], string][] = [
      [[], "Usage: brief <command> [options]"],
      [["ask"], 'brief ask: give a question, e.g. brief ask "is the kyiv embassy open"'],
      [["ask", "--now"], "brief: --now needs a value, e.g. --now 2024-11-21"],
      [
        ["ask", "--now", "soon", "q"],
        'brief ask: --now must be an ISO date or time, e.g. 2024-11-21 (got "soon")',
      ],
      [["ask", "--jsonl", "q"], "brief ask: --jsonl reads the questions from stdin"],
      [["check", "extra"], 'brief check: takes no arguments (got "extra")'],
    ];
    for (const [args, said] of cases) {
      const result = await briefHere(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(said);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("fails with exit 1 and the problems when the knowledge base is broken", async () => {
    const { code, stdout, stderr } = await briefHere(["check"], {
      ...ENV,
      BRIEFBOT_KNOWLEDGE_DIR: path.join(scratch, "missing-folder"),
    });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^the knowledge base has problems:\n.*missing-folder \(folder\)/);
  });

  it("says on stderr that it answers from the knowledge files alone when there is no store; stdout holds only the answer", async () => {
    const { code, stdout, stderr } = await briefHere([
      "ask",
      "--now",
      "2024-11-21",
      "is the kyiv embassy open",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^No\. The US Embassy in Kyiv is closed as of 20 Nov 2024[^\n]*\n$/);
    expect(stderr).toBe(
      `brief: answering from ${KNOWLEDGE_DIR}/ alone: there is no store at ${ENV.BRIEFBOT_DB_PATH} (BRIEFBOT_DB_PATH) yet, so no update made in chat is included\n`,
    );
  });

  it("npx brief ask --json, piped to a JSON reader, gives it one JSON object", () => {
    const piped = spawnSync(
      "bash",
      [
        "-c",
        `set -o pipefail; npx --no-install brief ask --json "is the kyiv embassy open" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).verdict))'`,
      ],
      {
        cwd: REPO_ROOT,
        env: { ...ENV, HOME: process.env.HOME ?? scratch },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(piped.stderr).not.toMatch(/SyntaxError|Unexpected token/);
    expect(piped.stdout).toBe("no\n");
    expect(piped.status).toBe(0);
  });

  it("ends quietly when the reader goes away: brief ask --jsonl < questions | head -1", () => {
    const questions = "is the kyiv embassy open\n".repeat(3_000);
    const piped = spawnSync(
      "bash",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: bash reads the exit code of brief, not of head.
      ["-c", 'set -o pipefail; node bin/brief.js ask --jsonl | head -1; echo "exit ${PIPESTATUS[0]}" >&2'],
      { cwd: REPO_ROOT, env: ENV, input: questions, encoding: "utf8", timeout: 60_000 },
    );
    expect(JSON.parse(piped.stdout)).toMatchObject({ verdict: "no" });
    expect(piped.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(piped.stderr).toMatch(/exit 0\n$/);
  });
});

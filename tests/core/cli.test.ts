import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = new URL("../../", import.meta.url).pathname;

/** `npm run brief -- ask --json`: the answer value the engine gives, as the command line prints it. */
async function brief(args: string[], input?: string) {
  const child = run(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? "" },
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return (await child).stdout;
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

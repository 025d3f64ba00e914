import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBrief } from "../../src/cli/brief.ts";
import { reviewScratch } from "../support/reviewFixture.ts";

let scratch: ReturnType<typeof reviewScratch>;
beforeEach(() => {
  scratch = reviewScratch();
});
afterEach(() => scratch.cleanup());

async function brief(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => {
    out += c;
  });
  stderr.on("data", (c) => {
    err += c;
  });
  const env = {
    BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir,
    BRIEFBOT_DB_PATH: scratch.dbPath,
    DATABASE_URL: "",
    USER: "dana",
  };
  const code = await runBrief(args, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, stdout: out, stderr: err };
}

const idOf = (listing: string, name: string) => {
  const line = listing.split("\n").find((l) => l.includes(name));
  return line?.split(/\s+/)[0] ?? "";
};

describe("brief review in the terminal", () => {
  it("lists the pending items, approves one into the base and rejects another; neither is listed again", async () => {
    const listed = await brief(["review"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^4 items wait for review/);
    const alby = idOf(listed.stdout, "Port of Alby: closed -> open");
    const brill = idOf(listed.stdout, "Port of Brill");
    expect(alby).toMatch(/^c[0-9a-f]{7}$/);

    const approved = await brief(["review", "approve", alby]);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain("approved: Port of Alby");
    expect(readFileSync(path.join(scratch.knowledgeDir, "coast-news-2026-01-20.yaml"), "utf8")).toContain(
      "approved by shell:dana",
    );
    expect((await brief(["review", "reject", brill])).stdout).toContain("rejected: Port of Brill");

    const left = await brief(["review"]);
    expect(left.stdout).toMatch(/^2 items wait/);
    expect(left.stdout).not.toContain(alby);
    expect((await brief(["status", "port-of-alby"])).stdout).toContain("open");
  });

  it("bad input gets one usage line and exit code 2", async () => {
    for (const args of [
      ["review", "approve"],
      ["review", "publish", "c1234567"],
      ["review", "a", "b", "c"],
    ]) {
      const run = await brief(args);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain("brief review approve <id>");
    }
  });

  it("a draft edited into invalid YAML is refused with its file and line, and the base is untouched", async () => {
    const id = idOf((await brief(["review"])).stdout, "Port of Alby");
    writeFileSync(
      scratch.draftFile,
      readFileSync(scratch.draftFile, "utf8").replace("paragraph: 1", "paragraph: [1"),
    );
    const run = await brief(["review", "approve", id]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/coast-news-2026-01-20\.yaml:\d+/);
    expect(run.stderr).not.toContain("    at ");
    expect((await brief(["status", "port-of-alby"])).stdout).toContain("closed");
  });
});

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KNOWLEDGE_DIR, REPO_ROOT } from "../support/tempKnowledge.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-execute-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const hasScript = spawnSync("script", ["--version"]).status === 0;

describe("npm start -- --execute at a terminal", () => {
  it.skipIf(!hasScript)("prints the answer alone, with no JSON log lines around it", () => {
    // util-linux `script` gives the command a pseudo-terminal, as a person's shell would.
    const ran = spawnSync(
      "script",
      ["-qec", 'node --import tsx adapters/main.ts --execute "is the kyiv embassy open"', "/dev/null"],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: scratch,
          BRIEFBOT_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
          BRIEFBOT_DB_PATH: path.join(scratch, "briefbot.db"),
          BRIEFBOT_WATCH: "off",
          LOG_LEVEL: "info",
        },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/^No\. The US Embassy in Kyiv was closed as of 20 Nov 2024/);
    expect(ran.stdout).not.toContain('{"level"');
    expect(ran.stdout.trim().split("\n")).toHaveLength(1);
  });
});

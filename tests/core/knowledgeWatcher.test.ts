import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { watchKnowledge } from "../../src/runtime/knowledgeWatcher.ts";

describe("watching the knowledge folder", () => {
  it("when a file is saved twice in quick succession, calls back once after the edits settle", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "briefbot-watch-"));
    let calls = 0;
    const watcher = watchKnowledge(dir, () => {
      calls++;
    });
    try {
      writeFileSync(path.join(dir, "facts.yaml"), "facts: []\n");
      writeFileSync(path.join(dir, "facts.yaml"), "facts: []\n# edited\n");
      await expect.poll(() => calls, { timeout: 5_000, interval: 50 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(calls).toBe(1);
    } finally {
      watcher.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

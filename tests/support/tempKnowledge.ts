import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const KNOWLEDGE_DIR = path.join(REPO_ROOT, "knowledge");

/** A scratch folder holding a copy of the real knowledge files, and a db path beside it. */
export function scratchCopy(): { dir: string; knowledgeDir: string; dbPath: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "briefbot-"));
  const knowledgeDir = path.join(dir, "knowledge");
  cpSync(KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
  return {
    dir,
    knowledgeDir,
    dbPath: path.join(dir, "briefbot.db"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

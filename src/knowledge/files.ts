import { readdirSync } from "node:fs";
import path from "node:path";

/** Lists the knowledge files of a folder: every .yaml/.yml file, in name order for stable ids. */
export function listKnowledgeFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

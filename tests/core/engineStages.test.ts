import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

const ENGINE = path.join(REPO_ROOT, "src", "engine");

/**
 * The engine's stages in pipeline order. `language` (word data and the kept language libraries) and
 * `lookup` (the indexes built once per base) are shared below every stage; the files at the root
 * (`engine.ts` runs the pipeline, `answer.ts` and `snapshot.ts` are types) may use any stage.
 */
const ORDER = ["language", "normalise", "lookup", "interpret", "resolve", "retrieve", "compose"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith(".ts") ? [full] : [];
  });
}

/** The engine stage a file is in, or undefined for the root files. */
function stageOf(file: string): string | undefined {
  const [first, ...rest] = path.relative(ENGINE, file).split(path.sep);
  return rest.length > 0 ? first : undefined;
}

describe("the engine's stages", () => {
  it("are folders in pipeline order, with nothing else beside the root files", () => {
    const folders = readdirSync(ENGINE).filter((name) => statSync(path.join(ENGINE, name)).isDirectory());
    expect(folders.sort()).toEqual([...ORDER].sort());
  });

  it("each import only from an earlier stage or their own, never from a later one", () => {
    const backwards: string[] = [];
    for (const file of filesUnder(ENGINE)) {
      const stage = stageOf(file);
      if (!stage) continue;
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
        const target = path.resolve(path.dirname(file), match[1] as string);
        if (!target.startsWith(ENGINE)) continue;
        const targetStage = stageOf(target);
        // The root's types may be used by every stage; the pipeline runner by none.
        if (targetStage === undefined) {
          if (path.basename(target) === "engine.ts")
            backwards.push(`${path.relative(ENGINE, file)} -> engine.ts`);
          continue;
        }
        if (ORDER.indexOf(targetStage) > ORDER.indexOf(stage))
          backwards.push(`${path.relative(ENGINE, file)} -> ${path.relative(ENGINE, target)}`);
      }
    }
    expect(backwards).toEqual([]);
  });

  it("the check itself finds an import that runs back up the pipeline", () => {
    const stage = stageOf(path.join(ENGINE, "interpret", "interpret.ts"));
    const later = stageOf(path.join(ENGINE, "compose", "compose.ts"));
    expect(stage).toBe("interpret");
    expect(ORDER.indexOf(later as string)).toBeGreaterThan(ORDER.indexOf(stage as string));
  });
});

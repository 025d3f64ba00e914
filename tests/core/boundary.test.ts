import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const PLATFORM_IMPORT =
  /from\s+["'](?:discord\.js|@discordjs\/[^"']+|@slack\/[^"']+)["']|import\(\s*["'](?:discord\.js|@slack\/)/;

describe("the core knows no platform", () => {
  const files = filesUnder(path.join(REPO_ROOT, "src")).filter((f) => f.endsWith(".ts"));

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("when every file under src/ is read, none imports discord.js or @slack/*", () => {
    const offenders = files.filter((f) => PLATFORM_IMPORT.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the check itself catches such an import", () => {
    expect(PLATFORM_IMPORT.test('import { App } from "@slack/bolt";')).toBe(true);
    expect(PLATFORM_IMPORT.test("import { Client } from 'discord.js';")).toBe(true);
    expect(PLATFORM_IMPORT.test('import { z } from "zod";')).toBe(false);
  });
});

/**
 * Where a file's imports lead, as repository paths ("src/engine/answer.ts"): every `import`,
 * `export … from` and `import()` naming a relative path, as TypeScript's own scanner reads them.
 */
function importsOf(file: string, text = readFileSync(file, "utf8")): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) =>
      path
        .relative(REPO_ROOT, path.resolve(path.dirname(file), name))
        .split(path.sep)
        .join("/"),
    );
}

/** Each import from the files under `from` into any of the folders `into`, as "file -> import". */
function importsInto(from: string, into: readonly string[]): string[] {
  return filesUnder(path.join(REPO_ROOT, from))
    .filter((f) => f.endsWith(".ts"))
    .flatMap((file) =>
      importsOf(file)
        .filter((target) => into.some((folder) => target.startsWith(folder)))
        .map((target) => `${path.relative(REPO_ROOT, file).split(path.sep).join("/")} -> ${target}`),
    );
}

describe("the layers hold", () => {
  it("nothing under src/knowledge/ imports the engine, the commands or the subscriptions", () => {
    expect(importsInto("src/knowledge", ["src/engine/", "src/commands/", "src/subscriptions/"])).toEqual([]);
  });

  it("nothing under src/subscriptions/ imports the commands, which sit above it", () => {
    expect(importsInto("src/subscriptions", ["src/commands/"])).toEqual([]);
  });

  it("the check itself reads type imports, re-exports and dynamic imports, over several lines", () => {
    const file = path.join(REPO_ROOT, "src/knowledge/example.ts");
    const text = [
      'import type {\n  SourceRef,\n} from "../engine/answer.ts";',
      'export type { UserRef } from "../commands/request.ts";',
      'const store = await import("../subscriptions/store.ts");',
      'import { z } from "zod";',
      'import { stateSchema } from "./schema.ts";',
    ].join("\n");
    expect(importsOf(file, text)).toEqual([
      "src/engine/answer.ts",
      "src/commands/request.ts",
      "src/subscriptions/store.ts",
      "src/knowledge/schema.ts",
    ]);
  });
});

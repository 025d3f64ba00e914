import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
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

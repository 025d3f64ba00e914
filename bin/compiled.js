// Start-up of the command line from compiled JavaScript. Compiling TypeScript as each module is
// imported (tsx) costs more than half of a one-question run, so `brief` runs one JavaScript file
// built by esbuild from the TypeScript sources instead: built on the first run, kept under
// node_modules/.cache/briefbot/, and rebuilt when any source file changes (its folder is named by a
// hash of every source file's path, size and modification time). Packages stay outside the build and
// are imported as usual; what the sources import only when needed (`await import(…)`: a store's
// driver, say) is a file of its own, loaded only then. Where the file cannot be built or written, the sources run through tsx as before.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every TypeScript file under `dir`, with what changes when it is edited. */
function sourceStamps(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceStamps(file, out);
    else if (entry.name.endsWith(".ts") || entry.name.endsWith(".mjs")) {
      const info = statSync(file);
      out.push(`${path.relative(ROOT, file)}\t${info.size}\t${info.mtimeMs}`);
    }
  }
  return out;
}

/**
 * Imports `entry` (a TypeScript file under src/, relative to the package root) from its compiled
 * form, building that first if it is missing or older than the sources.
 */
export async function importCompiled(entry, name) {
  let file;
  try {
    const stamps = sourceStamps(path.join(ROOT, "src"), []);
    stamps.push(entry, process.version);
    const hash = createHash("sha256").update(stamps.join("\n")).digest("hex").slice(0, 16);
    const dir = path.join(ROOT, "node_modules", ".cache", "briefbot");
    const built = path.join(dir, `${name}-${hash}`);
    file = path.join(built, "main.mjs");
    try {
      statSync(file);
    } catch {
      await build(path.join(ROOT, entry), dir, built, name);
    }
  } catch {
    // No esbuild, a read-only install, or a source that does not compile: run the sources as they are.
    const { register } = await import("tsx/esm/api");
    register();
    return import(pathToFileURL(path.join(ROOT, entry)).href);
  }
  // Where the compiled command line may keep what it reads (src/knowledge/baseCache.ts).
  globalThis[Symbol.for("briefbot.compiled")] = {
    dir: path.dirname(file),
    build: path.basename(path.dirname(file)),
  };
  return import(pathToFileURL(file).href);
}

async function build(entryFile, dir, built, name) {
  const esbuild = await import("esbuild");
  mkdirSync(dir, { recursive: true });
  const partial = `${built}.${process.pid}`;
  try {
    await esbuild.build({
      entryPoints: { main: entryFile },
      outdir: partial,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
    });
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  try {
    renameSync(partial, built);
  } catch (error) {
    // Another run built the same sources at the same moment: theirs is as good.
    rmSync(partial, { recursive: true, force: true });
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  }
  // Builds of earlier sources are dropped, but for the latest few: checkouts sharing one
  // node_modules (git worktrees) each keep theirs.
  const builds = readdirSync(dir)
    .filter((old) => old.startsWith(`${name}-`) && !old.includes("."))
    .map((old) => ({ old, at: statSync(path.join(dir, old)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { old } of builds.slice(KEEP_BUILDS))
    rmSync(path.join(dir, old), { recursive: true, force: true });
}

const KEEP_BUILDS = 8;

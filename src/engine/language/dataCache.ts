import { createHash } from "node:crypto";
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * Rows of text derived from a package's data (the English words, the countries' names, the cities), kept in
 * a small file in the temporary folder: decoding the packages' JSON or binary data costs tenths of a
 * second at every start, reading the rows back a few milliseconds. The file is named after the data
 * files (size and modification time, so a new version of the package rebuilds it) and after the code
 * that derives the rows (`derive`'s own text), so a change to either is derived afresh. Where nothing
 * can be written the rows are derived each time. A row must not hold a line break.
 */
export function cachedRows(name: string, dataFiles: readonly string[], derive: () => string[]): string[] {
  let cache: string | undefined;
  try {
    const hash = createHash("sha256").update(derive.toString());
    for (const file of dataFiles) {
      const info = statSync(require.resolve(file));
      hash.update(`\0${file}\0${info.size}\0${Math.round(info.mtimeMs)}`);
    }
    cache = path.join(os.tmpdir(), `briefbot-${name}-${hash.digest("hex").slice(0, 16)}.txt`);
    const text = readFileSync(cache, "utf8");
    return text === "" ? [] : text.split("\n");
  } catch {
    // Not derived yet: derive below.
  }
  const rows = derive();
  if (cache && !rows.some((row) => row.includes("\n"))) {
    try {
      const partial = `${cache}.${process.pid}`;
      writeFileSync(partial, rows.join("\n"));
      renameSync(partial, cache);
    } catch {
      // A read-only temporary folder only costs the derivation next time.
    }
  }
  return rows;
}

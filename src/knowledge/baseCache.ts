import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { type BaseTopic, KnowledgeBase, type ResolvedEvent } from "./base.ts";
import { listKnowledgeFiles } from "./files.ts";
import type { Entity, Fact, Source } from "./schema.ts";

/**
 * A loaded base kept between one-shot runs of `brief`: parsing and validating the YAML is most of
 * what answering one question costs, and the files rarely change between two questions. The base is
 * stored (V8's serialisation, the form threads exchange) under a name hashing the folder, every
 * knowledge file's name and full text, and the code that read it (`build`, which changes with any
 * source file), so an edited file, an added or removed one, or new code is read afresh. Only a base
 * that loaded without problems is stored; anything unusual about the folder (a file that is not a
 * regular file, one that cannot be read) skips the cache and leaves it to the loader to report.
 */
export interface BaseCache {
  /** The folder the stored bases go in. */
  dir: string;
  /** Names the code that loads the base. */
  build: string;
}

type Stored = [
  ReadonlyMap<string, Entity>,
  ReadonlyMap<string, Source>,
  readonly Fact[],
  ReadonlyMap<string, readonly ResolvedEvent[]>,
  BaseTopic,
];

/** The stored file for the folder's current contents, or undefined when the folder is unusual. */
export function baseCacheFile(knowledgeDir: string, cache: BaseCache): string | undefined {
  try {
    const hash = createHash("sha256").update(
      `${cache.build}\0${process.cwd()}\0${path.resolve(knowledgeDir)}`,
    );
    for (const file of listKnowledgeFiles(knowledgeDir)) {
      if (!lstatSync(file).isFile()) return undefined;
      hash.update(`\0${file}\0`).update(readFileSync(file));
    }
    return path.join(cache.dir, `base-${hash.digest("hex").slice(0, 32)}.v8`);
  } catch {
    return undefined;
  }
}

/** The base stored at `file`, or undefined when there is none (or it cannot be read). */
export function readCachedBase(file: string): KnowledgeBase | undefined {
  try {
    const [entities, sources, facts, timelines, topic] = deserialize(readFileSync(file)) as Stored;
    return new KnowledgeBase(entities, sources, facts, timelines, topic);
  } catch {
    return undefined;
  }
}

/** Stores `base` at `file`; where nothing can be written, the next run reads the files again. */
export function writeCachedBase(file: string, base: KnowledgeBase): void {
  try {
    const stored: Stored = [base.entities, base.sources, base.facts, base.timelines, base.topic];
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, serialize(stored));
    renameSync(partial, file);
    // One base is kept: the one for the files as they are now.
    const dir = path.dirname(file);
    for (const name of readdirSync(dir))
      if (name.startsWith("base-") && name !== path.basename(file))
        rmSync(path.join(dir, name), { force: true });
  } catch {
    // A read-only cache folder only costs the parse next time.
  }
}

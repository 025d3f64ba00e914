import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { isNode, LineCounter, parseDocument, visit } from "yaml";
import type { ZodError, ZodType } from "zod";
import { listKnowledgeFiles } from "./files.ts";
import { fieldPath, type KnowledgeProblem } from "./problems.ts";
import {
  baseInfoSchema,
  entitySchema,
  factSchema,
  type KnowledgeFile,
  kindSchema,
  knowledgeFileSchema,
  sourceSchema,
  statusEventSchema,
  type Timeline,
} from "./schema.ts";

export { fieldPath, formatProblem, type KnowledgeProblem } from "./problems.ts";

export interface ParsedFile {
  file: string;
  content: KnowledgeFile;
  /** Line of a field path in this file, for problems found after parsing (dangling references). */
  lineOf(pathParts: (string | number)[]): number | undefined;
  /**
   * For a file that failed validation: its valid items only (so that references can be checked in
   * the same pass), and the ids its invalid items claim, which references may name without error.
   */
  salvaged?: Salvaged;
}

/** Largest knowledge file read; the curated files are tens of kilobytes. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Largest knowledge folder read, all files together. */
export const MAX_FOLDER_BYTES = 64 * 1024 * 1024;
/**
 * Alias expansions allowed per file. Ordinary reuse of an anchor (a few hundred times) is fine;
 * a "billion laughs" file, where aliases of aliases multiply, is refused long before it costs much.
 */
export const MAX_ALIAS_COUNT = 1000;
/** The only explicit tags a knowledge file may use: YAML's own core types. */
const CORE_TAGS = new Set([
  "tag:yaml.org,2002:str",
  "tag:yaml.org,2002:int",
  "tag:yaml.org,2002:float",
  "tag:yaml.org,2002:bool",
  "tag:yaml.org,2002:null",
  "tag:yaml.org,2002:map",
  "tag:yaml.org,2002:seq",
]);

/** Parses and validates one file's text. Problems carry the line of the offending node. */
export function parseKnowledgeFile(
  file: string,
  text: string,
): { ok: true; parsed: ParsedFile } | { ok: false; problems: KnowledgeProblem[]; salvaged?: ParsedFile } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  if (doc.errors.length > 0 || doc.warnings.length > 0) {
    return {
      ok: false,
      problems: [...doc.errors, ...doc.warnings].map((error) => ({
        file,
        field: "(syntax)",
        line: error.linePos?.[0]?.line ?? lineAt(error.pos[0]),
        message: (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ""),
      })),
    };
  }
  const badTags: KnowledgeProblem[] = [];
  visit(doc, (_key, node) => {
    if (isNode(node) && node.tag && !CORE_TAGS.has(node.tag))
      badTags.push({
        file,
        field: "(syntax)",
        line: lineAt(node.range?.[0]),
        message: `unknown YAML tag ${node.tag}; knowledge files use plain values only`,
      });
  });
  if (badTags.length > 0) return { ok: false, problems: badTags };
  const lineOf = (parts: (string | number)[]): number | undefined => {
    for (let depth = parts.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(parts.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias count/i.test(error.message)
        ? `YAML aliases expand past ${MAX_ALIAS_COUNT} times (an alias bomb?); write the values out instead`
        : `cannot be read as YAML: ${(error as Error).message}`;
    return { ok: false, problems: [{ file, field: "(file)", message }] };
  }
  const result = knowledgeFileSchema.safeParse(value ?? {});
  if (!result.success) {
    const problems = zodProblems(file, result.error, lineOf, value);
    const kept = salvage(value);
    const salvaged: ParsedFile | undefined = kept
      ? {
          file,
          content: kept.content,
          salvaged: kept.salvaged,
          lineOf: (parts) => lineOf(kept.salvaged.original(parts)),
        }
      : undefined;
    return { ok: false, problems, ...(salvaged ? { salvaged } : {}) };
  }
  return { ok: true, parsed: { file, content: result.data, lineOf } };
}

function zodProblems(
  file: string,
  error: ZodError,
  lineOf: (parts: (string | number)[]) => number | undefined,
  value: unknown,
): KnowledgeProblem[] {
  return error.issues.map((issue) => {
    const parts = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    // A field left out is said to be required, not that undefined is the wrong type.
    const missing = issue.code === "invalid_type" && parts.length > 0 && isMissing(value, parts);
    const message = missing ? `is required (${expectedOf(issue)})` : issue.message;
    return { file, field: fieldPath(parts) || "(file)", line: lineOf(parts), message };
  });
}

/** Whether the last part of `parts` is absent from the object the others lead to. */
function isMissing(value: unknown, parts: (string | number)[]): boolean {
  let node = value;
  for (const part of parts.slice(0, -1)) {
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  if (node === null || typeof node !== "object") return false;
  const last = parts.at(-1) as string | number;
  return (node as Record<string | number, unknown>)[last] === undefined;
}

/** "a string", "a list", "a number": what a missing field should hold, in a curator's words. */
function expectedOf(issue: ZodError["issues"][number]): string {
  const expected = "expected" in issue ? String(issue.expected) : "";
  const words: Record<string, string> = {
    string: "a text",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "a mapping of fields",
  };
  return words[expected] ?? (expected ? `a value of type ${expected}` : "a value");
}

const SECTION_ITEMS = {
  kinds: kindSchema,
  sources: sourceSchema,
  entities: entitySchema,
  facts: factSchema,
} as const satisfies Record<string, ZodType>;

/** What `salvage` keeps of a file that failed validation. */
export interface Salvaged {
  /** Ids defined by items that failed validation: references to them are not reported as unknown. */
  claimed: ReadonlySet<string>;
  /** The path in the file of a path in the kept content, whose lists lack the invalid items. */
  original(parts: (string | number)[]): (string | number)[];
}

/**
 * The valid part of a file that failed validation: each section's items that pass on their own, and
 * each timeline whose entries all pass, so that one pass checks references too. Invalid items that
 * carry an id claim it, so that what refers to them is not reported as unknown as well.
 */
function salvage(value: unknown): { content: KnowledgeFile; salvaged: Salvaged } | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const claimed = new Set<string>();
  const positions = new Map<string, number[]>();
  const content: KnowledgeFile = { kinds: [], sources: [], entities: [], facts: [], timelines: [] };
  const base = baseInfoSchema.safeParse(raw.base);
  if (raw.base !== undefined && base.success) content.base = base.data;
  const keep = (section: string, index: number) =>
    positions.set(section, [...(positions.get(section) ?? []), index]);
  for (const section of Object.keys(SECTION_ITEMS) as (keyof typeof SECTION_ITEMS)[]) {
    const items = raw[section];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      const parsed = SECTION_ITEMS[section].safeParse(item);
      if (parsed.success) {
        (content[section] as unknown[]).push(parsed.data);
        keep(section, index);
      } else {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id === "string") claimed.add(id);
      }
    });
  }
  if (Array.isArray(raw.timelines))
    raw.timelines.forEach((item, index) => {
      const entity = (item as { entity?: unknown } | null)?.entity;
      const events = (item as { events?: unknown } | null)?.events;
      if (typeof entity !== "string" || !Array.isArray(events)) return;
      const valid = events.flatMap((event) => {
        const parsed = statusEventSchema.safeParse(event);
        return parsed.success ? [parsed.data] : [];
      });
      // A timeline with an invalid entry is left out whole, so that the others keep their positions.
      if (valid.length === 0 || valid.length !== events.length) return;
      content.timelines.push({ entity, events: valid } satisfies Timeline);
      keep("timelines", index);
    });
  const original = (parts: (string | number)[]) => {
    const [section, index, ...rest] = parts;
    const at =
      typeof section === "string" && typeof index === "number" ? positions.get(section)?.[index] : undefined;
    return at === undefined ? parts : [section as string, at, ...rest];
  };
  return { content, salvaged: { claimed, original } };
}

/**
 * What a long-lived reader keeps of the files it parsed, by path: a file whose text is unchanged at
 * the next read is not parsed again, so an edit to one file of a large base re-reads that file only.
 */
export type ParseCache = Map<string, { text: string; parsed: ParsedFile }>;

/**
 * A parsed file that keeps its content and text, not its syntax tree: lines are found by parsing
 * the text again, which only a problem found across files (a dangling reference) needs.
 */
function withoutTree(parsed: ParsedFile, text: string): ParsedFile {
  let again: ParsedFile | undefined;
  return {
    file: parsed.file,
    content: parsed.content,
    lineOf(parts) {
      if (!again) {
        const result = parseKnowledgeFile(parsed.file, text);
        if (!result.ok) return undefined;
        again = result.parsed;
      }
      return again.lineOf(parts);
    },
  };
}

/**
 * Reads and validates every file of a folder; returns all problems at once, never throws on bad data.
 * With a `cache`, files whose text has not changed since the last read are taken from it.
 */
export function readKnowledgeDir(
  dir: string,
  cache?: ParseCache,
):
  | { ok: true; files: ParsedFile[] }
  | ({ ok: false; problems: KnowledgeProblem[] } & Partial<FolderRemains>) {
  const files: ParsedFile[] = [];
  const problems: KnowledgeProblem[] = [];
  // What validates of the files that do not, and whether every file could be read at all.
  const salvaged: ParsedFile[] = [];
  let complete = true;
  let names: string[];
  try {
    names = listKnowledgeFiles(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    return {
      ok: false,
      problems: [
        {
          file: dir,
          field: "(folder)",
          message: `cannot be read (${code}); set BRIEFBOT_KNOWLEDGE_DIR to the knowledge folder`,
        },
      ],
    };
  }
  let total = 0;
  for (const file of names) {
    const display = path.relative(process.cwd(), file) || file;
    const read = readTextFile(file, MAX_FOLDER_BYTES - total);
    if (!read.ok) {
      problems.push({
        file: display,
        field: "(file)",
        ...(read.line ? { line: read.line } : {}),
        message: read.message,
      });
      complete = false;
      if (read.folderFull) break;
      continue;
    }
    total += read.bytes;
    const cached = cache?.get(file);
    if (cached && cached.text === read.text && cached.parsed.file === display) {
      files.push(cached.parsed);
      continue;
    }
    const result = parseKnowledgeFile(display, read.text);
    if (result.ok) {
      const parsed = cache ? withoutTree(result.parsed, read.text) : result.parsed;
      cache?.set(file, { text: read.text, parsed });
      files.push(parsed);
    } else {
      cache?.delete(file);
      problems.push(...result.problems);
      if (result.salvaged) salvaged.push(result.salvaged);
      else complete = false;
    }
  }
  // A file that is gone is forgotten.
  if (cache) for (const file of cache.keys()) if (!names.includes(file)) cache.delete(file);
  if (names.length === 0)
    problems.push({ file: dir, field: "(folder)", message: "no .yaml knowledge files" });
  if (problems.length === 0) return { ok: true, files };
  return names.length > 0
    ? { ok: false, problems, files: [...files, ...salvaged], complete }
    : { ok: false, problems };
}

/** What is left of a folder with problems: the files that validate and the valid part of the others. */
export interface FolderRemains {
  files: ParsedFile[];
  /** False when a file could not be read or parsed at all: references into it cannot be checked. */
  complete: boolean;
}

type FileRead =
  | { ok: true; text: string; bytes: number }
  | { ok: false; message: string; line?: number; folderFull?: boolean };

/**
 * Reads one knowledge file, refusing anything but a regular file (a FIFO would block, a link to a
 * device would never end), anything over the size caps, and bytes that are not UTF-8. The file is
 * opened non-blocking and checked through its own descriptor, so what is checked is what is read.
 */
function readTextFile(file: string, folderRoom: number): FileRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return {
      ok: false,
      message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return { ok: false, message: `is not a regular file (${fileKind(stat)}); only plain files are read` };
    if (stat.size > MAX_FILE_BYTES)
      return {
        ok: false,
        message: `is ${megabytes(stat.size)}, over the ${megabytes(MAX_FILE_BYTES)} limit per file; split it`,
      };
    if (stat.size > folderRoom)
      return {
        ok: false,
        folderFull: true,
        message: `takes the folder over its ${megabytes(MAX_FOLDER_BYTES)} limit; move files out of the knowledge folder`,
      };
    // Read at most one byte past the cap, in case the file grows between fstat and read.
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_FILE_BYTES) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_FILE_BYTES || length > folderRoom)
      return { ok: false, message: `grew past the size limit while being read` };
    const bytes = buffer.subarray(0, length);
    try {
      return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), bytes: length };
    } catch {
      const offset = firstInvalidUtf8(bytes);
      const line = bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;
      return {
        ok: false,
        line,
        message: `is not UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16)} at offset ${offset}); save it as UTF-8`,
      };
    }
  } catch (error) {
    return {
      ok: false,
      message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    };
  } finally {
    closeSync(fd);
  }
}

function fileKind(stat: import("node:fs").Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** Offset of the first byte that breaks UTF-8 (truncated, overlong, surrogate or out-of-range sequences). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

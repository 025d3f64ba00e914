import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isNode, LineCounter, parseDocument } from "yaml";
import type { ZodError } from "zod";
import { type KnowledgeFile, knowledgeFileSchema } from "./schema.ts";

/** One problem in one knowledge file, precise enough for a curator to go straight to it. */
export interface KnowledgeProblem {
  file: string;
  /** Field path in the file, e.g. "facts[3].source". */
  field: string;
  line?: number;
  message: string;
}

export interface ParsedFile {
  file: string;
  content: KnowledgeFile;
  /** Line of a field path in this file, for problems found after parsing (dangling references). */
  lineOf(pathParts: (string | number)[]): number | undefined;
}

/** Formats a problem as "file:line field: message", the shape editors and terminals link to. */
export function formatProblem(problem: KnowledgeProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where} ${problem.field}: ${problem.message}`;
}

export function fieldPath(parts: readonly PropertyKey[]): string {
  return parts.reduce<string>((acc, part) => {
    if (typeof part === "number") return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, "");
}

/** Lists the knowledge files of a folder: every .yaml/.yml file, in name order for stable ids. */
function listKnowledgeFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Parses and validates one file's text. Problems carry the line of the offending node. */
export function parseKnowledgeFile(
  file: string,
  text: string,
): { ok: true; parsed: ParsedFile } | { ok: false; problems: KnowledgeProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        field: "(syntax)",
        line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line,
        message: (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, ""),
      })),
    };
  }
  const lineOf = (parts: (string | number)[]): number | undefined => {
    for (let depth = parts.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(parts.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const result = knowledgeFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) return { ok: false, problems: zodProblems(file, result.error, lineOf) };
  return { ok: true, parsed: { file, content: result.data, lineOf } };
}

function zodProblems(
  file: string,
  error: ZodError,
  lineOf: (parts: (string | number)[]) => number | undefined,
): KnowledgeProblem[] {
  return error.issues.map((issue) => {
    const parts = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    return { file, field: fieldPath(parts) || "(file)", line: lineOf(parts), message: issue.message };
  });
}

/** Reads and validates every file of a folder; returns all problems at once, never throws on bad data. */
export function readKnowledgeDir(
  dir: string,
): { ok: true; files: ParsedFile[] } | { ok: false; problems: KnowledgeProblem[] } {
  const files: ParsedFile[] = [];
  const problems: KnowledgeProblem[] = [];
  let names: string[];
  try {
    names = listKnowledgeFiles(dir);
  } catch (error) {
    return { ok: false, problems: [{ file: dir, field: "(folder)", message: (error as Error).message }] };
  }
  for (const file of names) {
    const display = path.relative(process.cwd(), file) || file;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      problems.push({
        file: display,
        field: "(file)",
        message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      });
      continue;
    }
    const result = parseKnowledgeFile(display, text);
    if (result.ok) files.push(result.parsed);
    else problems.push(...result.problems);
  }
  if (names.length === 0)
    problems.push({ file: dir, field: "(folder)", message: "no .yaml knowledge files" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, files };
}

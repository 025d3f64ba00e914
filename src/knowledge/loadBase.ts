import { assembleBase, type KnowledgeBase } from "./base.ts";
import { curatorWarnings } from "./curatorChecks.ts";
import { type KnowledgeProblem, readKnowledgeDir } from "./load.ts";
import { quoteWarnings } from "./quoteChecks.ts";

/** Reads, validates and assembles a knowledge folder; all problems are returned together. */
export function loadKnowledgeBase(
  dir: string,
): { ok: true; base: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] } {
  return assembleRead(readKnowledgeDir(dir));
}

/**
 * `brief check`: every problem of a folder in one pass, or the base with what a curator should look
 * at though nothing is invalid (see `curatorWarnings`).
 */
export function checkKnowledgeFolder(
  dir: string,
):
  | { ok: true; base: KnowledgeBase; warnings: KnowledgeProblem[] }
  | { ok: false; problems: KnowledgeProblem[] } {
  const read = readKnowledgeDir(dir);
  const assembled = assembleRead(read);
  if (!assembled.ok || !read.ok) return assembled.ok ? { ok: false, problems: [] } : assembled;
  const warnings = [
    ...curatorWarnings(read.files, assembled.base, dir),
    ...quoteWarnings(read.files, assembled.base, dir),
  ];
  return { ...assembled, warnings: inFileOrder(warnings) };
}

/**
 * Assembles what a folder read gave. When files failed validation, their valid parts are assembled
 * all the same, so that reference problems come in the same pass as the files' own, in file and line
 * order: a curator fixes everything in one round.
 */
export function assembleRead(
  read: ReturnType<typeof readKnowledgeDir>,
): { ok: true; base: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] } {
  if (read.ok) return assembleBase(read.files);
  if (!read.files) return read;
  const assembled = assembleBase(read.files, { incomplete: read.complete === false });
  const problems = [...read.problems, ...(assembled.ok ? [] : assembled.problems)];
  return { ok: false, problems: inFileOrder(problems) };
}

/** Problems by file, then by line; those without a line first in their file. */
function inFileOrder(problems: KnowledgeProblem[]): KnowledgeProblem[] {
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort(
      (a, b) =>
        (a.problem.file < b.problem.file ? -1 : a.problem.file > b.problem.file ? 1 : 0) ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        a.order - b.order,
    )
    .map(({ problem }) => problem);
}

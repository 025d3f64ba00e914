/** One problem in one knowledge file, precise enough for a curator to go straight to it. */
export interface KnowledgeProblem {
  file: string;
  /** Field path in the file, e.g. "facts[3].source". */
  field: string;
  line?: number;
  message: string;
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

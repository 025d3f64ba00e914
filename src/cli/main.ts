import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/load.ts";
import { QueryEngine } from "../engine/engine.ts";
import { formatProblem } from "../knowledge/load.ts";
import { loadKnowledgeBase } from "../knowledge/loadBase.ts";
import { summariseBase } from "../knowledge/summary.ts";

const USAGE = `usage: brief ask "<question>" [--json] [--now <ISO date>]
       brief ask --jsonl            (one question per line on stdin, one JSON answer per line out)
       brief check                  (validate the knowledge files and summarise them)`;

/** The `brief` command line: asks questions of the fact base and validates it. Exit code 2 is a usage error. */
async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const config = loadConfig(process.env);
  if (!config.ok) {
    process.stderr.write(`${config.problems.join("\n")}\n`);
    return 1;
  }
  const loaded = loadKnowledgeBase(config.value.knowledgeDir);
  if (!loaded.ok) {
    process.stderr.write(
      `The knowledge base has problems:\n${loaded.problems.map(formatProblem).join("\n")}\n`,
    );
    return 1;
  }
  if (command !== "ask" && command !== "check") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // `check` builds the same engine the bot and `ask` build, so a base that passes check also loads.
  const engine = new QueryEngine(loaded.base);
  if (command === "check") {
    process.stdout.write(`${summariseBase(loaded.base)}\n`);
    return 0;
  }
  const now = () => (values.now ? new Date(values.now) : new Date());
  if (values.now && Number.isNaN(now().getTime())) {
    process.stderr.write(`--now must be an ISO date, e.g. 2024-11-21\n${USAGE}\n`);
    return 2;
  }
  if (values.jsonl) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines)
      process.stdout.write(`${JSON.stringify(engine.ask(line, { now: now() }))}\n`);
    return 0;
  }
  const question = rest.join(" ").trim();
  if (!question) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const answer = engine.ask(question, { now: now() });
  process.stdout.write(values.json ? `${JSON.stringify(answer)}\n` : `${answer.text}\n`);
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean" }, jsonl: { type: "boolean" }, now: { type: "string" } },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`brief failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);

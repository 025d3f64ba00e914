import { declaration } from "../commands/declarations.ts";

/** An option of a `brief` command, as `node:util` parseArgs takes it, with its help line. */
export interface CliOption {
  name: string;
  type: "boolean" | "string";
  /** How help shows its value: `--now <date>`. */
  value?: string;
  description: string;
}

/** A `brief` command: its words, what it does, its options and examples. Help and parsing come from it. */
export interface CliCommand {
  id: string;
  /** `<question>`, `[entity]`: what follows the command word. */
  operands: string;
  summary: string;
  options: CliOption[];
  examples: string[];
}

const now: CliOption = {
  name: "now",
  type: "string",
  value: "<date>",
  description: "answer as of this ISO date or time instead of now, e.g. 2024-11-21",
};

/** The chat command's own description, so `brief` and the bot describe a shared command alike. */
const described = (id: string) => declaration(id).description;

/** Every `brief` command, in the order help lists them. `ask`, `status` and `sources` are the bot's own commands. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    id: "ask",
    operands: "<question>",
    summary: "Answer a question, as the bot would.",
    options: [
      { name: "json", type: "boolean", description: "print the answer value as one JSON object" },
      {
        name: "jsonl",
        type: "boolean",
        description: "read one question per line on stdin; print one JSON object per line",
      },
      now,
    ],
    examples: [
      'brief ask "is the kyiv embassy open"',
      'brief ask --json "is the kyiv embassy open"',
      "brief ask --jsonl < questions.txt",
    ],
  },
  {
    id: "status",
    operands: "[entity]",
    summary: described("status"),
    options: [
      { name: "json", type: "boolean", description: "print the answer value as one JSON object" },
      now,
    ],
    examples: ["brief status", 'brief status "italian embassy"'],
  },
  {
    id: "sources",
    operands: "",
    summary: described("sources"),
    options: [],
    examples: ["brief sources"],
  },
  {
    id: "gaps",
    operands: "",
    summary: declaration("gaps").description.replace(/ \(curators\)\.$/, "."),
    options: [],
    examples: ["brief gaps"],
  },
  {
    id: "feedback",
    operands: "",
    summary: declaration("feedback").description.replace(/ \(curators\)\.$/, "."),
    options: [],
    examples: ["brief feedback"],
  },
  {
    id: "check",
    operands: "",
    summary: "Validate the knowledge files and summarise them, with the latest statuses.",
    options: [],
    examples: ["brief check", "BRIEFBOT_KNOWLEDGE_DIR=my-base brief check"],
  },
  {
    id: "draft",
    operands: "<file or URL>",
    summary:
      "Draft the source, status changes and facts an article reports, for a curator to review; stores its numbered text beside the base.",
    options: [],
    examples: ["brief draft article.txt", "brief draft https://example.org/news/port-reopens"],
  },
  {
    id: "review",
    operands: "[approve <id> | reject <id>]",
    summary:
      "List the drafted status changes and facts waiting for review, or approve one into the base (checked against the whole base first) or reject it. A running bot reloads and notifies subscribers.",
    options: [],
    examples: ["brief review", "brief review approve c1a2b3c4", "brief review reject f5d6e7a8"],
  },
  {
    id: "feeds",
    operands: "",
    summary: declaration("feeds").description.replace(/ \(curators\)\.$/, "."),
    options: [],
    examples: ["brief feeds", "BRIEFBOT_FEEDS=https://example.org/news.rss brief feeds"],
  },
];

/** Options every command takes. */
export const COMMON_OPTIONS: readonly CliOption[] = [
  { name: "help", type: "boolean", description: "show this help" },
  { name: "version", type: "boolean", description: "print brief's version" },
];

/** Short forms of options. */
export const SHORT_OPTIONS: Readonly<Record<string, string>> = { h: "help", V: "version", v: "version" };

export function cliCommand(id: string): CliCommand | undefined {
  return CLI_COMMANDS.find((command) => command.id === id);
}

const ENVIRONMENT = `Reads the knowledge folder (BRIEFBOT_KNOWLEDGE_DIR, default knowledge/) and the status changes
the bot recorded from chat, from the store the bot uses: PostgreSQL when DATABASE_URL is set, else
the SQLite file BRIEFBOT_DB_PATH (default data/briefbot.db). .env is read, as npm start reads it.
Which store was read is said on stderr; stdout holds only the answer.`;

const EXIT_CODES = "Exit codes: 0 done, 1 failed (e.g. the knowledge base has problems), 2 usage error.";

const optionLine = (option: CliOption) => {
  const flag = `--${option.name}${option.value ? ` ${option.value}` : ""}`;
  const short = Object.entries(SHORT_OPTIONS).find(([, long]) => long === option.name)?.[0];
  return `  ${(short ? `-${short}, ${flag}` : `    ${flag}`).padEnd(20)} ${option.description}`;
};

/** `brief --help`. */
export function mainHelp(): string {
  return [
    "brief: answers briefing questions from the knowledge base and what the bot recorded from chat.",
    "",
    "Usage: brief <command> [options]",
    "",
    "Commands:",
    ...CLI_COMMANDS.map((c) => `  ${`${c.id} ${c.operands}`.padEnd(20)} ${c.summary}`),
    "",
    "Options:",
    ...COMMON_OPTIONS.map(optionLine),
    "",
    "Examples:",
    ...CLI_COMMANDS.flatMap((c) => c.examples.slice(0, 2)).map((e) => `  ${e}`),
    "",
    "Run brief <command> --help for a command's options.",
    ENVIRONMENT,
    EXIT_CODES,
  ].join("\n");
}

/** `brief <command> --help`. */
export function commandHelp(command: CliCommand): string {
  return [
    `brief ${command.id}: ${command.summary}`,
    "",
    `Usage: brief ${command.id}${command.operands ? ` ${command.operands}` : ""} [options]`,
    "",
    "Options:",
    ...[...command.options, ...COMMON_OPTIONS].map(optionLine),
    "",
    "Examples:",
    ...command.examples.map((e) => `  ${e}`),
    "",
    ENVIRONMENT,
    EXIT_CODES,
  ].join("\n");
}

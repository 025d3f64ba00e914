import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import packageJson from "../../package.json" with { type: "json" };
import { coreCommands } from "../commands/coreCommands.ts";
import type { Reply } from "../commands/reply.ts";
import type { CommandServices } from "../commands/spec.ts";
import { didYouMean } from "../commands/suggest.ts";
import { TrackedEntities } from "../commands/trackedEntities.ts";
import { parseEnv } from "../config/env.ts";
import { loadConfig } from "../config/load.ts";
import { baseVersion } from "../curator/baseVersion.ts";
import { reportText } from "../curator/report.ts";
import type { Answer } from "../engine/answer.ts";
import { QueryEngine, statusesOf } from "../engine/engine.ts";
import { failureLine } from "../failure.ts";
import type { KnowledgeBase } from "../knowledge/base.ts";
import { type BaseCache, baseCacheFile, readCachedBase, writeCachedBase } from "../knowledge/baseCache.ts";
import { formatProblem, type KnowledgeProblem } from "../knowledge/problems.ts";
import { summariseBase } from "../knowledge/summary.ts";
import { type Article, ArticleProblem } from "../news/article.ts";
import { BaseReader, draftArticle } from "../news/draft.ts";
import { draftsDir, fetchArticle, writeDraft } from "../news/draftFile.ts";
import { feedsReport } from "../news/feedsReport.ts";
import { deliveryConfigSchema, toDeliveryConfig } from "../subscriptions/config.ts";
import { readChatUpdates, type StoreReading } from "./chatUpdates.ts";
import {
  CLI_COMMANDS,
  type CliCommand,
  COMMON_OPTIONS,
  cliCommand,
  commandHelp,
  mainHelp,
  SHORT_OPTIONS,
} from "./commands.ts";
import { readCuratorReport } from "./curatorReports.ts";
import { readFeedRecords } from "./feedRecords.ts";

/** Where `brief` reads and writes; the process's own streams and environment, or a test's. */
export interface BriefIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv | Record<string, string | undefined>;
}

/** Exit codes: done, failed, and a usage error (the command line itself was wrong). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A wrong command line: one line on stderr and exit code 2. */
class UsageError extends Error {}

const version = packageJson.version;

interface Invocation {
  command: CliCommand | undefined;
  /** `brief help <command>`: help was asked for by name. */
  help: boolean;
  version: boolean;
  values: Record<string, string | boolean | undefined>;
  operands: string[];
}

/**
 * The `brief` command line. Every entry point answers from the same state: the knowledge files
 * plus the status changes the bot recorded from chat, read from the bot's own store. stdout holds
 * only what was asked for; which store was read, and every problem, go to stderr as one line.
 */
export async function runBrief(argv: string[], io: BriefIO): Promise<number> {
  const say = (stream: NodeJS.WritableStream, text: string) => stream.write(`${text}\n`);
  let call: Invocation;
  try {
    call = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(io.stderr, `brief: ${error.message}`);
    return EXIT.usage;
  }
  if (call.version) {
    say(io.stdout, version);
    return EXIT.ok;
  }
  if (call.help) {
    say(io.stdout, call.command ? commandHelp(call.command) : mainHelp());
    return EXIT.ok;
  }
  const command = call.command;
  if (!command) {
    say(io.stderr, mainHelp());
    return EXIT.usage;
  }
  try {
    return await run(command, call, io);
  } catch (error) {
    if (error instanceof UsageError) {
      say(io.stderr, `brief ${command.id}: ${error.message}`);
      return EXIT.usage;
    }
    say(io.stderr, `brief: ${failureLine(error, `brief ${command.id}`)}`);
    return EXIT.failed;
  }
}

async function run(command: CliCommand, call: Invocation, io: BriefIO): Promise<number> {
  const { values, operands } = call;
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const now = readNow(values.now);
  const noOperands = ["sources", "check", "gaps", "feedback", "feeds"];
  if (noOperands.includes(command.id) && operands.length > 0)
    throw new UsageError(`takes no arguments (got "${operands[0]}"); run brief ${command.id} --help`);
  const reviewAction = operands[0];
  if (
    command.id === "review" &&
    (operands.length === 1 ||
      operands.length > 2 ||
      (reviewAction !== undefined && reviewAction !== "approve" && reviewAction !== "reject"))
  )
    throw new UsageError("usage: brief review, brief review approve <id>, or brief review reject <id>");
  if (command.id === "draft" && operands.length !== 1)
    throw new UsageError("give one article: a file or an http(s) URL, e.g. brief draft article.txt");
  if (command.id === "ask") {
    if (values.jsonl && operands.length > 0)
      throw new UsageError("--jsonl reads the questions from stdin, one a line; give no question after it");
    if (values.jsonl && values.json) throw new UsageError("choose one of --json and --jsonl");
    if (!values.jsonl && operands.join(" ").trim() === "")
      throw new UsageError('give a question, e.g. brief ask "is the kyiv embassy open"');
  }

  const config = loadConfig(io.env as NodeJS.ProcessEnv);
  const delivery = parseEnv(deliveryConfigSchema, io.env);
  if (!config.ok || !delivery.ok) {
    io.stderr.write(
      `${[...(config.ok ? [] : config.problems), ...(delivery.ok ? [] : delivery.problems)].join("\n")}\n`,
    );
    return EXIT.failed;
  }
  if (command.id === "feeds") {
    const read = await readFeedRecords({
      dbPath: config.value.dbPath,
      databaseUrl: toDeliveryConfig(delivery.value).databaseUrl,
    });
    io.stderr.write(
      `brief: ${read.recorded ? `reading the store at ${read.where}` : `there is no store at ${read.where} yet, so no feed has been polled`}\n`,
    );
    out(reportText(feedsReport(config.value.feeds, read.records, config.value.feedIntervalMs)));
    return EXIT.ok;
  }
  const loaded = await loadBase(command, config.value.knowledgeDir);
  if (!loaded.ok) {
    io.stderr.write(`the knowledge base has problems:\n${loaded.problems.map(formatProblem).join("\n")}\n`);
    return EXIT.failed;
  }
  if (command.id === "draft") return draftCommand(operands, config.value.knowledgeDir, loaded.base, io);
  if (command.id === "review") return reviewCommand(operands, config.value.knowledgeDir, loaded.base, io);
  if (command.id === "gaps" || command.id === "feedback") {
    const read = await readCuratorReport(
      command.id,
      { dbPath: config.value.dbPath, databaseUrl: toDeliveryConfig(delivery.value).databaseUrl },
      baseVersion(loaded.base),
      config.value.retentionDays,
    );
    io.stderr.write(
      `brief: ${read.recorded ? `reading the store at ${read.where}` : `there is no store at ${read.where} yet, so nothing is recorded`}\n`,
    );
    out(reportText(read.report));
    return EXIT.ok;
  }
  const store = await readChatUpdates({
    dbPath: config.value.dbPath,
    databaseUrl: toDeliveryConfig(delivery.value).databaseUrl,
  });
  io.stderr.write(`${storeLine(config.value.knowledgeDir, store)}\n`);
  // The bot's own engine: the file base with the chat updates merged, so `brief check` also proves it loads.
  const engine = new QueryEngine(loaded.base.withChatUpdates(store.kind === "read" ? store.updates : []));

  if (command.id === "check") {
    out(summariseBase(engine.base));
    const warnings = loaded.warnings ?? [];
    if (warnings.length > 0)
      out(
        `${warnings.length} ${warnings.length === 1 ? "warning" : "warnings"} (the base loads; these are worth a look):\n${warnings.map(formatProblem).join("\n")}`,
      );
    return EXIT.ok;
  }
  if (command.id === "ask" && values.jsonl) {
    const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) out(answerJson(engine.ask(line, { now: now() })));
    return EXIT.ok;
  }
  if (command.id === "ask") {
    const answer = engine.ask(operands.join(" ").trim(), { now: now() });
    out(values.json ? answerJson(answer) : answer.text);
    return EXIT.ok;
  }
  const reply = await runChatCommand(engine, command.id, operands.join(" ").trim(), now());
  if (reply.kind === "result" && !reply.ok) {
    io.stderr.write(`${reply.text}\n`);
    return EXIT.failed;
  }
  out(values.json && reply.kind === "answer" ? answerJson(reply.answer) : reply.text);
  return EXIT.ok;
}

/**
 * The knowledge base. `check` reads the folder afresh and also gathers what a curator should look at;
 * the other commands take the base a previous run stored for the same files, when `brief` runs from
 * its compiled form (bin/compiled.js says where), and otherwise read the folder and store what loads.
 * The YAML reader is imported only when the files are read.
 */
async function loadBase(
  command: CliCommand,
  dir: string,
): Promise<
  | { ok: true; base: KnowledgeBase; warnings?: KnowledgeProblem[] }
  | { ok: false; problems: KnowledgeProblem[] }
> {
  const cache = compiledBaseCache();
  const file = cache && command.id !== "check" ? baseCacheFile(dir, cache) : undefined;
  const stored = file ? readCachedBase(file) : undefined;
  if (stored) return { ok: true, base: stored };
  const { checkKnowledgeFolder, loadKnowledgeBase } = await import("../knowledge/loadBase.ts");
  if (command.id === "check") return checkKnowledgeFolder(dir);
  const loaded = loadKnowledgeBase(dir);
  if (loaded.ok && file) writeCachedBase(file, loaded.base);
  return loaded;
}

/** Set by bin/compiled.js when `brief` runs compiled: where a loaded base may be kept, and the build's name. */
function compiledBaseCache(): BaseCache | undefined {
  return (globalThis as Record<symbol, BaseCache | undefined>)[Symbol.for("briefbot.compiled")];
}

/** `brief draft <file or URL>`: the draft file and the numbered article, and one line saying what was drafted. */
async function draftCommand(
  operands: string[],
  knowledgeDir: string,
  base: KnowledgeBase,
  io: BriefIO,
): Promise<number> {
  const target = operands[0] as string;
  let article: Article;
  try {
    article = await fetchArticle(target);
  } catch (error) {
    if (!(error instanceof ArticleProblem)) throw error;
    io.stderr.write(`brief draft: ${error.message}\n`);
    return EXIT.failed;
  }
  const draft = draftArticle(article, new BaseReader(base));
  const drafts = draftsDir(knowledgeDir, io.env);
  const written = writeDraft(knowledgeDir, drafts, article, draft, target);
  io.stdout.write(
    `${written.draftFile}: ${draft.changes.length} status ${draft.changes.length === 1 ? "change" : "changes"}, ${draft.facts.length} candidate ${draft.facts.length === 1 ? "fact" : "facts"} from ${draft.source.publisher} (${draft.source.published.date}); the article's text is in ${written.articleFile}\n`,
  );
  for (const change of draft.changes)
    io.stdout.write(
      `  ${change.entity}: ${change.previous ?? "(none)"} -> ${change.type === "change" ? "" : `${change.type} `}${change.state} ${change.effective.date} (¶${change.paragraph})\n`,
    );
  return EXIT.ok;
}

/**
 * `brief review`: the pending items, or one approved or rejected as the terminal's user. An approval
 * is checked against the whole base first; a running bot sees the new file, reloads and notifies.
 */
async function reviewCommand(
  operands: string[],
  knowledgeDir: string,
  base: KnowledgeBase,
  io: BriefIO,
): Promise<number> {
  const { reviewList } = await import("../commands/review.ts");
  const { approveItem, rejectItem } = await import("../news/review.ts");
  const { itemHeadline } = await import("../news/reviewItems.ts");
  const folders = { knowledgeDir, draftsDir: draftsDir(knowledgeDir, io.env) };
  const [action, id] = operands;
  if (!action || !id) {
    io.stdout.write(`${reviewList(folders, base).text}\n`);
    return EXIT.ok;
  }
  const user = io.env.USER ?? io.env.USERNAME ?? "terminal";
  const decision = { by: `shell:${user}`, name: user, at: new Date() };
  const done =
    action === "approve" ? approveItem(folders, id, decision, base) : rejectItem(folders, id, decision, base);
  if (!done.ok) {
    const problems = done.problems.map(formatProblem);
    io.stderr.write(
      `brief review: ${done.code === "unknown-item" ? `no pending item has the id ${id}; brief review lists them` : `not ${action === "approve" ? "approved" : "rejected"}, nothing changed:`}\n${problems.map((p) => `${p}\n`).join("")}`,
    );
    return EXIT.failed;
  }
  io.stdout.write(
    `${action === "approve" ? "approved" : "rejected"}: ${itemHeadline(done.item)}${"liveFile" in done ? ` (now in ${done.liveFile})` : ""}\n`,
  );
  return EXIT.ok;
}

/** Runs one of the bot's own commands (`status`, `sources`) over `engine`, as the terminal's user. */
async function runChatCommand(engine: QueryEngine, id: string, args: string, now: Date): Promise<Reply> {
  const core = coreCommands({
    base: () => engine.base,
    statuses: (at, ids) => statusesOf(engine, at, ids),
    helpReply: () => ({ kind: "result", ok: true, code: "usage", text: mainHelp(), visibility: "private" }),
  });
  const command = core.commands.find((c) => c.id === id);
  if (!command) throw new Error(`no chat command "${id}"`);
  const tracked = new TrackedEntities(engine.base.entities.values(), (entity) =>
    engine.base.timelines.has(entity),
  );
  const services: CommandServices = {
    ask: (question, at, subject) => engine.ask(question, { now: at, ...(subject ? { subject } : {}) }),
    resolveEntity: (text, options) => engine.resolveEntity(text, options),
    resolveTracked: (text, options) => tracked.resolve(text, options),
    entityName: (entity) => engine.base.entities.get(entity)?.name ?? entity,
    logger: (await import("pino")).pino({ level: "silent" }),
  };
  return command.run({
    args,
    isAdmin: false,
    services,
    request: {
      text: `${id} ${args}`.trim(),
      channel: { platform: "shell", id: "terminal", name: "terminal" },
      user: { platform: "shell", id: "brief", name: "brief" },
      canManageSubscriptions: false,
      now,
    },
  });
}

/** What `brief` says on stderr about the state it answers from. */
function storeLine(knowledgeDir: string, store: StoreReading): string {
  if (store.kind === "none")
    return `brief: answering from ${folder(knowledgeDir)} alone: there is no store at ${store.where} yet, so no update made in chat is included`;
  const n = store.updates.length;
  return `brief: answering from ${folder(knowledgeDir)} and the store at ${store.where}, with ${n} chat ${n === 1 ? "update" : "updates"}`;
}

function readNow(value: string | boolean | undefined): () => Date {
  if (typeof value !== "string") return () => new Date();
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`--now must be an ISO date or time, e.g. 2024-11-21 (got "${value}")`);
  return () => at;
}

/**
 * The answer value as one JSON line. `verdict` is always there, null when the question asks no yes
 * or no, so every line has the same keys; `caveats` lists what must be said beside the answer.
 */
function answerJson(answer: Answer): string {
  return JSON.stringify({ ...answer, verdict: answer.verdict ?? null, caveats: answer.caveats });
}

/**
 * Reads `brief [options] <command> [operands and options]`. Unknown commands and options are named,
 * with the nearest known one when there is one; `--` ends the options.
 */
function parse(argv: string[]): Invocation {
  const commandAt = argv.findIndex((arg) => !arg.startsWith("-") || arg === "--");
  const word = commandAt === -1 || argv[commandAt] === "--" ? undefined : argv[commandAt];
  const before = commandAt === -1 ? argv : argv.slice(0, commandAt);
  const after = commandAt === -1 ? [] : argv.slice(commandAt + 1);
  const global = readOptions(before, COMMON_OPTIONS, "brief");
  if (global.operands.length > 0) throw new UsageError(`unexpected "${global.operands[0]}"`);
  if (word === undefined)
    return {
      command: undefined,
      help: global.values.help === true,
      version: global.values.version === true,
      values: {},
      operands: [],
    };
  if (word === "help") {
    const named = after.find((arg) => !arg.startsWith("-"));
    return {
      command: named ? knownCommand(named) : undefined,
      help: true,
      version: false,
      values: {},
      operands: [],
    };
  }
  const command = knownCommand(word);
  const options = [...command.options, ...COMMON_OPTIONS];
  const local = readOptions(after, options, `brief ${command.id}`);
  return {
    command,
    help: global.values.help === true || local.values.help === true,
    version: global.values.version === true || local.values.version === true,
    values: local.values,
    operands: local.operands,
  };
}

function knownCommand(word: string): CliCommand {
  const command = cliCommand(word);
  if (command) return command;
  const ids = CLI_COMMANDS.map((c) => c.id);
  const meant = didYouMean(word, ids);
  throw new UsageError(
    meant
      ? `"${word}" is not a command; did you mean "${meant}"? (brief --help lists the commands)`
      : `"${word}" is not a command; the commands are ${ids.join(", ")} (brief --help says more)`,
  );
}

function readOptions(
  args: string[],
  options: readonly CliCommand["options"][number][],
  who: string,
): { values: Record<string, string | boolean | undefined>; operands: string[] } {
  const config = Object.fromEntries(options.map((o) => [o.name, { type: o.type }]));
  const { tokens } = parseArgs({
    args,
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean | undefined> = {};
  const operands: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") operands.push(token.value);
    if (token.kind !== "option") continue;
    const name = SHORT_OPTIONS[token.name] ?? token.name;
    const option = options.find((o) => o.name === name);
    if (!option) {
      const meant = didYouMean(
        name,
        options.map((o) => o.name),
      );
      const listed = options.map((o) => `--${o.name}`).join(", ");
      throw new UsageError(
        meant
          ? `${token.rawName} is not an option of ${who}; did you mean --${meant}?`
          : `${token.rawName} is not an option of ${who}; it takes ${listed}`,
      );
    }
    if (option.type === "string") {
      if (token.value === undefined || token.value === "")
        throw new UsageError(`--${name} needs a value, e.g. --${name} 2024-11-21`);
      values[name] = token.value;
    } else {
      if (token.inlineValue) throw new UsageError(`--${name} takes no value`);
      values[name] = true;
    }
  }
  return { values, operands };
}

const folder = (dir: string) => (dir.endsWith("/") ? dir : `${dir}/`);

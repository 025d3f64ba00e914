import type { Logger } from "pino";
import type { BotCore } from "./adapter.ts";
import { type CompletionQuery, complete } from "./commands/complete.ts";
import { coreCommands } from "./commands/coreCommands.ts";
import { CommandRegistry, helpText } from "./commands/registry.ts";
import type { Reply } from "./commands/reply.ts";
import type { ChatRequest } from "./commands/request.ts";
import type { CommandServices } from "./commands/spec.ts";
import { ConversationMemory, subjectOf } from "./conversation/memory.ts";
import type { Poster } from "./delivery/poster.ts";
import { QueryEngine, statusesOf } from "./engine/engine.ts";
import { statusSnapshots } from "./engine/status.ts";
import type { KnowledgeBase } from "./knowledge/base.ts";
import { formatProblem, type KnowledgeProblem } from "./knowledge/load.ts";
import { loadKnowledgeBase } from "./knowledge/loadBase.ts";
import { watchKnowledge } from "./runtime/knowledgeWatcher.ts";
import { openSqliteSubscriptionStore } from "./subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "./subscriptions/store.ts";
import { SubscriptionSystem } from "./subscriptions/system.ts";

export interface BriefbotOptions {
  knowledgeDir: string;
  /** SQLite file for subscriptions, notices and chat updates; ":memory:" for a throwaway bot. */
  dbPath: string;
  /** "platform:userId" entries allowed to report status changes. */
  admins: string[];
  logger: Logger;
  posters: Poster[];
  clock?: () => Date;
  /** Reload when a knowledge file changes. */
  watch?: boolean;
}

/** Raised at start-up only: a running bot keeps its last good base instead. */
export class KnowledgeLoadError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(`the knowledge base has problems:\n${problems.map(formatProblem).join("\n")}`);
  }
}

/**
 * The running bot: the current knowledge base, the query engine over it (chat updates merged),
 * the command list, and subscriptions with their delivery.
 */
export class Briefbot implements BotCore {
  private fileBase: KnowledgeBase;
  private engine: QueryEngine;
  private mergedUpdates = 0;
  private watcher: { close(): void } | undefined;
  readonly registry: CommandRegistry;
  /** What each conversation was last about; in memory only, so a restart forgets rather than misleads. */
  private readonly conversations = new ConversationMemory();

  private constructor(
    private readonly options: BriefbotOptions,
    base: KnowledgeBase,
    readonly subscriptions: SubscriptionSystem,
    private readonly store: SubscriptionStore,
    private readonly clock: () => Date,
  ) {
    this.fileBase = base;
    this.engine = new QueryEngine(base.withChatUpdates(subscriptions.chatUpdates()));
    this.mergedUpdates = subscriptions.chatUpdates().length;
    const core = coreCommands({
      base: () => this.currentEngine().base,
      statuses: (now, ids) => statusesOf(this.currentEngine(), now, ids),
      helpReply: () => ({
        kind: "help",
        commands: this.registry.summaries(),
        text: helpText(this.registry.summaries()),
        visibility: "private",
      }),
    });
    this.registry = new CommandRegistry([...core.commands, ...subscriptions.commands], core.ask);
  }

  static async create(options: BriefbotOptions): Promise<Briefbot> {
    const loaded = loadKnowledgeBase(options.knowledgeDir);
    if (!loaded.ok) throw new KnowledgeLoadError(loaded.problems);
    const clock = options.clock ?? (() => new Date());
    let bot: Briefbot | undefined;
    const store = openSqliteSubscriptionStore(options.dbPath);
    let subscriptions: SubscriptionSystem;
    try {
      subscriptions = await SubscriptionSystem.open({
        store,
        posters: options.posters,
        logger: options.logger,
        clock,
        statuses: () => (bot ? statusSnapshots(bot.currentEngine().base, clock()) : []),
      });
    } catch (error) {
      await store.close();
      throw error;
    }
    bot = new Briefbot(options, loaded.base, subscriptions, store, clock);
    return bot;
  }

  /** The engine over the file base with every chat update merged, rebuilt when one arrives. */
  private currentEngine(): QueryEngine {
    if (this.subscriptions.chatUpdateCount !== this.mergedUpdates) {
      const updates = this.subscriptions.chatUpdates();
      this.engine = new QueryEngine(this.fileBase.withChatUpdates(updates));
      this.mergedUpdates = updates.length;
    }
    return this.engine;
  }

  private services(): CommandServices {
    return {
      ask: (question, now, subject) =>
        this.currentEngine().ask(question, { now, ...(subject ? { subject } : {}) }),
      resolveEntity: (text, opts) => this.currentEngine().resolveEntity(text, opts),
      entityName: (id) => this.currentEngine().base.entities.get(id)?.name ?? id,
      logger: this.options.logger,
    };
  }

  isAdmin(request: ChatRequest): boolean {
    if (request.user.platform === "shell") return true;
    return this.options.admins.includes(`${request.user.platform}:${request.user.id}`);
  }

  /**
   * Runs a request. A conversation's subject is read before and remembered after, so that "why did
   * it close" follows "is the Italian embassy open?" in the same thread, DM or session.
   */
  async handle(request: ChatRequest): Promise<Reply> {
    const conversation = request.conversation;
    const subject = conversation ? this.conversations.subject(conversation, request.now) : undefined;
    const reply = await this.registry.run({
      request,
      isAdmin: this.isAdmin(request),
      services: this.services(),
      ...(subject ? { subject } : {}),
    });
    if (conversation && reply.kind === "answer") {
      const next = subjectOf(reply.answer);
      if (next) this.conversations.remember(conversation, next, request.now);
    }
    return reply;
  }

  /** Suggestions for a command argument being typed, from the current base. */
  complete(query: CompletionQuery): string[] {
    return complete(this.currentEngine().base, query);
  }

  /** The current answer to a question, for callers that need the value rather than a reply. */
  ask(question: string, now: Date = this.clock()) {
    return this.currentEngine().ask(question, { now });
  }

  /**
   * Re-reads the knowledge folder. A broken edit is logged with file, field and line, and the
   * bot keeps answering from its last good base; a good one is swapped in and announced.
   */
  async reload(): Promise<{ ok: boolean; problems: KnowledgeProblem[] }> {
    const loaded = loadKnowledgeBase(this.options.knowledgeDir);
    if (!loaded.ok) {
      for (const problem of loaded.problems)
        this.options.logger.error({ problem }, `knowledge rejected: ${formatProblem(problem)}`);
      this.options.logger.warn("keeping the last good knowledge base");
      return { ok: false, problems: loaded.problems };
    }
    this.fileBase = loaded.base;
    this.engine = new QueryEngine(loaded.base.withChatUpdates(this.subscriptions.chatUpdates()));
    this.mergedUpdates = this.subscriptions.chatUpdates().length;
    this.options.logger.info({ facts: loaded.base.facts.length }, "knowledge reloaded");
    await this.subscriptions.sync(statusSnapshots(this.engine.base, this.clock()), this.clock());
    return { ok: true, problems: [] };
  }

  /** Reloads for a file watch or signal: a failure is logged, never thrown into an event loop callback. */
  async reloadSafely(): Promise<void> {
    try {
      await this.reload();
    } catch (error) {
      this.options.logger.error(
        { err: error },
        "knowledge reload failed; keeping the last good knowledge base",
      );
    }
  }

  /** Announces any change made while the bot was down, then starts delivery and the file watch. */
  async start(): Promise<void> {
    await this.subscriptions.sync(statusSnapshots(this.currentEngine().base, this.clock()), this.clock());
    this.subscriptions.start();
    if (this.options.watch) {
      this.watcher = watchKnowledge(
        this.options.knowledgeDir,
        () => {
          void this.reloadSafely();
        },
        (error) =>
          this.options.logger.warn({ err: error }, "cannot watch the knowledge folder; reload with SIGHUP"),
      );
    }
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    await this.subscriptions.stop();
    await this.store.close();
  }
}

export function createBriefbot(options: BriefbotOptions): Promise<Briefbot> {
  return Briefbot.create(options);
}

import type { Logger } from "pino";
import type { BotCore } from "./adapter.ts";
import { coreCommands } from "./commands/coreCommands.ts";
import { CommandRegistry, helpText } from "./commands/registry.ts";
import type { Reply } from "./commands/reply.ts";
import type { ChatRequest } from "./commands/request.ts";
import type { CommandServices } from "./commands/spec.ts";
import type { Poster } from "./delivery/poster.ts";
import { QueryEngine, statusesOf } from "./engine/engine.ts";
import type { StatusSnapshot } from "./engine/snapshot.ts";
import { statusSnapshots } from "./engine/status.ts";
import { KnowledgeBase, type ResolvedEvent } from "./knowledge/base.ts";
import type { ChatStatusUpdate } from "./knowledge/chatUpdate.ts";
import { formatProblem, type KnowledgeProblem } from "./knowledge/load.ts";
import { loadKnowledgeBase } from "./knowledge/loadBase.ts";
import { watchKnowledge } from "./runtime/knowledgeWatcher.ts";
import { openPostgresSubscriptionStore } from "./subscriptions/postgres/postgresStore.ts";
import { openSqliteSubscriptionStore } from "./subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "./subscriptions/store.ts";
import { SubscriptionSystem, type SubscriptionSystemOptions } from "./subscriptions/system.ts";

export interface BriefbotOptions {
  knowledgeDir: string;
  /** A base already loaded (a generated one, for benchmarks), answered from instead of the folder's at start. */
  knowledge?: KnowledgeBase;
  /** SQLite file for subscriptions, notices and chat updates; ":memory:" for a throwaway bot. */
  dbPath: string;
  /** A postgres://… URL: the store is PostgreSQL there instead, shared by any number of instances. */
  databaseUrl?: string;
  /** This process's name on its delivery claims (default: random). */
  instanceId?: string;
  /** Dispatcher knobs, e.g. a shorter lease. */
  dispatch?: SubscriptionSystemOptions["dispatch"];
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
  /**
   * The engine's timelines: the file base's with the chat updates merged. The engine reads them
   * through its base at every question, so a chat update replaces one entity's entry here, in place,
   * between two questions, instead of rebuilding the index (seconds at 100,000 facts).
   */
  private timelines = new Map<string, readonly ResolvedEvent[]>();
  /** Every entity's status snapshot, kept with the timelines: a chat update recomputes its entity's only. */
  private snapshots = new Map<string, StatusSnapshot>();
  private snapshotsAt = 0;
  private watcher: { close(): void } | undefined;
  readonly registry: CommandRegistry;

  private constructor(
    private readonly options: BriefbotOptions,
    base: KnowledgeBase,
    readonly subscriptions: SubscriptionSystem,
    private readonly store: SubscriptionStore,
    private readonly clock: () => Date,
  ) {
    this.fileBase = base;
    this.engine = this.buildEngine(base, subscriptions.chatUpdates());
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
    const loaded = options.knowledge
      ? { ok: true as const, base: options.knowledge }
      : loadKnowledgeBase(options.knowledgeDir);
    if (!loaded.ok) throw new KnowledgeLoadError(loaded.problems);
    const clock = options.clock ?? (() => new Date());
    let bot: Briefbot | undefined;
    const store = options.databaseUrl
      ? await openPostgresSubscriptionStore(options.databaseUrl)
      : openSqliteSubscriptionStore(options.dbPath);
    let subscriptions: SubscriptionSystem;
    try {
      subscriptions = await SubscriptionSystem.open({
        store,
        posters: options.posters,
        logger: options.logger,
        clock,
        statuses: () => (bot ? bot.currentSnapshots() : []),
        onChatUpdates: (updates) => bot?.mergeChatUpdates(updates),
        ...(options.instanceId ? { instanceId: options.instanceId } : {}),
        ...(options.dispatch ? { dispatch: options.dispatch } : {}),
      });
    } catch (error) {
      await store.close();
      throw error;
    }
    bot = new Briefbot(options, loaded.base, subscriptions, store, clock);
    return bot;
  }

  /** The engine over the file base with every chat update merged. */
  private currentEngine(): QueryEngine {
    return this.engine;
  }

  /** A new engine over `fileBase`, its timelines a map this bot owns, with `updates` merged. */
  private buildEngine(fileBase: KnowledgeBase, updates: readonly ChatStatusUpdate[]): QueryEngine {
    this.timelines = new Map(mergedTimelines(fileBase, updates));
    this.snapshotsAt = 0;
    return new QueryEngine(
      new KnowledgeBase(fileBase.entities, fileBase.sources, fileBase.facts, this.timelines),
    );
  }

  /**
   * The current status snapshots, for change detection. All of them are recomputed after a reload
   * and once a minute (a dated event can come into effect); between those, only what chat updates touch.
   */
  currentSnapshots(): StatusSnapshot[] {
    const now = this.clock();
    if (this.snapshotsAt === 0 || now.getTime() - this.snapshotsAt > SNAPSHOTS_MAX_AGE_MS) {
      this.snapshots = new Map(statusSnapshots(this.engine.base, now).map((s) => [s.entityId, s]));
      this.snapshotsAt = now.getTime();
    }
    return [...this.snapshots.values()];
  }

  /**
   * Merges chat updates (all of them, oldest first) into the running engine: the timelines of the
   * entities they touch are rebuilt from the file base, and swapped in one at a time, synchronously,
   * so a question sees each entity's whole old or whole new timeline. Nothing else is rebuilt.
   */
  mergeChatUpdates(updates: readonly ChatStatusUpdate[]): void {
    const touched = new Set(updates.map((update) => update.entityId));
    const merged = mergedTimelines(this.fileBase, updates);
    const changed = new Map<string, readonly ResolvedEvent[]>();
    for (const entityId of touched) {
      const timeline = merged.get(entityId);
      if (!timeline) continue;
      this.timelines.set(entityId, timeline);
      changed.set(entityId, timeline);
    }
    const { entities, sources } = this.fileBase;
    for (const snapshot of statusSnapshots(new KnowledgeBase(entities, sources, [], changed), this.clock()))
      this.snapshots.set(snapshot.entityId, snapshot);
  }

  private services(): CommandServices {
    return {
      ask: (question, now) => this.currentEngine().ask(question, { now }),
      resolveEntity: (text, opts) => this.currentEngine().resolveEntity(text, opts),
      entityName: (id) => this.currentEngine().base.entities.get(id)?.name ?? id,
      logger: this.options.logger,
    };
  }

  /** Slack retries an event for up to about five minutes; an hour covers every retry. */
  seenEvent(id: string): Promise<boolean> {
    return this.store.seenEvent(id, this.clock().getTime(), 60 * 60_000);
  }

  isAdmin(request: ChatRequest): boolean {
    if (request.user.platform === "shell") return true;
    return this.options.admins.includes(`${request.user.platform}:${request.user.id}`);
  }

  async handle(request: ChatRequest): Promise<Reply> {
    return this.registry.run({ request, isAdmin: this.isAdmin(request), services: this.services() });
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
    this.engine = this.buildEngine(loaded.base, this.subscriptions.chatUpdates());
    this.options.logger.info({ facts: loaded.base.facts.length }, "knowledge reloaded");
    await this.subscriptions.sync(undefined, this.clock());
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
    await this.subscriptions.sync(undefined, this.clock());
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

/**
 * The file base's timelines with `updates` merged, computed over a copy of the base without its
 * facts, so that merging costs the timelines' size, not the base's.
 */
const SNAPSHOTS_MAX_AGE_MS = 60_000;

function mergedTimelines(
  fileBase: KnowledgeBase,
  updates: readonly ChatStatusUpdate[],
): ReadonlyMap<string, readonly ResolvedEvent[]> {
  if (updates.length === 0) return fileBase.timelines;
  return new KnowledgeBase(fileBase.entities, fileBase.sources, [], fileBase.timelines).withChatUpdates(
    updates,
  ).timelines;
}

export function createBriefbot(options: BriefbotOptions): Promise<Briefbot> {
  return Briefbot.create(options);
}

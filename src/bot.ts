import { randomUUID } from "node:crypto";
import path from "node:path";
import type { Logger } from "pino";
import type { BotCore } from "./adapter.ts";
import { type CompletionQuery, complete } from "./commands/complete.ts";
import { coreCommands } from "./commands/coreCommands.ts";
import { curatorCommands } from "./commands/curatorCommands.ts";
import { feedCommands } from "./commands/feedCommands.ts";
import { commandMessages } from "./commands/messages.ts";
import { CommandRegistry, helpText } from "./commands/registry.ts";
import type { Reply } from "./commands/reply.ts";
import type { ChannelRef, ChatRequest, UserRef } from "./commands/request.ts";
import { confirmApproval, type ReviewDeps, reviewCommands, reviewEdit } from "./commands/review.ts";
import type { CommandServices } from "./commands/spec.ts";
import { subscriptionCommands } from "./commands/subscriptions/subscriptionCommands.ts";
import { TrackedEntities } from "./commands/trackedEntities.ts";
import { FEED_INTERVAL_LIMITS } from "./config/schema.ts";
import { ConversationMemory, subjectOf } from "./conversation/memory.ts";
import { baseVersion, baseVersionSteps } from "./curator/baseVersion.ts";
import { CURATOR_MESSAGES } from "./curator/messages.ts";
import { answerRecordOf, gapSightingsOf, MAX_FEEDBACK_REASON, voterHash } from "./curator/record.ts";
import { gapsReport } from "./curator/report.ts";
import type { Vote, VoteOutcome } from "./curator/types.ts";
import type { Poster } from "./delivery/poster.ts";
import { monotonicClock } from "./delivery/timing.ts";
import { QueryEngine, statusesOf } from "./engine/engine.ts";
import { tokenize } from "./engine/normalise/text.ts";
import { statusSnapshots } from "./engine/retrieve/status.ts";
import type { StatusSnapshot } from "./engine/snapshot.ts";
import { KnowledgeBase, type ResolvedEvent } from "./knowledge/base.ts";
import type { ChatStatusUpdate } from "./knowledge/chatUpdate.ts";
import { formatProblem, type KnowledgeProblem } from "./knowledge/load.ts";
import { loadKnowledgeBase } from "./knowledge/loadBase.ts";
import { KnowledgeLoader, type LoadResult } from "./knowledge/offThreadLoad.ts";
import { baseStateIds, declaredStates } from "./knowledge/states.ts";
import { FeedPoller } from "./news/feeds.ts";
import { BotMetrics, type OutboxStats } from "./ops/metrics.ts";
import { QUESTION_LIMITS, RateLimiter } from "./ops/rateLimit.ts";
import { watchKnowledge } from "./runtime/knowledgeWatcher.ts";
import { runInSlices, type Steps } from "./runtime/steps.ts";
import { openPostgresSubscriptionStore } from "./subscriptions/postgres/postgresStore.ts";
import { databaseFailure, isDatabaseError } from "./subscriptions/sqlite/databaseErrors.ts";
import { ONE_SHOT_OWNER } from "./subscriptions/sqlite/outbox.ts";
import { openSqliteSubscriptionStore } from "./subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "./subscriptions/store.ts";
import { describeStoreProblem } from "./subscriptions/storeProblem.ts";
import { SubscriptionSystem, type SubscriptionSystemOptions } from "./subscriptions/system.ts";
import { cutGraphemes, stripUnsafe, wellFormed } from "./text/clean.ts";

export interface BriefbotOptions {
  knowledgeDir: string;
  /** Where drafts wait for review (BRIEFBOT_DRAFTS_DIR); default `drafts/` in the knowledge folder, which is not loaded. */
  draftsDir?: string;
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
  /** "platform:userId" entries who may read `gaps` and `feedback` (admins may too). */
  curators?: string[];
  /** Days unanswered questions, answers shown for feedback and votes are kept (default 90). */
  retentionDays?: number;
  /** Where the weekly digest of unanswered questions is posted (BRIEFBOT_CURATOR_CHANNEL). */
  curatorChannel?: ChannelRef;
  /**
   * RSS and Atom feeds (BRIEFBOT_FEEDS) polled every `intervalMs` (BRIEFBOT_FEED_INTERVAL): new items
   * are drafted into `draftsDir` and announced in the curators' channel (in the terminal, there).
   */
  feeds?: { urls: readonly string[]; intervalMs: number; draftsDir: string; timeoutMs?: number };
  logger: Logger;
  posters: Poster[];
  clock?: () => Date;
  /** Reload when a knowledge file changes. */
  watch?: boolean;
  /** Per-user and per-channel question limits; the defaults are `QUESTION_LIMITS`. */
  limits?: { user: { burst: number; refillMs: number }; channel: { burst: number; refillMs: number } };
  /**
   * Load and index the knowledge away from the thread that answers: the folder is read, parsed and
   * validated on a thread of its own and the index is built in slices between questions, at start-up
   * and at every reload. The running bot does; a one-shot command has nothing to keep answering.
   */
  background?: boolean;
  /** Metrics made before the bot (so the health server can serve them while the base loads). */
  metrics?: BotMetrics;
  /**
   * A one-shot run (`--execute`): the SQLite file is opened without the bot's process lock, so it runs
   * beside a running bot and other one-shot runs; it delivers only what its own line queued (`drain`).
   */
  oneShot?: boolean;
}

/** What the bot says when a store failure stops a command, and when someone asks too fast. */
export const BOT_MESSAGES = {
  storeUnavailable:
    "I can't reach my subscription store right now (it is busy or unavailable), so nothing changed. Please try again in a minute.",
  slowDown: (seconds: number, who: "you" | "this channel") =>
    `${who === "you" ? "You are" : "This channel is"} asking faster than I can keep up. Please wait ${seconds} ${seconds === 1 ? "second" : "seconds"} and ask again.`,
};

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
  private engine!: QueryEngine;
  /** Counts chat-update merges, so a reload sees the ones that came in while it was building. */
  private merges = 0;
  private reloading: Promise<unknown> = Promise.resolve();
  /** Reloads asked for that have not started reading the folder yet. */
  private reloadsWaiting = 0;
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
  /** The last reload was rejected: the next good one says the base is fixed where the rejection was seen. */
  private rejected = false;
  private tracked: { base: KnowledgeBase; names: TrackedEntities } | undefined;
  private readonly userLimit: RateLimiter;
  private readonly channelLimit: RateLimiter;
  readonly registry: CommandRegistry;
  /** What each conversation was last about; in memory only, so a restart forgets rather than misleads. */
  private readonly conversations = new ConversationMemory();
  /** The line logged for each store failure that stopped a command, so a one-shot run can end with it. */
  readonly storeFailures: string[] = [];
  /** The file base's version, for the curator's records; computed when first needed if not built. */
  private version: string | undefined;
  private voterSaltValue: Promise<string> | undefined;
  private pruning: ReturnType<typeof setInterval> | undefined;
  /** Polls the feeds while the bot runs (not in a one-shot run). */
  private feedPoller: FeedPoller | undefined;

  private constructor(
    private readonly options: BriefbotOptions,
    base: KnowledgeBase,
    built: BuiltEngine,
    readonly subscriptions: SubscriptionSystem,
    private readonly store: SubscriptionStore,
    private readonly clock: () => Date,
    readonly metrics: BotMetrics,
    private readonly loader: KnowledgeLoader | undefined,
  ) {
    this.fileBase = base;
    const limits = options.limits ?? QUESTION_LIMITS;
    this.userLimit = new RateLimiter(limits.user.burst, limits.user.refillMs);
    this.channelLimit = new RateLimiter(limits.channel.burst, limits.channel.refillMs);
    this.swapIn(built);
    const core = coreCommands({
      base: () => this.currentEngine().base,
      statuses: (now, ids) => statusesOf(this.currentEngine(), now, ids),
      helpReply: () => ({
        kind: "help",
        commands: this.registry.summaries(),
        text: helpText(
          this.registry.summaries(),
          declaredStates(this.currentEngine().base.topic.kinds.values()),
        ),
        visibility: "private",
      }),
    });
    const review = this.reviewDeps();
    this.registry = new CommandRegistry(
      [
        ...core.commands,
        ...subscriptionCommands(subscriptions, (held, context) => confirmApproval(review, held, context)),
        ...curatorCommands({
          log: store,
          baseVersion: () => this.versionSoon(),
          retentionDays: this.retentionDays,
        }),
        ...reviewCommands(review),
        ...feedCommands({
          log: store,
          feeds: options.feeds?.urls ?? [],
          intervalMs: options.feeds?.intervalMs ?? FEED_INTERVAL_LIMITS.defaultMs,
        }),
      ],
      core.ask,
    );
  }

  /** What review uses: the folders, the file base, the store, and a reload that announces changes. */
  private reviewDeps(): ReviewDeps {
    return {
      folders: {
        knowledgeDir: this.options.knowledgeDir,
        draftsDir: this.options.draftsDir ?? path.join(this.options.knowledgeDir, "drafts"),
      },
      base: () => this.fileBase,
      actions: this.subscriptions,
      reload: async () => {
        const reloaded = await this.reload();
        return { ok: reloaded.ok, deliveries: reloaded.deliveries ?? 0 };
      },
    };
  }

  /**
   * An edit of a pending review item from a platform's form (curators only): its state, date or
   * reason, written into its draft if the draft stays valid.
   */
  async reviewEdit(edit: {
    itemId: string;
    user: UserRef;
    state?: string;
    date?: string;
    reason?: string;
  }): Promise<Reply> {
    const user = `${edit.user.platform}:${edit.user.id}`;
    const curator =
      edit.user.platform === "shell" ||
      [...this.options.admins, ...(this.options.curators ?? [])].includes(user);
    if (!curator)
      return {
        kind: "result",
        ok: false,
        code: "not-curator",
        text: commandMessages.curatorOnly("review"),
        visibility: "private",
      };
    const { itemId, state, date, reason } = edit;
    return reviewEdit(this.reviewDeps(), itemId, {
      ...(state ? { state } : {}),
      ...(date ? { date } : {}),
      ...(reason ? { reason } : {}),
    });
  }

  static async create(options: BriefbotOptions): Promise<Briefbot> {
    // Kept up while the bot watches its folder, so a reload re-parses only the files that changed.
    const loader = options.background
      ? new KnowledgeLoader({ keepParsed: options.watch === true })
      : undefined;
    let loaded: LoadResult;
    try {
      loaded = options.knowledge
        ? { ok: true as const, base: options.knowledge }
        : loader
          ? await loader.load(options.knowledgeDir)
          : loadKnowledgeBase(options.knowledgeDir);
    } catch (error) {
      await loader?.close();
      throw error;
    }
    if (!loaded.ok) {
      await loader?.close();
      throw new KnowledgeLoadError(loaded.problems);
    }
    const clock = options.clock ?? (() => new Date());
    let bot: Briefbot | undefined;
    let store: SubscriptionStore;
    try {
      store = options.databaseUrl
        ? await openPostgresSubscriptionStore(options.databaseUrl)
        : openSqliteSubscriptionStore(options.dbPath, { processLock: options.oneShot !== true });
    } catch (error) {
      await loader?.close();
      throw error;
    }
    const metrics =
      options.metrics ?? new BotMetrics(async () => (store.outboxStats ? store.outboxStats() : null), clock);
    let subscriptions: SubscriptionSystem;
    try {
      subscriptions = await SubscriptionSystem.open({
        store: countingDeliveries(store, metrics),
        posters: options.posters,
        logger: options.logger,
        clock,
        // Deliveries are timed on a monotonic clock, unless a test drives the bot's own.
        ...(options.clock ? {} : { deliveryClock: monotonicClock }),
        statuses: () => (bot ? bot.currentSnapshots() : []),
        onChatUpdates: (updates) => bot?.mergeChatUpdates(updates),
        // A one-shot run's leases carry its mark, so a bot starting beside it does not free them.
        ...(options.instanceId || options.oneShot
          ? { instanceId: options.instanceId ?? `${ONE_SHOT_OWNER}${randomUUID()}` }
          : {}),
        ...(options.dispatch ? { dispatch: options.dispatch } : {}),
      });
    } catch (error) {
      await store.close();
      await loader?.close();
      throw isDatabaseError(error) ? databaseFailure(error, options.dbPath, "read") : error;
    }
    const built = await buildEngine(
      loaded.base,
      subscriptions.chatUpdates(),
      options.background === true,
      clock(),
    );
    bot = new Briefbot(options, loaded.base, built, subscriptions, store, clock, metrics, loader);
    // A base built in the foreground has no version yet: it is worked out between questions.
    void bot.versionSoon().catch(() => {});
    return bot;
  }

  /** The outbox figures, for metrics made before the bot. */
  async outboxStats(): Promise<OutboxStats | null> {
    return this.store.outboxStats ? this.store.outboxStats() : null;
  }

  /** Puts a new engine in place, in one step, with what was built beside it. */
  private swapIn(built: BuiltEngine): void {
    this.engine = built.engine;
    this.version = built.version;
    this.timelines = built.timelines;
    this.snapshotsAt = 0;
    this.tracked = undefined;
    if (built.prepared) {
      this.tracked = { base: built.engine.base, names: built.prepared.names };
      this.snapshots = built.prepared.snapshots;
      this.snapshotsAt = built.prepared.at.getTime();
    }
  }

  /** The engine over the file base with every chat update merged. */
  private currentEngine(): QueryEngine {
    return this.engine;
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
   * so a question sees each entity's whole old or whole new timeline, and the words of their reasons
   * join the engine's. Nothing else is rebuilt: an update that gives a thing its first status makes
   * it tracked in the engine's index and the command names, as a rebuild would, in place.
   */
  mergeChatUpdates(updates: readonly ChatStatusUpdate[]): void {
    this.merges++;
    const touched = new Set(updates.map((update) => update.entityId));
    const merged = mergedTimelines(this.fileBase, updates);
    const changed = new Map<string, readonly ResolvedEvent[]>();
    const index = this.engine.index;
    for (const entityId of touched) {
      const timeline = merged.get(entityId);
      if (!timeline) continue;
      const first = !this.timelines.has(entityId);
      this.timelines.set(entityId, timeline);
      changed.set(entityId, timeline);
      // A thing's first status makes it tracked: the engine and the command names take it in.
      if (first) {
        index.track(entityId);
        this.tracked?.names.giveStatus(entityId);
      }
    }
    for (const update of updates)
      for (const token of tokenize(update.reason)) index.reasonStems.add(index.stem(token));
    const { entities, sources, topic } = this.fileBase;
    for (const snapshot of statusSnapshots(
      new KnowledgeBase(entities, sources, [], changed, topic),
      this.clock(),
    ))
      this.snapshots.set(snapshot.entityId, snapshot);
  }

  /** The command layer's own name index over the current base, rebuilt when the base changes. */
  private trackedEntities(): TrackedEntities {
    const base = this.currentEngine().base;
    if (this.tracked?.base !== base) {
      this.tracked = {
        base,
        names: new TrackedEntities(base.entities.values(), (id) => base.timelines.has(id)),
      };
    }
    return this.tracked.names;
  }

  private services(): CommandServices {
    return {
      ask: (question, now, subject) =>
        this.currentEngine().ask(question, { now, ...(subject ? { subject } : {}) }),
      resolveEntity: (text, opts) => this.currentEngine().resolveEntity(text, opts),
      resolveTracked: (text, opts) => this.trackedEntities().resolve(text, opts),
      entityName: (id) => this.currentEngine().base.entities.get(id)?.name ?? id,
      stateSet: (id) => this.currentEngine().base.stateSet(id),
      stateIds: () => baseStateIds(this.currentEngine().base.topic.kinds.values()),
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

  /** Admins are curators; so is everyone in BRIEFBOT_CURATORS. */
  isCurator(request: ChatRequest): boolean {
    return (
      this.isAdmin(request) ||
      (this.options.curators ?? []).includes(`${request.user.platform}:${request.user.id}`)
    );
  }

  /** The knowledge files' version (see `baseVersion`): gaps are counted per version. */
  baseVersion(): string {
    this.version ??= baseVersion(this.fileBase);
    return this.version;
  }

  /** The version, computed between questions when it is not known yet, so no question waits on it. */
  versionSoon(): Promise<string> {
    if (this.version) return Promise.resolve(this.version);
    const base = this.fileBase;
    return runInSlices(baseVersionSteps(base)).then((version) => {
      if (this.fileBase === base) this.version ??= version;
      return version;
    });
  }

  get retentionDays(): number {
    return this.options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  }

  /**
   * What the curator keeps of an answer to a question: what it could not cover, counted without the
   * asker; and, on a platform that shows feedback buttons, what it rested on, under the id the buttons
   * carry. A store failure is logged and the answer still goes out.
   */
  private async recordForCurators(request: ChatRequest, question: string, reply: Reply): Promise<Reply> {
    if (reply.kind !== "answer") return reply;
    const withButtons = request.user.platform === "slack" || request.user.platform === "discord";
    const id = withButtons ? randomUUID().replaceAll("-", "") : undefined;
    const record = async (version: string) => {
      await this.store.recordGaps(gapSightingsOf(question, reply.answer, version), request.now);
      if (id) await this.store.recordAnswer(answerRecordOf(id, question, reply.answer, version, request.now));
    };
    const failed = (error: unknown) => {
      this.options.logger.warn(
        { err: error },
        this.storeProblem(error) ?? "could not record the question for curators",
      );
    };
    if (!this.version) {
      // The first questions after a start in the foreground: recorded once the version is known.
      void this.versionSoon().then(record).catch(failed);
      return id ? { ...reply, feedbackId: id } : reply;
    }
    try {
      await record(this.version);
      return id ? { ...reply, feedbackId: id } : reply;
    } catch (error) {
      failed(error);
      return reply;
    }
  }

  /**
   * A helpful or wrong vote on an answer shown with feedback buttons, by `user`: one per person per
   * answer, a second replacing the first. The person is kept only as a hash bound to the answer.
   */
  async feedback(vote: {
    answerId: string;
    user: UserRef;
    vote: Vote;
    now: Date;
  }): Promise<{ outcome: VoteOutcome; text: string }> {
    const voter = voterHash(await this.voterSalt(), vote.answerId, vote.user.platform, vote.user.id);
    const outcome = await this.store.vote({
      answerId: vote.answerId,
      voterHash: voter,
      vote: vote.vote,
      at: vote.now,
    });
    this.metrics.answers.inc({ intent: "feedback", outcome: outcome === "unknown" ? "unknown" : vote.vote });
    const text =
      outcome === "unknown"
        ? CURATOR_MESSAGES.voteExpired(this.retentionDays)
        : CURATOR_MESSAGES.voted(vote.vote, outcome === "replaced");
    return { outcome, text };
  }

  /** The reason given with a "wrong" vote (cut to `MAX_FEEDBACK_REASON`); false when there is no such vote. */
  async feedbackReason(reason: {
    answerId: string;
    user: UserRef;
    text: string;
    now: Date;
  }): Promise<string> {
    const text = cleanReason(reason.text);
    if (!text) return CURATOR_MESSAGES.noReason;
    const voter = voterHash(await this.voterSalt(), reason.answerId, reason.user.platform, reason.user.id);
    const given = await this.store.giveReason(reason.answerId, voter, text, reason.now);
    return given ? CURATOR_MESSAGES.reasonRecorded : CURATOR_MESSAGES.reasonWithoutVote;
  }

  private voterSalt(): Promise<string> {
    this.voterSaltValue ??= this.store.voterSalt().catch((error: unknown) => {
      this.voterSaltValue = undefined;
      throw error;
    });
    return this.voterSaltValue;
  }

  /** Every hour: what is past the retention period goes, and the weekly digest is posted when due. */
  private async curatorChores(): Promise<void> {
    await this.pruneCuratorRecords();
    await this.postDigestIfDue();
  }

  /**
   * Posts the week's unanswered questions to BRIEFBOT_CURATOR_CHANNEL, once a week across every
   * instance sharing the store (the first start only starts the week). Logged, never thrown; a post
   * that fails waits for the next week.
   */
  async postDigestIfDue(): Promise<boolean> {
    const channel = this.options.curatorChannel;
    const poster = channel ? this.options.posters.find((p) => p.platform === channel.platform) : undefined;
    if (!channel || !poster?.postReport) return false;
    try {
      if (!(await this.store.claimDigest(this.clock().getTime(), DIGEST_EVERY_MS))) return false;
      const report = await gapsReport(
        this.store,
        await this.versionSoon(),
        this.retentionDays,
        DIGEST_GROUPS,
      );
      const outcome = await poster.postReport(channel, report);
      if (outcome.kind === "sent")
        this.options.logger.info({ channel: channel.id }, "curators' digest posted");
      return outcome.kind === "sent";
    } catch (error) {
      this.options.logger.warn(
        { err: error },
        this.storeProblem(error) ?? "could not post the curators' digest",
      );
      return false;
    }
  }

  /**
   * The feed poller, when feeds are configured and this is not a one-shot run: `start` runs it;
   * `pollFeed` polls one feed at once (whatever its schedule).
   */
  get feeds(): FeedPoller | undefined {
    const feeds = this.options.feeds;
    if (!feeds || feeds.urls.length === 0 || this.options.oneShot) return undefined;
    this.feedPoller ??= new FeedPoller({
      feeds: feeds.urls,
      intervalMs: feeds.intervalMs,
      store: this.store,
      base: () => this.fileBase,
      knowledgeDir: this.options.knowledgeDir,
      draftsDir: feeds.draftsDir,
      announce: (lines) => this.announceDrafts(lines),
      logger: this.options.logger,
      clock: this.clock,
      ...(feeds.timeoutMs ? { timeoutMs: feeds.timeoutMs } : {}),
    });
    return this.feedPoller;
  }

  /**
   * Says what the feeds drafted, in the curators' channel (BRIEFBOT_CURATOR_CHANNEL), or in the
   * terminal when the bot runs there; without either, in the log. Only the instance that claimed
   * an item drafts and announces it, so each line is posted once across instances.
   */
  private async announceDrafts(lines: string[]): Promise<void> {
    const shell = this.options.posters.find((p) => p.platform === "shell");
    const channel: ChannelRef | undefined =
      this.options.curatorChannel ?? (shell ? { platform: "shell", id: "terminal" } : undefined);
    const poster = channel ? this.options.posters.find((p) => p.platform === channel.platform) : undefined;
    const report =
      lines.length === 1
        ? { title: lines[0] as string, lines: [] }
        : { title: `${lines.length} articles drafted from feeds:`, lines };
    if (!channel || !poster?.postReport) {
      for (const line of lines) this.options.logger.info(`feed draft: ${line}`);
      return;
    }
    const outcome = await poster.postReport(channel, report);
    if (outcome.kind !== "sent")
      this.options.logger.warn(
        `feed drafts not announced in the curators' channel (${outcome.reason}); they are in the drafts folder`,
      );
  }

  /** Removes what is older than the retention period; logged, never thrown. */
  async pruneCuratorRecords(): Promise<void> {
    const before = new Date(this.clock().getTime() - this.retentionDays * DAY_MS);
    try {
      const pruned = await this.store.pruneCurator(before);
      if (pruned.gaps + pruned.answers + pruned.votes > 0)
        this.options.logger.info(
          { ...pruned, before: before.toISOString() },
          `removed curator records older than ${this.retentionDays} days`,
        );
    } catch (error) {
      this.options.logger.warn(
        { err: error },
        this.storeProblem(error) ?? "could not remove old curator records",
      );
    }
  }

  /**
   * Runs one request. Questions are rate limited per person and per channel (the terminal is not);
   * a store failure becomes a reply saying nothing changed, and the operator's log gets one line.
   * A conversation's subject is read before and remembered after, so that "why did it close"
   * follows "is the Italian embassy open?" in the same thread, DM or session.
   */
  async handle(request: ChatRequest): Promise<Reply> {
    const started = process.hrtime.bigint();
    const { command, args } = this.registry.route(request.text);
    const conversation = request.conversation;
    let reply: Reply;
    const limited = command.id === "ask" ? this.rateLimited(request) : undefined;
    if (limited) {
      reply = limited;
    } else {
      const subject = conversation ? this.conversations.subject(conversation, request.now) : undefined;
      try {
        reply = await this.registry.run({
          request,
          isAdmin: this.isAdmin(request),
          isCurator: this.isCurator(request),
          services: this.services(),
          ...(subject ? { subject } : {}),
        });
      } catch (error) {
        const problem = this.storeProblem(error);
        if (!problem) throw error;
        // One line for the operator; the trace only at debug level.
        this.options.logger.debug({ err: error }, "store failure");
        this.options.logger.error(problem);
        this.storeFailures.push(problem);
        reply = {
          kind: "result",
          ok: false,
          code: "unavailable",
          text: BOT_MESSAGES.storeUnavailable,
          visibility: "private",
        };
      }
    }
    if (command.id === "ask") reply = await this.recordForCurators(request, args, reply);
    if (conversation && reply.kind === "answer") {
      const next = subjectOf(reply.answer);
      if (next) this.conversations.remember(conversation, next, request.now);
    }
    const intent = reply.kind === "answer" ? reply.answer.intent : command.id;
    const outcome =
      reply.kind === "answer"
        ? reply.answer.answered
          ? "answered"
          : (reply.answer.code ?? "declined")
        : reply.kind === "result"
          ? reply.code
          : reply.kind;
    this.metrics.answers.inc({ intent, outcome });
    this.metrics.answerSeconds.observe({ intent }, Number(process.hrtime.bigint() - started) / 1e9);
    return reply;
  }

  /** Suggestions for a command argument being typed, from the current base. */
  complete(query: CompletionQuery): string[] {
    return complete(this.currentEngine().base, query);
  }

  /** The log line for a failure of the subscription store, or undefined for any other error. */
  private storeProblem(error: unknown): string | undefined {
    if (isDatabaseError(error)) return databaseFailure(error, this.options.dbPath, "use").message;
    if (this.store.kind !== "postgres") return undefined;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== "string") return undefined;
    return describeStoreProblem(error) ?? `the PostgreSQL store in DATABASE_URL failed (${code})`;
  }

  private rateLimited(request: ChatRequest): Reply | undefined {
    if (request.user.platform === "shell") return undefined;
    const now = request.now.getTime();
    const user = this.userLimit.take(`${request.user.platform}:${request.user.id}`, now);
    const channel =
      user > 0 ? 0 : this.channelLimit.take(`${request.channel.platform}:${request.channel.id}`, now);
    if (user === 0 && channel === 0) return undefined;
    this.metrics.rateLimited.inc({ scope: user > 0 ? "user" : "channel" });
    return {
      kind: "result",
      ok: false,
      code: "rate-limited",
      text: BOT_MESSAGES.slowDown(
        Math.max(1, Math.ceil((user || channel) / 1000)),
        user > 0 ? "you" : "this channel",
      ),
      visibility: "private",
    };
  }

  /** True when the store answers a read: part of readiness. */
  async storeReachable(): Promise<boolean> {
    try {
      if (this.store.outboxStats) await this.store.outboxStats();
      return true;
    } catch {
      return false;
    }
  }

  /** The current answer to a question, for callers that need the value rather than a reply. */
  ask(question: string, now: Date = this.clock()) {
    return this.currentEngine().ask(question, { now });
  }

  /**
   * Re-reads the knowledge folder. A broken edit is logged with file, field and line, and the
   * bot keeps answering from its last good base; a good one is swapped in and announced.
   */
  async reload(): Promise<{ ok: boolean; problems: KnowledgeProblem[]; deliveries?: number }> {
    this.reloadsWaiting++;
    const run = this.reloading.then(() => {
      this.reloadsWaiting--;
      return this.reloadNow();
    });
    this.reloading = run.catch(() => {});
    return run;
  }

  /**
   * Reads the folder (on the loader's thread in the background), builds the new engine (in slices),
   * and only then swaps it in, in one step: until that step every question is answered from the
   * last good base, and after it from the new one.
   */
  private async reloadNow(): Promise<{ ok: boolean; problems: KnowledgeProblem[]; deliveries?: number }> {
    const started = performance.now();
    const loaded = this.loader
      ? await this.loader.load(this.options.knowledgeDir)
      : loadKnowledgeBase(this.options.knowledgeDir);
    if (!loaded.ok) {
      for (const problem of loaded.problems)
        this.options.logger.error({ problem }, `knowledge rejected: ${formatProblem(problem)}`);
      this.options.logger.warn("keeping the last good knowledge base");
      this.rejected = true;
      return { ok: false, problems: loaded.problems };
    }
    const merges = this.merges;
    const built = await buildEngine(
      loaded.base,
      this.subscriptions.chatUpdates(),
      this.loader !== undefined,
      this.clock(),
    );
    this.fileBase = loaded.base;
    this.swapIn(built);
    // Chat updates merged into the old engine while the new one was built are merged again.
    if (this.merges !== merges) this.mergeChatUpdates(this.subscriptions.chatUpdates());
    const { entities, facts } = loaded.base;
    // After a rejection, at the rejection's level, so whoever saw it (the shell shows warnings) sees it fixed.
    this.options.logger[this.rejected ? "warn" : "info"](
      { entities: entities.size, facts: facts.length, ms: Math.round(performance.now() - started) },
      `knowledge reloaded: ${entities.size} entities, ${facts.length} facts`,
    );
    this.rejected = false;
    const synced = await this.subscriptions.sync(undefined, this.clock());
    return { ok: true, problems: [], deliveries: synced.deliveries };
  }

  /** Reloads for a file watch or signal: a failure is logged, never thrown into an event loop callback. */
  async reloadSafely(): Promise<void> {
    // Edits that come while a reload runs are read by one more reload after it, not by one each.
    if (this.reloadsWaiting > 0) return;
    try {
      await this.reload();
    } catch (error) {
      this.options.logger.error(
        { err: error },
        "knowledge reload failed; keeping the last good knowledge base",
      );
    }
  }

  /**
   * Announces any change made while the bot was down, then starts delivery and the file watch. A
   * one-shot run starts no delivery loop (it drains what its own line queues), and a store too busy
   * to record a change does not stop it: the next run announces the change.
   */
  async start(): Promise<void> {
    if (this.options.oneShot) {
      try {
        await this.subscriptions.sync(undefined, this.clock());
      } catch (error) {
        if (!isDatabaseError(error)) throw error;
        this.options.logger.debug({ err: error }, "status sync failed");
        this.options.logger.warn(
          `${databaseFailure(error, this.options.dbPath, "use").message}; status changes are announced by the next run`,
        );
      }
      return;
    }
    await this.subscriptions.sync(undefined, this.clock());
    this.subscriptions.start();
    await this.curatorChores();
    this.pruning = setInterval(() => void this.curatorChores(), PRUNE_EVERY_MS);
    this.pruning.unref();
    this.feeds?.start();
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
    if (this.pruning) clearInterval(this.pruning);
    await this.feedPoller?.stop();
    this.watcher?.close();
    await this.loader?.close();
    await this.subscriptions.stop();
    await this.store.close();
  }
}

const SNAPSHOTS_MAX_AGE_MS = 60_000;

const DAY_MS = 24 * 60 * 60_000;
/** How long unanswered questions, answers shown for feedback and votes are kept unless configured. */
export const DEFAULT_RETENTION_DAYS = 90;
/** How often records past the retention period are removed, and the digest looked at, while the bot runs. */
const PRUNE_EVERY_MS = 60 * 60_000;
/** The curators' digest: once a week, the most asked unanswered questions. */
const DIGEST_EVERY_MS = 7 * DAY_MS;
const DIGEST_GROUPS = 10;

/** A reason as kept: well-formed, control characters out, spaces folded, cut to the limit. */
function cleanReason(text: string): string {
  return cutGraphemes(stripUnsafe(wellFormed(text)).replace(/\s+/g, " ").trim(), MAX_FEEDBACK_REASON);
}

interface BuiltEngine {
  engine: QueryEngine;
  /** The file base's version, when it was computed with the engine (in the background). */
  version?: string;
  /** The engine's timelines, a map the bot owns and updates in place for chat updates. */
  timelines: Map<string, readonly ResolvedEvent[]>;
  /** Built with the engine in the background, so that nothing after the swap builds them at once. */
  prepared?: { names: TrackedEntities; snapshots: Map<string, StatusSnapshot>; at: Date };
}

/**
 * A new engine over `fileBase` with `updates` merged. In the background, everything a question or
 * command needs is built in slices before the engine is handed over: the base's indexes, the
 * engine's, the command layer's names and the status snapshots.
 */
async function buildEngine(
  fileBase: KnowledgeBase,
  updates: readonly ChatStatusUpdate[],
  background: boolean,
  now: Date = new Date(),
): Promise<BuiltEngine> {
  if (!background) return buildEngineNow(fileBase, updates);
  const timelines = new Map(mergedTimelines(fileBase, updates));
  const { entities, sources, facts, topic } = fileBase;
  const base = new KnowledgeBase(entities, sources, facts, timelines, topic, true);
  await runInSlices(base.build());
  const engine = await QueryEngine.build(base);
  const names = await runInSlices(TrackedEntities.inSteps(entities.values(), (id) => timelines.has(id)));
  const snapshots = await runInSlices(snapshotSteps(base, now));
  const version = await runInSlices(baseVersionSteps(fileBase));
  return { engine, timelines, version, prepared: { names, snapshots, at: now } };
}

/** Entities whose status is read per step when snapshots are taken in the background. */
const SNAPSHOTS_PER_STEP = 100;

/** Every entity's status snapshot, a few entities per step. */
function* snapshotSteps(base: KnowledgeBase, now: Date): Steps<Map<string, StatusSnapshot>> {
  const snapshots = new Map<string, StatusSnapshot>();
  const ids = [...base.timelines.keys()];
  for (let i = 0; i < ids.length; i += SNAPSHOTS_PER_STEP) {
    const some = new Map(
      ids.slice(i, i + SNAPSHOTS_PER_STEP).map((id) => [id, base.timelines.get(id) ?? []]),
    );
    // A status reads the entity and its timeline only: the relations and facts are left unbuilt.
    const part = new KnowledgeBase(base.entities, base.sources, [], some, base.topic, true);
    for (const snapshot of statusSnapshots(part, now)) snapshots.set(snapshot.entityId, snapshot);
    yield;
  }
  return snapshots;
}

function buildEngineNow(fileBase: KnowledgeBase, updates: readonly ChatStatusUpdate[]): BuiltEngine {
  const timelines = new Map(mergedTimelines(fileBase, updates));
  const { entities, sources, facts, topic } = fileBase;
  return {
    engine: new QueryEngine(new KnowledgeBase(entities, sources, facts, timelines, topic)),
    timelines,
  };
}

/**
 * The file base's timelines with `updates` merged, computed over a copy of the base without its
 * facts, so that merging costs the timelines' size, not the base's.
 */
function mergedTimelines(
  fileBase: KnowledgeBase,
  updates: readonly ChatStatusUpdate[],
): ReadonlyMap<string, readonly ResolvedEvent[]> {
  if (updates.length === 0) return fileBase.timelines;
  const { entities, sources, timelines, topic } = fileBase;
  return new KnowledgeBase(entities, sources, [], timelines, topic).withChatUpdates(updates).timelines;
}

export function createBriefbot(options: BriefbotOptions): Promise<Briefbot> {
  return Briefbot.create(options);
}

/** The store with delivery outcomes counted into the metrics as the dispatcher records them. */
function countingDeliveries(store: SubscriptionStore, metrics: BotMetrics): SubscriptionStore {
  const counted: Record<string, string> = {
    markSent: "sent",
    scheduleRetry: "retried",
    markFailed: "failed",
    suspendChannel: "suspended",
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const outcome = typeof property === "string" ? counted[property] : undefined;
      if (!outcome) return value.bind(target);
      return async (...args: unknown[]) => {
        const result = await value.apply(target, args);
        metrics.deliveries.inc({ outcome });
        return result;
      };
    },
  });
}

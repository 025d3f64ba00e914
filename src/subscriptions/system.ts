import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { Dispatcher } from "../delivery/dispatcher.ts";
import type { DispatchPolicy, DispatchReport } from "../delivery/policy.ts";
import type { Poster } from "../delivery/poster.ts";
import type { Clock, Sleep } from "../delivery/timing.ts";
import type { StatusSnapshot } from "../engine/snapshot.ts";
import type { ChatStatusUpdate } from "../knowledge/chatUpdate.ts";
import type { State } from "../knowledge/schema.ts";
import type { ChannelRef, UserRef } from "../messages/addresses.ts";
import type { SubscriptionActions } from "./actions.ts";
import { buildNotice } from "./buildNotice.ts";
import { detectChanges } from "./detectChanges.ts";
import type { SubscribeOutcome, SubscriptionRecord, SubscriptionStore } from "./store.ts";
import type { SyncReport } from "./syncReport.ts";
import type { Topic } from "./types.ts";

/** What the bot hands the subscription system. The store is the caller's to open and close. */
export interface SubscriptionSystemOptions {
  store: SubscriptionStore;
  /** One per platform that can post; deliveries for other platforms wait in the outbox. */
  posters: Poster[];
  logger: Logger;
  /** The bot's current statuses, chat updates included; read by `update` after it records one. */
  statuses: () => StatusSnapshot[];
  /**
   * Called with every chat update, oldest first, whenever the store holds some this process has not
   * merged (recorded here or by another instance); the bot merges them before `statuses` is read.
   */
  onChatUpdates?: (updates: ChatStatusUpdate[]) => void;
  /**
   * How often, in ms, to look for chat updates other instances recorded and sync them. Default: every
   * 2 s on a shared store (PostgreSQL), never on SQLite, which has no other writer.
   */
  pollMs?: number;
  /** This process's name on its delivery claims. */
  instanceId?: string;
  clock: () => Date;
  /**
   * The clock deliveries are timed by (leases, pacing, retries): by default `clock`'s time. The running
   * bot gives a monotonic one, so that setting the wall clock never lets a delivery be posted twice.
   */
  deliveryClock?: Clock;
  /** Tests inject these to run the dispatcher on a manual clock. */
  sleep?: Sleep;
  random?: () => number;
  dispatch?: Partial<DispatchPolicy>;
}

/**
 * Subscriptions, status-change notices and their delivery, behind one object. The bot calls
 * `sync` after every knowledge reload and chat update, merges `chatUpdates()` into its timelines,
 * registers the subscription commands over it (src/commands/subscriptions/), and runs `start()` /
 * `stop()` with its own lifetime.
 */
export class SubscriptionSystem implements SubscriptionActions {
  readonly #store: SubscriptionStore;
  readonly #posters: Map<string, Poster>;
  readonly #logger: Logger;
  readonly #statuses: () => StatusSnapshot[];
  readonly #clock: () => Date;
  readonly #deliveryClock: Clock;
  readonly #dispatcher: Dispatcher;
  #chatUpdates: ChatStatusUpdate[] = [];
  #syncing: Promise<unknown> = Promise.resolve();
  readonly #onChatUpdates: ((updates: ChatStatusUpdate[]) => void) | undefined;
  readonly #pollMs: number;
  #poll: ReturnType<typeof setInterval> | undefined;
  /** The key this process last saw for each entity: only a change in its own view is announced. */
  readonly #seen = new Map<string, string>();
  #queued = 0;

  /** Opens the system over `options.store`, loading the chat updates it holds. */
  static async open(options: SubscriptionSystemOptions): Promise<SubscriptionSystem> {
    const system = new SubscriptionSystem(options);
    system.#chatUpdates = await options.store.chatUpdates();
    return system;
  }

  /** This process's name on its delivery claims. */
  get instanceId(): string {
    return this.#dispatcher.owner;
  }

  private constructor(options: SubscriptionSystemOptions) {
    this.#store = options.store;
    this.#posters = new Map(options.posters.map((poster) => [poster.platform, poster]));
    this.#logger = options.logger.child({ component: "subscriptions" });
    this.#statuses = options.statuses;
    this.#clock = options.clock;
    this.#deliveryClock = options.deliveryClock ?? (() => options.clock().getTime());
    this.#onChatUpdates = options.onChatUpdates;
    this.#pollMs = options.pollMs ?? (options.store.kind === "postgres" ? 2_000 : 0);
    this.#dispatcher = new Dispatcher({
      owner: options.instanceId,
      outbox: options.store,
      posters: options.posters,
      logger: this.#logger,
      clock: this.#deliveryClock,
      sleep: options.sleep,
      random: options.random,
      // On a shared store another instance may queue deliveries; look for them every second when idle.
      policy: { ...(options.store.kind === "postgres" ? { idleMs: 1_000 } : {}), ...options.dispatch },
    });
  }

  /**
   * Compares each snapshot's key with the last one announced and writes one notice per difference,
   * with its deliveries, in one transaction each. The first sync with any status only records the
   * baseline, so installing the bot posts nothing. Calls run one at a time.
   *
   * The comparison is with the store's record, read together with the store's chat updates: chat
   * updates this process had not seen are merged first (`onChatUpdates`), and the statuses are then
   * read afresh (`statuses`, unless `snapshots` are given). An entity is announced only when this
   * process's own view of it changed since its last sync (or on its first), so an instance whose
   * files are not yet reloaded never announces its older status over another instance's newer one.
   */
  sync(snapshots?: StatusSnapshot[], now: Date = this.#clock()): Promise<SyncReport> {
    const run = this.#syncing.then(() => this.#sync(snapshots, now));
    this.#syncing = run.catch(() => {});
    return run;
  }

  /** Deliveries this process has queued since it started, so a one-shot run waits only on its own. */
  get deliveriesQueued(): number {
    return this.#queued;
  }

  /** Every status change reported in chat, oldest first, for the bot to merge into its timelines. */
  chatUpdates(): ChatStatusUpdate[] {
    return [...this.#chatUpdates];
  }

  async recordChatUpdate(update: ChatStatusUpdate, now: Date): Promise<SyncReport> {
    await this.#store.addChatUpdate(update);
    this.#logger.info({ update }, "status update recorded from chat");
    return this.sync(undefined, now);
  }

  async refresh(): Promise<void> {
    await this.sync();
  }

  currentState(entityId: string): State | undefined {
    for (const snapshot of this.#statuses()) if (snapshot.entityId === entityId) return snapshot.report.state;
    return undefined;
  }

  subscribe(channel: ChannelRef, topic: Topic, by: UserRef, at: Date): Promise<SubscribeOutcome> {
    const scope = this.#posters.get(channel.platform)?.scopeOf?.(channel) ?? channel.platform;
    return this.#store.subscribe({ channel, topic, scope, by, at });
  }

  unsubscribe(channel: ChannelRef, target: Topic | "everything", at: Date): Promise<Topic[]> {
    return this.#store.unsubscribe(channel, target, at);
  }

  subscriptionsOf(channel: ChannelRef): Promise<SubscriptionRecord[]> {
    return this.#store.subscriptionsOf(channel);
  }

  holdUpdate(key: string, body: string, expiresAt: number): Promise<void> {
    return this.#store.holdUpdate(key, body, expiresAt);
  }

  takeHeldUpdate(key: string, now: Date): Promise<string | null> {
    return this.#store.takeHeldUpdate(key, now.getTime());
  }

  audienceOf(entityId: string): Promise<number> {
    return this.#store.audienceOf(entityId);
  }

  /** Starts delivering in the background, and on a shared store, following other instances' chat updates. */
  start(): void {
    this.#dispatcher.start();
    if (this.#pollMs > 0 && !this.#poll) {
      this.#poll = setInterval(() => {
        this.sync().catch((error: unknown) => this.#logger.warn({ err: error }, "status sync failed"));
      }, this.#pollMs);
      this.#poll.unref();
    }
  }

  /** Stops delivering once the posts in flight are recorded. */
  async stop(): Promise<void> {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = undefined;
    await this.#dispatcher.stop();
    await this.#syncing;
  }

  /** One delivery pass, for tests and one-shot runs. */
  dispatchOnce(): Promise<DispatchReport> {
    return this.#dispatcher.dispatchOnce();
  }

  /** Delivers until nothing is pending (or the next due time is after `until`, epoch ms). */
  drain(options?: { until?: number }): Promise<DispatchReport> {
    return this.#dispatcher.drain(options);
  }

  async #sync(given: StatusSnapshot[] | undefined, now: Date): Promise<SyncReport> {
    const view = await this.#store.syncView();
    if (view.chatUpdates.length !== this.#chatUpdates.length) {
      this.#chatUpdates = view.chatUpdates;
      this.#onChatUpdates?.(view.chatUpdates);
    }
    const snapshots = given ?? this.#statuses();
    const { baselineAt, statuses } = view.announcements;
    if (baselineAt === null) {
      if (snapshots.length === 0) return { baseline: false, notices: [], deliveries: 0 };
      const latest = new Map(snapshots.map((snapshot) => [snapshot.entityId, snapshot]));
      const baseline = [...latest.values()].map((s) => ({
        entityId: s.entityId,
        key: s.key,
        state: s.report.state,
      }));
      const recorded = await this.#store.recordBaseline(baseline, now);
      if (recorded) {
        for (const status of baseline) this.#seen.set(status.entityId, status.key);
        this.#logger.info({ statuses: baseline.length }, "status baseline recorded; nothing announced");
        return { baseline: true, notices: [], deliveries: 0 };
      }
      return this.#sync(given, now);
    }
    const report: SyncReport = { baseline: false, notices: [], deliveries: 0 };
    for (const { snapshot, previous } of detectChanges(snapshots, statuses)) {
      if (this.#seen.get(snapshot.entityId) === snapshot.key) continue;
      const notice = buildNotice({ id: randomUUID(), snapshot, previous, createdAt: now });
      const result = await this.#store.announce({
        notice,
        key: snapshot.key,
        expectedKey: previous?.key ?? null,
        dueAt: this.#deliveryClock(),
      });
      this.#seen.set(snapshot.entityId, snapshot.key);
      if (result.kind === "conflict") continue;
      report.notices.push(notice);
      report.deliveries += result.deliveries;
      this.#logger.info(
        { noticeId: notice.id, entity: notice.entity.id, deliveries: result.deliveries },
        notice.text,
      );
    }
    for (const snapshot of snapshots) this.#seen.set(snapshot.entityId, snapshot.key);
    this.#queued += report.deliveries;
    if (report.notices.length > 0) this.#dispatcher.wake();
    return report;
  }
}

import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { ChannelRef, UserRef } from "../commands/request.ts";
import type { CommandSpec } from "../commands/spec.ts";
import { Dispatcher } from "../delivery/dispatcher.ts";
import type { DispatchPolicy, DispatchReport } from "../delivery/policy.ts";
import type { Poster } from "../delivery/poster.ts";
import type { Sleep } from "../delivery/timing.ts";
import type { StatusSnapshot } from "../engine/snapshot.ts";
import type { ChatStatusUpdate } from "../knowledge/chatUpdate.ts";
import type { State } from "../knowledge/schema.ts";
import { buildNotice } from "./buildNotice.ts";
import type { SubscriptionActions } from "./commands/actions.ts";
import { subscriptionCommands } from "./commands/subscriptionCommands.ts";
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
  clock: () => Date;
  /** Tests inject these to run the dispatcher on a manual clock. */
  sleep?: Sleep;
  random?: () => number;
  dispatch?: Partial<DispatchPolicy>;
}

/**
 * Subscriptions, status-change notices and their delivery, behind one object. The bot calls
 * `sync` after every knowledge reload and chat update, merges `chatUpdates()` into its timelines,
 * registers `commands`, and runs `start()` / `stop()` with its own lifetime.
 */
export class SubscriptionSystem implements SubscriptionActions {
  /** subscribe, unsubscribe, subscriptions and update, as command specs. */
  readonly commands: CommandSpec[];
  readonly #store: SubscriptionStore;
  readonly #posters: Map<string, Poster>;
  readonly #logger: Logger;
  readonly #statuses: () => StatusSnapshot[];
  readonly #clock: () => Date;
  readonly #dispatcher: Dispatcher;
  #chatUpdates: ChatStatusUpdate[] = [];
  #syncing: Promise<unknown> = Promise.resolve();
  #queued = 0;

  /** Opens the system over `options.store`, loading the chat updates it holds. */
  static async open(options: SubscriptionSystemOptions): Promise<SubscriptionSystem> {
    const system = new SubscriptionSystem(options);
    system.#chatUpdates = await options.store.chatUpdates();
    return system;
  }

  private constructor(options: SubscriptionSystemOptions) {
    this.#store = options.store;
    this.#posters = new Map(options.posters.map((poster) => [poster.platform, poster]));
    this.#logger = options.logger.child({ component: "subscriptions" });
    this.#statuses = options.statuses;
    this.#clock = options.clock;
    this.#dispatcher = new Dispatcher({
      outbox: options.store,
      posters: options.posters,
      logger: this.#logger,
      clock: () => options.clock().getTime(),
      sleep: options.sleep,
      random: options.random,
      policy: options.dispatch,
    });
    this.commands = subscriptionCommands(this);
  }

  /**
   * Compares each snapshot's key with the last one announced and writes one notice per difference,
   * with its deliveries, in one transaction each. The first sync with any status only records the
   * baseline, so installing the bot posts nothing. Calls run one at a time.
   */
  sync(snapshots: StatusSnapshot[], now: Date = this.#clock()): Promise<SyncReport> {
    const run = this.#syncing.then(() => this.#sync(snapshots, now));
    this.#syncing = run.catch(() => {});
    return run;
  }

  /** Deliveries this process has queued since it started, so a one-shot run waits only on its own. */
  get deliveriesQueued(): number {
    return this.#queued;
  }

  /** How many chat updates there are, so the bot can tell it has merged them all without copying them. */
  get chatUpdateCount(): number {
    return this.#chatUpdates.length;
  }

  /** Every status change reported in chat, oldest first, for the bot to merge into its timelines. */
  chatUpdates(): ChatStatusUpdate[] {
    return [...this.#chatUpdates];
  }

  async recordChatUpdate(update: ChatStatusUpdate, now: Date): Promise<SyncReport> {
    await this.#store.addChatUpdate(update);
    this.#chatUpdates.push(update);
    this.#logger.info({ update }, "status update recorded from chat");
    return this.sync(this.#statuses(), now);
  }

  currentState(entityId: string): State | undefined {
    return this.#statuses().find((snapshot) => snapshot.entityId === entityId)?.report.state;
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

  audienceOf(entityId: string): Promise<number> {
    return this.#store.audienceOf(entityId);
  }

  /** Starts delivering in the background. */
  start(): void {
    this.#dispatcher.start();
  }

  /** Stops delivering once the posts in flight are recorded. */
  stop(): Promise<void> {
    return this.#dispatcher.stop();
  }

  /** One delivery pass, for tests and one-shot runs. */
  dispatchOnce(): Promise<DispatchReport> {
    return this.#dispatcher.dispatchOnce();
  }

  /** Delivers until nothing is pending (or the next due time is after `until`, epoch ms). */
  drain(options?: { until?: number }): Promise<DispatchReport> {
    return this.#dispatcher.drain(options);
  }

  async #sync(snapshots: StatusSnapshot[], now: Date): Promise<SyncReport> {
    const { baselineAt, statuses } = await this.#store.announcements();
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
        this.#logger.info({ statuses: baseline.length }, "status baseline recorded; nothing announced");
        return { baseline: true, notices: [], deliveries: 0 };
      }
      return this.#sync(snapshots, now);
    }
    const report: SyncReport = { baseline: false, notices: [], deliveries: 0 };
    for (const { snapshot, previous } of detectChanges(snapshots, statuses)) {
      const notice = buildNotice({ id: randomUUID(), snapshot, previous, createdAt: now });
      const result = await this.#store.announce({
        notice,
        key: snapshot.key,
        expectedKey: previous?.key ?? null,
        dueAt: now.getTime(),
      });
      if (result.kind === "conflict") continue;
      report.notices.push(notice);
      report.deliveries += result.deliveries;
      this.#logger.info(
        { noticeId: notice.id, entity: notice.entity.id, deliveries: result.deliveries },
        notice.text,
      );
    }
    this.#queued += report.deliveries;
    if (report.notices.length > 0) this.#dispatcher.wake();
    return report;
  }
}

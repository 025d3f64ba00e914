import type { DispatchPolicy } from "../../src/delivery/policy.ts";
import type { Poster } from "../../src/delivery/poster.ts";
import type { StatusSnapshot } from "../../src/engine/snapshot.ts";
import { openSqliteSubscriptionStore } from "../../src/subscriptions/sqlite/sqliteStore.ts";
import type { SubscriptionStore } from "../../src/subscriptions/store.ts";
import { SubscriptionSystem } from "../../src/subscriptions/system.ts";
import { ManualClock, silentLogger } from "./fixtures.ts";

/** A SubscriptionSystem over a real SQLite file, on a manual clock, with statuses the test controls. */
export interface Harness {
  system: SubscriptionSystem;
  store: SubscriptionStore;
  clock: ManualClock;
  /** What the bot would report now; tests assign to it. */
  statuses: StatusSnapshot[];
  close: () => Promise<void>;
}

/** Opens a system over `dbPath`. Opening twice over one path models a restart. */
export async function openHarness(
  dbPath: string,
  options: {
    posters?: Poster[];
    clock?: ManualClock;
    dispatch?: Partial<DispatchPolicy>;
    random?: () => number;
    /** Real clock and timers, for the background loop, which would spin on a manual clock. */
    realTime?: boolean;
  } = {},
): Promise<Harness> {
  const clock = options.clock ?? new ManualClock();
  const store = openSqliteSubscriptionStore(dbPath);
  const harness: Partial<Harness> & { statuses: StatusSnapshot[] } = { statuses: [] };
  const system = await SubscriptionSystem.open({
    store,
    posters: options.posters ?? [],
    logger: silentLogger,
    statuses: () => harness.statuses,
    clock: options.realTime ? () => new Date() : clock.date,
    ...(options.realTime ? {} : { sleep: clock.sleep }),
    random: options.random ?? (() => 0.5),
    dispatch: options.dispatch,
  });
  return Object.assign(harness, {
    system,
    store,
    clock,
    close: async () => {
      await system.stop();
      await store.close();
    },
  });
}

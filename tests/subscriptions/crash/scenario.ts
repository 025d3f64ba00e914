import type { StatusSnapshot } from "../../../src/engine/snapshot.ts";
import { snapshot } from "../fixtures.ts";

/** How many Discord channels follow every status in the crash scenario. */
export const crashChannels = 600;

/** Before: the embassy is open (the baseline). After: closed, which the child announces. */
export const crashStatuses: Record<"before" | "after", StatusSnapshot[]> = {
  before: [
    snapshot({
      entityId: "us-embassy-kyiv",
      name: "U.S. Embassy in Kyiv",
      state: "open",
      since: "2024-02-01",
    }),
  ],
  after: [snapshot({ entityId: "us-embassy-kyiv", name: "U.S. Embassy in Kyiv", state: "closed" })],
};

/**
 * Dispatcher settings for the child: one post in flight and small batches, so that each kill leaves
 * at most one duplicate. The lease is the default: a restart must not depend on a short one.
 */
export const crashDispatch = { maxInFlight: 1, batchSize: 10 };

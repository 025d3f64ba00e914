import type { ChatRequest } from "../../src/commands/request.ts";
import type { CommandServices } from "../../src/commands/spec.ts";
import { TrackedEntities } from "../../src/commands/trackedEntities.ts";
import type { EntityRef } from "../../src/engine/answer.ts";
import type { EntityResolution } from "../../src/engine/resolve/resolution.ts";
import { alice, channel, silentLogger } from "./fixtures.ts";

export const usEmbassy: EntityRef = { id: "us-embassy-kyiv", name: "U.S. Embassy in Kyiv", kind: "embassy" };
export const italianEmbassy: EntityRef = {
  id: "italian-embassy-kyiv",
  name: "Italian Embassy in Kyiv",
  kind: "embassy",
};

/** The two entities the command tests name, through the real command-layer resolver. */
const tracked = new TrackedEntities(
  [
    { ...usEmbassy, aliases: ["Kyiv embassy", "US Embassy Kyiv", "embassy"], demonyms: [], primary: true },
    { ...italianEmbassy, aliases: ["Italian embassy", "embassy"], demonyms: [], primary: false },
  ],
  (id) => id === usEmbassy.id,
);

/**
 * Entity resolution as the engine would answer it for a few names: "kyiv embassy" is the U.S.
 * embassy, "embassy" is ambiguous, "kyvi embasy" is unknown with a suggestion, and the Italian
 * embassy has no status timeline, so it is found only without `withStatus`.
 */
export function fakeServices(): CommandServices & { resolved: { text: string; withStatus: boolean }[] } {
  const resolved: { text: string; withStatus: boolean }[] = [];
  return {
    resolved,
    ask: () => {
      throw new Error("subscription commands never ask questions");
    },
    resolveEntity(text, options): EntityResolution {
      const withStatus = options?.withStatus ?? false;
      resolved.push({ text, withStatus });
      const name = text.toLowerCase();
      if (name === "kyiv embassy" || name === "us embassy kyiv") return { kind: "found", entity: usEmbassy };
      if (name === "italian embassy") {
        return withStatus ? { kind: "unknown", suggestions: [] } : { kind: "found", entity: italianEmbassy };
      }
      if (name === "embassy") return { kind: "ambiguous", candidates: [usEmbassy, italianEmbassy] };
      if (name === "kyvi embasy") return { kind: "unknown", suggestions: [usEmbassy] };
      return { kind: "unknown", suggestions: [] };
    },
    resolveTracked(text, options) {
      resolved.push({ text, withStatus: options.withStatus });
      return tracked.resolve(text, options);
    },
    entityName: (id) =>
      ({ [usEmbassy.id]: usEmbassy.name, [italianEmbassy.id]: italianEmbassy.name })[id] ?? id,
    logger: silentLogger,
  };
}

/** A request from Alice in channel 1, who may manage its subscriptions unless told otherwise. */
export function request(text: string, now: Date, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { text, channel: channel(1), user: alice, canManageSubscriptions: true, now, ...overrides };
}

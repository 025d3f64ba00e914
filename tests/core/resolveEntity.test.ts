import { describe, expect, it } from "vitest";
import { SUGGESTION_THRESHOLD } from "../../src/engine/resolve/resolveEntity.ts";
import { realEngine } from "../support/engine.ts";

const engine = realEngine();

describe("naming an entity in a command (fuse.js suggestions at threshold 0.5)", () => {
  it("has its suggestion threshold set explicitly", () => {
    expect(SUGGESTION_THRESHOLD).toBe(0.5);
  });

  it("resolves a fuzzy name with a status to exactly one embassy", () => {
    expect(engine.resolveEntity("italian embasy", { withStatus: true })).toEqual({
      kind: "found",
      entity: { id: "italy-embassy-kyiv", name: "Italian Embassy in Kyiv", kind: "embassy" },
    });
    expect(engine.resolveEntity("us-embassy-kyiv", { withStatus: true })).toMatchObject({ kind: "found" });
  });

  it("calls two embassies named at once ambiguous", () => {
    const resolved = engine.resolveEntity("the spanish and greek embassies", { withStatus: true });
    expect(resolved.kind).toBe("ambiguous");
  });

  it("declines a name it does not track, offering close names only", () => {
    const resolved = engine.resolveEntity("the french embassy", { withStatus: true });
    expect(resolved.kind).toBe("unknown");
    const none = engine.resolveEntity("weather", { withStatus: true });
    expect(none).toEqual({ kind: "unknown", suggestions: [] });
  });
});

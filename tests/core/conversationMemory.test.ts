import { describe, expect, it } from "vitest";
import { ConversationMemory, SUBJECT_TTL_MS, subjectOf } from "../../src/conversation/memory.ts";
import { FIXTURE_TODAY, fixtureEngine } from "../support/fixtureBases.ts";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 9, minutes));

describe("what a conversation remembers", () => {
  it("keeps a subject for ten minutes, then forgets it", () => {
    const memory = new ConversationMemory();
    memory.remember("slack:T1:C1:1.0", { entityIds: ["italy-embassy-kyiv"] }, at(0));
    expect(SUBJECT_TTL_MS).toBe(600_000);
    expect(memory.subject("slack:T1:C1:1.0", at(9))).toEqual({ entityIds: ["italy-embassy-kyiv"] });
    expect(memory.subject("slack:T1:C1:2.0", at(9))).toBeUndefined();
    expect(memory.subject("slack:T1:C1:1.0", at(11))).toBeUndefined();
  });

  it("forgets the oldest conversations first past its size", () => {
    const memory = new ConversationMemory(SUBJECT_TTL_MS, 2);
    memory.remember("a", { entityIds: ["x"] }, at(0));
    memory.remember("b", { entityIds: ["y"] }, at(1));
    memory.remember("a", { entityIds: ["z"] }, at(2));
    memory.remember("c", { entityIds: ["w"] }, at(3));
    expect(memory.size).toBe(2);
    expect(memory.subject("b", at(4))).toBeUndefined();
    expect(memory.subject("a", at(4))).toEqual({ entityIds: ["z"] });
  });

  it("takes the subject from what an answer was about, and nothing from a declined one", () => {
    const engine = fixtureEngine("embassies");
    const now = FIXTURE_TODAY;
    const answered = engine.ask("is the finnish embassy in tallinn open?", { now });
    expect(subjectOf(answered)).toEqual({ entityIds: answered.statuses.map((s) => s.entity.id) });
    expect(subjectOf(answered)?.entityIds).toHaveLength(1);
    const declined = engine.ask("is the french embassy in london open?", { now });
    expect(declined.answered).toBe(false);
    expect(subjectOf(declined)).toBeUndefined();
  });
});

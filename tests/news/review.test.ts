import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { approveItem, editItem, listPending, rejectItem } from "../../src/news/review.ts";
import { reviewScratch } from "../support/reviewFixture.ts";

let scratch: ReturnType<typeof reviewScratch>;
const decision = { by: "slack:U0CURATOR1", at: new Date("2026-01-21T09:00:00Z") };

beforeEach(() => {
  scratch = reviewScratch();
});
afterEach(() => scratch.cleanup());

const folders = () => ({ knowledgeDir: scratch.knowledgeDir, draftsDir: scratch.draftsDir });
const base = () => {
  const loaded = loadKnowledgeBase(scratch.knowledgeDir);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join("; "));
  return loaded.base;
};
const itemFor = (entityOrFact: string) => {
  const item = listPending(folders(), base()).items.find((candidate) =>
    candidate.kind === "change" ? candidate.entityId === entityOrFact : candidate.fact.id === entityOrFact,
  );
  if (!item) throw new Error(`no pending item for ${entityOrFact}`);
  return item;
};

describe("reviewing a draft", () => {
  it("lists each candidate change with the thing, old and new state, date, source and sentence, and each fact", () => {
    const { items, problems } = listPending(folders(), base());
    expect(problems).toEqual([]);
    expect(items.map((item) => item.kind)).toEqual(["change", "change", "change", "fact"]);
    const alby = itemFor("port-of-alby");
    expect(alby).toMatchObject({
      kind: "change",
      entityName: "Port of Alby",
      from: "closed",
      event: { state: "open", effective: { date: "2026-01-19" } },
      source: { publisher: "Coast News" },
      paragraph: 1,
      sentence: "The Port of Alby reopened on Monday.",
    });
    expect(alby.id).toMatch(/^c[0-9a-f]{7}$/);
    expect(itemFor("brill-ferry-terminal")).toMatchObject({
      entityName: "Brill Ferry Terminal",
      type: "still",
    });
    expect(itemFor("alby-debris-cleared").id).toMatch(/^f[0-9a-f]{7}$/);
    // The same ids on every reading.
    expect(listPending(folders(), base()).items.map((i) => i.id)).toEqual(items.map((i) => i.id));
  });

  it("approving a change writes it into the article's file in the live base, which loads, and takes it out of the draft", () => {
    const alby = itemFor("port-of-alby");
    const before = listPending(folders(), base()).items;
    expect(base().timelines.get("port-of-alby")?.at(-1)?.state).toBe("closed");
    const approved = approveItem(folders(), alby.id, decision);
    expect(approved.ok).toBe(true);
    const live = path.join(scratch.knowledgeDir, "coast-news-2026-01-20.yaml");
    expect(readFileSync(live, "utf8")).toContain("approved by slack:U0CURATOR1");
    const after = base();
    expect(after.timelines.get("port-of-alby")?.at(-1)).toMatchObject({ state: "open" });
    expect(after.sources.has("coast-news-2026-01-20")).toBe(true);
    // Not listed again; the others still are, under the same ids.
    const left = listPending(folders(), after).items;
    expect(left.map((i) => i.id)).not.toContain(alby.id);
    expect(left.map((i) => i.id)).toEqual(before.filter((i) => i.id !== alby.id).map((i) => i.id));
    expect(left[0]?.sentence).toBe("Brill reopened to cargo on Tuesday.");
    expect(readFileSync(scratch.draftFile, "utf8")).toMatch(/approved c[0-9a-f]{7} \(Port of Alby/);
  });

  it("a change about a new thing brings the thing's entity with it; a second approval joins the same file", () => {
    expect(approveItem(folders(), itemFor("brill-ferry-terminal").id, decision).ok).toBe(true);
    expect(approveItem(folders(), itemFor("alby-debris-cleared").id, decision).ok).toBe(true);
    const after = base();
    expect(after.entities.get("brill-ferry-terminal")?.name).toBe("Brill Ferry Terminal");
    expect(after.facts.map((f) => f.id)).toContain("alby-debris-cleared");
  });

  it("rejecting takes the item out of the draft for good, and a draft with nothing left moves to reviewed/", () => {
    const ids = listPending(folders(), base()).items.map((i) => i.id);
    const rejected = rejectItem(folders(), ids[1] as string, decision);
    expect(rejected.ok).toBe(true);
    expect(listPending(folders(), base()).items.map((i) => i.id)).toEqual([ids[0], ids[2], ids[3]]);
    expect(readFileSync(scratch.draftFile, "utf8")).toContain(`rejected ${ids[1]}`);
    expect(base().timelines.get("port-of-brill")?.at(-1)?.state).toBe("closed");
    for (const id of [ids[0], ids[2], ids[3]]) rejectItem(folders(), id as string, decision);
    expect(listPending(folders(), base()).items).toEqual([]);
    expect(existsSync(scratch.draftFile)).toBe(false);
    expect(existsSync(path.join(scratch.draftsDir, "reviewed", "coast-news-2026-01-20.yaml"))).toBe(true);
  });

  it("an edit changes state, date and reason in the draft and keeps the item's id", () => {
    const brill = itemFor("port-of-brill");
    const edited = editItem(folders(), brill.id, {
      state: "limited",
      date: "2026-01-21",
      reason: "cargo only",
    });
    expect(edited).toMatchObject({
      ok: true,
      item: {
        id: brill.id,
        event: { state: "limited", effective: { date: "2026-01-21", precision: "day" } },
      },
    });
    expect(readFileSync(scratch.draftFile, "utf8")).toContain("reason: cargo only");
  });

  it("an edit that would make the draft invalid is refused with file, field and line, and writes nothing", () => {
    const before = readFileSync(scratch.draftFile, "utf8");
    const edited = editItem(folders(), itemFor("port-of-brill").id, { date: "20 January" });
    expect(edited.ok).toBe(false);
    if (edited.ok) return;
    expect(edited.problems[0]).toMatchObject({ field: "timelines[1].events[0].effective.date" });
    expect(edited.problems[0]?.line).toBeGreaterThan(1);
    expect(readFileSync(scratch.draftFile, "utf8")).toBe(before);
  });

  it("a draft edited into invalid YAML is refused at approval with file and line, and the live base is untouched", () => {
    const id = itemFor("port-of-alby").id;
    writeFileSync(
      scratch.draftFile,
      readFileSync(scratch.draftFile, "utf8").replace("state: open", "state: [open"),
    );
    const approved = approveItem(folders(), id, decision);
    expect(approved).toMatchObject({ ok: false, code: "invalid" });
    if (approved.ok) return;
    expect(approved.problems[0]?.file).toContain("coast-news-2026-01-20.yaml");
    expect(approved.problems[0]?.line).toBeGreaterThan(1);
    expect(existsSync(path.join(scratch.knowledgeDir, "coast-news-2026-01-20.yaml"))).toBe(false);
  });

  it("a draft edited into a bad field is refused with the field and line in the draft; the live base is untouched", () => {
    const id = itemFor("port-of-alby").id;
    // A state no kind declares passes the file's schema but not the whole base's.
    writeFileSync(
      scratch.draftFile,
      readFileSync(scratch.draftFile, "utf8").replace("state: open", "state: sailing"),
    );
    const approved = approveItem(folders(), id, decision);
    expect(approved).toMatchObject({ ok: false, code: "invalid" });
    if (approved.ok) return;
    expect(approved.problems[0]).toMatchObject({ field: "timelines[0].events[0]", line: expect.any(Number) });
    expect(approved.problems[0]?.file).toContain(path.join("drafts", "coast-news-2026-01-20.yaml"));
    expect(approved.problems[0]?.message).toContain("sailing");
    expect(existsSync(path.join(scratch.knowledgeDir, "coast-news-2026-01-20.yaml"))).toBe(false);
    expect(base().timelines.get("port-of-alby")?.at(-1)?.state).toBe("closed");
  });

  it("an unknown id is a miss, not an exception", () => {
    expect(approveItem(folders(), "c0000000", decision)).toMatchObject({ ok: false, code: "unknown-item" });
  });
});

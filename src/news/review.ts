import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { assembleBase, type KnowledgeBase } from "../knowledge/base.ts";
import { type KnowledgeProblem, parseKnowledgeFile, readKnowledgeDir } from "../knowledge/load.ts";
import { loadKnowledgeBase } from "../knowledge/loadBase.ts";
import {
  displayPath,
  itemHeadline,
  type ReadDraft,
  type ReviewFolders,
  type ReviewItem,
  readDrafts,
} from "./reviewItems.ts";

export type { ReviewFolders, ReviewItem } from "./reviewItems.ts";

/** Why a review step did not happen; the problems say where, with file, field and line. */
export type ReviewMiss =
  | { ok: false; code: "unknown-item"; problems: KnowledgeProblem[] }
  | { ok: false; code: "invalid"; problems: KnowledgeProblem[] }
  | { ok: false; code: "not-editable"; problems: KnowledgeProblem[] };

/** An approval worked out and checked against the whole base, not yet written. */
export interface ApprovalPlan {
  ok: true;
  item: ReviewItem;
  liveFile: string;
  liveText: string;
  draft: ReadDraft;
}

/** Who decided, and when: written beside the item in the live base and in the draft. */
export interface Decision {
  /** platform:user-id, for the record in the files. */
  by: string;
  /** How the notice names them; the id when left out. */
  name?: string;
  at: Date;
}

/**
 * The pending items of every draft, and the problems of drafts that cannot be read (an edit that
 * broke the YAML or a field): those are listed by file, field and line instead of their items.
 */
export function listPending(
  folders: ReviewFolders,
  base?: KnowledgeBase,
): { items: ReviewItem[]; problems: KnowledgeProblem[] } {
  const drafts = readDrafts(folders, base);
  return { items: drafts.flatMap((d) => d.items), problems: drafts.flatMap((d) => d.problems) };
}

/** The item with `id` and its draft; a miss names the drafts that could not be read, since it may be in one. */
function find(folders: ReviewFolders, id: string, base?: KnowledgeBase) {
  const drafts = readDrafts(folders, base ?? liveBase(folders));
  for (const draft of drafts) {
    const item = draft.items.find((candidate) => candidate.id === id);
    if (item) return { ok: true as const, item, draft };
  }
  const problems = drafts.flatMap((d) => d.problems);
  return problems.length > 0
    ? { ok: false as const, code: "invalid" as const, problems }
    : { ok: false as const, code: "unknown-item" as const, problems: [] };
}

/** The live base as the folder has it now, for the states and names an item is shown with. */
function liveBase(folders: ReviewFolders): KnowledgeBase | undefined {
  const loaded = loadKnowledgeBase(folders.knowledgeDir);
  return loaded.ok ? loaded.base : undefined;
}

/** The live file an article's approved items go to: `<knowledge>/<source-id>.yaml`. */
export function liveFileOf(folders: ReviewFolders, sourceId: string): string {
  return path.join(folders.knowledgeDir, `${sourceId}.yaml`);
}

/**
 * Works out the live base with the item added to its article's file, and validates the whole of it
 * with the loader. Nothing is written; a problem in the added item is reported at its place in the draft.
 */
export function planApproval(
  folders: ReviewFolders,
  id: string,
  decision: Decision,
  base?: KnowledgeBase,
): ApprovalPlan | ReviewMiss {
  const found = find(folders, id, base);
  if (!found.ok) return found;
  const { item, draft } = found;
  const live = readKnowledgeDir(folders.knowledgeDir);
  if (!live.ok) return { ok: false, code: "invalid", problems: live.problems };
  const liveFile = liveFileOf(folders, item.source.id);
  const liveDisplay = displayPath(liveFile);
  const others = live.files.filter((file) => file.file !== liveDisplay);
  const doc = existsSync(liveFile)
    ? parseDocument(readFileSync(liveFile, "utf8"))
    : newLiveDocument(item, draft.display);
  if (!others.some((file) => file.content.sources.some((s) => s.id === item.source.id)))
    ensureIn(doc, "sources", item.source, (s) => s.id === item.source.id);
  const defined = new Set(others.flatMap((file) => file.content.entities.map((e) => e.id)));
  const needed = item.kind === "change" ? [item.entityId] : item.fact.about;
  for (const entity of draft.parsed?.content.entities ?? [])
    if (needed.includes(entity.id) && !defined.has(entity.id))
      ensureIn(doc, "entities", entity, (e) => e.id === entity.id);
  const note = ` approved by ${decision.by} on ${decision.at.toISOString().slice(0, 10)} (review item ${item.id})${item.sentence ? `: ¶${item.paragraph} "${item.sentence}"` : ""}`;
  if (item.kind === "change")
    addEvent(doc, { ...item, event: { ...item.event, approvedBy: decision.name ?? decision.by } }, note);
  else appendTo(doc, "facts", item.fact, note);
  const liveText = doc.toString({ lineWidth: 110 });
  const parsed = parseKnowledgeFile(liveDisplay, liveText);
  if (!parsed.ok)
    return { ok: false, code: "invalid", problems: atItem(parsed.problems, liveDisplay, draft, item) };
  const assembled = assembleBase([...others, parsed.parsed]);
  if (!assembled.ok)
    return { ok: false, code: "invalid", problems: atItem(assembled.problems, liveDisplay, draft, item) };
  return { ok: true, item, liveFile, liveText, draft };
}

/**
 * Writes an approval: the item into its article's live file (the bot loads it at its next reload),
 * then out of the draft, with a line saying who approved it. A draft left with no items is moved to
 * `reviewed/` in the drafts folder.
 */
export function commitApproval(plan: ApprovalPlan, decision: Decision): void {
  writeAtomically(plan.liveFile, plan.liveText);
  removeFromDraft(
    plan.draft,
    plan.item,
    `approved ${describe(plan.item, decision)} into ${path.join(path.basename(path.dirname(plan.liveFile)), path.basename(plan.liveFile))}`,
  );
}

/** Approves an item at once: plan, then commit. */
export function approveItem(
  folders: ReviewFolders,
  id: string,
  decision: Decision,
  base?: KnowledgeBase,
): ApprovalPlan | ReviewMiss {
  const plan = planApproval(folders, id, decision, base);
  if (plan.ok) commitApproval(plan, decision);
  return plan;
}

/** Rejects an item: it leaves the draft, which keeps a line saying who rejected it, and is not listed again. */
export function rejectItem(
  folders: ReviewFolders,
  id: string,
  decision: Decision,
  base?: KnowledgeBase,
): { ok: true; item: ReviewItem } | ReviewMiss {
  const found = find(folders, id, base);
  if (!found.ok) return found;
  removeFromDraft(found.draft, found.item, `rejected ${describe(found.item, decision)}`);
  return { ok: true, item: found.item };
}

/** What an edit may change of a candidate status change; unset or blank leaves it as it is. */
export interface ReviewEdit {
  state?: string;
  /** YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM. */
  date?: string;
  reason?: string;
}

/**
 * Edits a candidate status change in its draft. The edited draft must still be a valid knowledge
 * file; if not, nothing is written and the problem is given with file, field and line.
 */
export function editItem(
  folders: ReviewFolders,
  id: string,
  edit: ReviewEdit,
  base?: KnowledgeBase,
): { ok: true; item: ReviewItem } | ReviewMiss {
  const found = find(folders, id, base);
  if (!found.ok) return found;
  const { item, draft } = found;
  if (item.kind !== "change")
    return {
      ok: false,
      code: "not-editable",
      problems: [
        { file: draft.display, field: `facts[${item.at}]`, message: "edit a fact in its draft file" },
      ],
    };
  const doc = parseDocument(draft.text);
  const at = ["timelines", item.at[0], "events", item.at[1]];
  const state = edit.state?.trim();
  const date = edit.date?.trim();
  const reason = edit.reason?.trim();
  if (state) doc.setIn([...at, "state"], state);
  if (date) doc.setIn([...at, "effective"], doc.createNode({ date, precision: precisionOf(date) }));
  if (reason) doc.setIn([...at, "reason"], reason);
  const text = doc.toString({ lineWidth: 110 });
  const parsed = parseKnowledgeFile(draft.display, text);
  if (!parsed.ok) return { ok: false, code: "invalid", problems: parsed.problems };
  writeAtomically(draft.file, text);
  const again = find(folders, id, base);
  return again.ok ? { ok: true, item: again.item } : again;
}

/** The precision a typed date has by its shape; the schema rejects any other shape with its own words. */
function precisionOf(date: string): string {
  if (/T\d{2}:\d{2}$/.test(date)) return "minute";
  if (/T\d{2}$/.test(date)) return "hour";
  return ["year", "month", "day"][Math.min(2, date.split("-").length - 1)] ?? "day";
}

function describe(item: ReviewItem, decision: Decision): string {
  return `${item.id} (${itemHeadline(item)}) by ${decision.by} on ${decision.at.toISOString()}`;
}

function newLiveDocument(item: ReviewItem, draftDisplay: string): Document {
  const doc = new Document({ sources: [] });
  doc.commentBefore = ` ${item.source.publisher}: "${item.source.headline}". Items approved in review from ${draftDisplay}.`;
  return doc;
}

/** Adds `value` to the list under `key` unless an entry already matches. */
function ensureIn<T>(doc: Document, key: string, value: T, same: (existing: T) => boolean): void {
  const existing = (doc.get(key) as YAMLSeq | undefined)?.toJSON() as T[] | undefined;
  if (existing?.some(same)) return;
  appendTo(doc, key, value);
}

function appendTo(doc: Document, key: string, value: unknown, comment?: string): void {
  let seq = doc.get(key, true) as YAMLSeq | undefined;
  if (!isSeq(seq)) {
    seq = doc.createNode([]) as YAMLSeq;
    doc.set(key, seq);
  }
  const node = doc.createNode(value) as YAMLMap;
  if (comment) node.commentBefore = comment;
  seq.items.push(node);
}

/** The event joins the thing's entry in the article's file, or starts one. */
function addEvent(doc: Document, item: Extract<ReviewItem, { kind: "change" }>, note: string): void {
  const timelines = doc.get("timelines", true);
  if (isSeq(timelines) && item.timeline.entity) {
    for (const entry of timelines.items) {
      if (isMap(entry) && entry.get("entity") === item.timeline.entity) {
        const events = entry.get("events", true) as unknown as YAMLSeq;
        const node = doc.createNode(item.event) as YAMLMap;
        node.commentBefore = note;
        events.items.push(node);
        return;
      }
    }
  }
  const entry = { ...item.timeline, events: [] };
  appendTo(doc, "timelines", entry);
  const added = (doc.get("timelines", true) as YAMLSeq).items.at(-1) as YAMLMap;
  const node = doc.createNode(item.event) as YAMLMap;
  node.commentBefore = note;
  (added.get("events", true) as unknown as YAMLSeq).items.push(node);
}

/** Problems found in the live file that come from the added item: reported at the item in its draft. */
function atItem(
  problems: KnowledgeProblem[],
  liveDisplay: string,
  draft: ReadDraft,
  item: ReviewItem,
): KnowledgeProblem[] {
  const at = item.kind === "change" ? ["timelines", item.at[0], "events", item.at[1]] : ["facts", item.at];
  const field =
    item.kind === "change" ? `timelines[${item.at[0]}].events[${item.at[1]}]` : `facts[${item.at}]`;
  const line = draft.parsed?.lineOf(at);
  return problems.map((problem) =>
    problem.file === liveDisplay
      ? {
          file: draft.display,
          field,
          ...(line ? { line } : {}),
          message: `${problem.field}: ${problem.message}`,
        }
      : problem,
  );
}

/** Takes the item out of its draft and notes the decision at the draft's end; an emptied draft moves to `reviewed/`. */
function removeFromDraft(draft: ReadDraft, item: ReviewItem, line: string): void {
  const doc = parseDocument(draft.text);
  // The comment above a list's first item belongs to the list: it goes with the item.
  const dropLeadComment = (at: (string | number)[]) => {
    const list = doc.getIn(at.slice(0, -1), true);
    if (at.at(-1) === 0 && isSeq(list)) list.commentBefore = null;
  };
  if (item.kind === "change") {
    const [i, j] = item.at;
    dropLeadComment(["timelines", i, "events", j]);
    doc.deleteIn(["timelines", i, "events", j]);
    const events = doc.getIn(["timelines", i, "events"], true);
    if (isSeq(events) && events.items.length === 0) {
      dropLeadComment(["timelines", i]);
      doc.deleteIn(["timelines", i]);
    }
  } else {
    dropLeadComment(["facts", item.at]);
    doc.deleteIn(["facts", item.at]);
  }
  for (const key of ["timelines", "facts"]) {
    const seq = doc.get(key, true);
    if (isSeq(seq) && seq.items.length === 0) doc.delete(key);
  }
  doc.comment = [doc.comment, ` ${line}`].filter(Boolean).join("\n");
  const text = doc.toString({ lineWidth: 110 });
  writeAtomically(draft.file, text);
  const left = doc.get("timelines") !== undefined || doc.get("facts") !== undefined;
  if (!left) {
    const reviewed = path.join(path.dirname(draft.file), "reviewed");
    mkdirSync(reviewed, { recursive: true });
    renameSync(draft.file, path.join(reviewed, path.basename(draft.file)));
  }
}

/** Written beside and renamed into place, so a watcher never reads half a file. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

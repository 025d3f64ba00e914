import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Document, isMap, isSeq, parseDocument } from "yaml";
import type { KnowledgeBase } from "../knowledge/base.ts";
import { formatDated } from "../knowledge/dates.ts";
import { type KnowledgeProblem, type ParsedFile, parseKnowledgeFile } from "../knowledge/load.ts";
import type { EventType, KnowledgeFile, Source, StatusEvent, Timeline } from "../knowledge/schema.ts";

/** Where review reads drafts from and writes approved items to. */
export interface ReviewFolders {
  knowledgeDir: string;
  draftsDir: string;
}

interface ItemBase {
  /** Stable across restarts and edits of state, date or reason: a hash of the draft's source and the item's place in the article. */
  id: string;
  /** The draft file it comes from. */
  draftFile: string;
  source: Source;
  paragraph: number;
  /** The article's sentence the drafter quoted above the item, when it is still there. */
  sentence?: string;
}

/** A candidate status change: one event of one timeline entry of a draft. */
export interface ChangeItem extends ItemBase {
  kind: "change";
  /** Index of the timeline entry and of the event in it. */
  at: [number, number];
  timeline: Omit<Timeline, "events">;
  event: StatusEvent;
  entityId: string;
  entityName: string;
  /** The thing's state in the live base before the event's date, if it has one. */
  from?: string;
  type: EventType;
}

/** A candidate fact: one entry of a draft's `facts`. */
export interface FactItem extends ItemBase {
  kind: "fact";
  at: number;
  fact: KnowledgeFile["facts"][number];
}

export type ReviewItem = ChangeItem | FactItem;

/** One draft file, read: its items, or the problems that stop it being read. */
export interface ReadDraft {
  file: string;
  /** As problems name it: relative to the working folder. */
  display: string;
  text: string;
  parsed?: ParsedFile;
  problems: KnowledgeProblem[];
  items: ReviewItem[];
}

/** The drafts folder's `.yaml` files, in name order; none when the folder is not there yet. */
export function draftFiles(draftsDir: string): string[] {
  if (!existsSync(draftsDir)) return [];
  return readdirSync(draftsDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(draftsDir, entry.name))
    .sort();
}

export const displayPath = (file: string) => path.relative(process.cwd(), file) || file;

/** The sentence the drafter put in the comment above an item: `¶3 (…): "…"`. */
function quotedSentence(comment: string | null | undefined): string | undefined {
  const match = /: "(.*)"\s*$/s.exec(comment ?? "");
  return match?.[1]?.trim() || undefined;
}

const shortHash = (parts: (string | number)[]) =>
  createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 7);

/** The state the live base gives a thing on a date (the last change or report on or before it). */
function stateBefore(base: KnowledgeBase | undefined, entityId: string, date: string): string | undefined {
  const events = base?.timelines.get(entityId) ?? [];
  let state: string | undefined;
  for (const event of events) {
    if (event.type === "expected") continue;
    if (event.effective.date.slice(0, date.length) <= date) state = event.state;
  }
  return state;
}

/** Reads one draft file into its items; an invalid draft has problems (file, field, line) and no items. */
export function readDraft(file: string, base: KnowledgeBase | undefined): ReadDraft {
  const display = displayPath(file);
  const text = readFileSync(file, "utf8");
  const result = parseKnowledgeFile(display, text);
  if (!result.ok) return { file, display, text, problems: result.problems, items: [] };
  const content = result.parsed.content;
  const source = content.sources[0];
  if (!source)
    return {
      file,
      display,
      text,
      parsed: result.parsed,
      problems: [{ file: display, field: "sources", message: "a draft needs its article's source record" }],
      items: [],
    };
  const doc = parseDocument(text);
  const items: ReviewItem[] = [];
  const seen = new Map<string, number>();
  const idOf = (parts: (string | number)[]) => {
    const key = parts.join("\u0000");
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return shortHash([...parts, n]);
  };
  const names = new Map(content.entities.map((entity) => [entity.id, entity.name]));
  content.timelines.forEach((timeline, i) => {
    const { events, ...selector } = timeline;
    const entityId = timeline.entity ?? timeline.entities?.[0] ?? timeline.kind ?? "";
    events.forEach((event, j) => {
      const sentence = quotedSentence(commentAt(doc, ["timelines", i, "events", j]));
      items.push({
        kind: "change",
        id: `c${idOf([source.id, "change", entityId, event.paragraph, sentence ?? ""])}`,
        draftFile: file,
        source,
        paragraph: event.paragraph,
        ...(sentence ? { sentence } : {}),
        at: [i, j],
        timeline: selector,
        event,
        entityId,
        entityName: base?.entities.get(entityId)?.name ?? names.get(entityId) ?? entityId,
        ...optional("from", stateBefore(base, entityId, event.effective.date.slice(0, 10))),
        type: event.type,
      });
    });
  });
  content.facts.forEach((fact, k) => {
    const sentence = quotedSentence(commentAt(doc, ["facts", k]));
    items.push({
      kind: "fact",
      id: `f${idOf([source.id, "fact", fact.id])}`,
      draftFile: file,
      source,
      paragraph: fact.paragraph,
      ...(sentence ? { sentence } : {}),
      at: k,
      fact,
    });
  });
  return { file, display, text, parsed: result.parsed, problems: [], items };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * The comment above a list item. YAML gives the comment above a list's first item to the list
 * itself, so that one is read from there.
 */
export function commentAt(doc: Document, at: (string | number)[]): string | undefined {
  const node = doc.getIn(at, true);
  const own = isMap(node) || isSeq(node) ? node.commentBefore : undefined;
  if (own || at.at(-1) !== 0) return own ?? undefined;
  const list = doc.getIn(at.slice(0, -1), true);
  return isSeq(list) ? (list.commentBefore ?? undefined) : undefined;
}

/** Every draft in the folder, read. */
export function readDrafts(folders: ReviewFolders, base: KnowledgeBase | undefined): ReadDraft[] {
  return draftFiles(folders.draftsDir).map((file) => readDraft(file, base));
}

/** One line for an item: the thing, old -> new state, date; or the fact's statement. */
export function itemHeadline(item: ReviewItem): string {
  if (item.kind === "fact") return `fact about ${item.fact.about.join(", ")}: ${item.fact.statement}`;
  const to = item.type === "change" ? item.event.state : `${item.type} ${item.event.state}`;
  return `${item.entityName}: ${item.from ?? "(none)"} -> ${to}, ${formatDated(item.event.effective)}`;
}

/** Where the item comes from: the article and paragraph. */
export function itemSourceLine(item: ReviewItem): string {
  return `${item.source.publisher}, ${formatDated(item.source.published)}, ¶${item.paragraph}`;
}

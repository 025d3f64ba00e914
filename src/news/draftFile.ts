import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import { type Article, ArticleProblem, MAX_ARTICLE_BYTES, numberedText, readArticle } from "./article.ts";
import type { Draft, DraftChange } from "./draft.ts";

/** Where drafts go: BRIEFBOT_DRAFTS_DIR, else `drafts/` inside the knowledge folder (its YAML is not loaded from there). */
export function draftsDir(knowledgeDir: string, env: Record<string, string | undefined>): string {
  return env.BRIEFBOT_DRAFTS_DIR?.trim() || path.join(knowledgeDir, "drafts");
}

/** Where an article's numbered text is kept: `articles/` inside the knowledge folder. */
export function articlesDir(knowledgeDir: string): string {
  return path.join(knowledgeDir, "articles");
}

/** Fetches or reads the article a curator named: a URL (http or https) or a file. */
export async function fetchArticle(target: string, options: { timeoutMs?: number } = {}): Promise<Article> {
  if (/^https?:\/\//i.test(target)) {
    let response: Response;
    try {
      response = await fetch(target, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        headers: { accept: "text/html, text/plain;q=0.9" },
      });
    } catch (error) {
      const why =
        (error as Error).name === "TimeoutError" ? "did not answer in time" : "could not be reached";
      throw new ArticleProblem(
        `${target} ${why}; check the address, or save the article to a file and draft that`,
      );
    }
    if (!response.ok)
      throw new ArticleProblem(
        `${target} answered ${response.status}; check the address, or save the article to a file and draft that`,
      );
    const length = Number(response.headers.get("content-length") ?? "0");
    if (length > MAX_ARTICLE_BYTES)
      throw new ArticleProblem(
        `${target} is over the ${MAX_ARTICLE_BYTES / 1024 / 1024} MB limit for an article`,
      );
    const bytes = new Uint8Array(await response.arrayBuffer());
    return readArticle(bytes, { url: target, name: target });
  }
  if (!existsSync(target))
    throw new ArticleProblem(`${target} does not exist; give an article's file or URL`);
  return readArticle(readFileSync(target), { name: target });
}

/**
 * The draft as a YAML file in the base's own schema (sources, entities, timelines, facts), each item
 * with the article's sentence it rests on in a comment above it, so an approved item moves into the
 * base as it is.
 */
export function draftYaml(draft: Draft, origin: string): string {
  const { source } = draft;
  const doc = new Document({
    sources: [source],
    entities: draft.newThings.map((thing) => ({ id: thing.id, kind: thing.kind, name: thing.name })),
    timelines: byEntity(draft.changes).map(([entity, changes]) => ({ entity, events: changes.map(eventOf) })),
    facts: draft.facts.map(({ sentence: _sentence, ...fact }) => fact),
  });
  doc.commentBefore = [
    ` Draft from ${origin}: ${draft.changes.length} status ${draft.changes.length === 1 ? "change" : "changes"} and ${draft.facts.length} candidate ${draft.facts.length === 1 ? "fact" : "facts"}.`,
    " Nothing here is answered or announced until a curator approves it (brief review, or /brief review in",
    " chat). Edit any value by hand; delete an item to drop it. Each item's sentence is quoted above it.",
    " A fact's statement is the article's sentence: rewrite it in your own words before approving.",
  ].join("\n");
  const seq = (key: string) => doc.get(key) as YAMLSeq<YAMLMap> | undefined;
  const timelines = seq("timelines");
  byEntity(draft.changes).forEach(([, changes], i) => {
    const entry = timelines?.items[i];
    const first = changes[0];
    if (!entry || !first) return;
    const thing = first.newThing ? ` (a new ${first.newThing.kind}: "${first.newThing.name}")` : "";
    entry.commentBefore = ` ${first.entity}${thing}`;
    const events = entry.get("events") as YAMLSeq<YAMLMap> | undefined;
    changes.forEach((change, j) => {
      const node = events?.items[j];
      const was = change.previous
        ? `${change.previous} before this in the base`
        : "no earlier status in the base";
      if (node) node.commentBefore = ` ¶${change.paragraph} (${was}): "${oneLine(change.sentence)}"`;
    });
  });
  const facts = seq("facts");
  draft.facts.forEach((fact, i) => {
    const node = facts?.items[i];
    if (node) node.commentBefore = ` ¶${fact.paragraph}: "${oneLine(fact.sentence)}"`;
  });
  for (const key of ["entities", "timelines", "facts"]) {
    const value = doc.get(key);
    if (isSeq(value) && value.items.length === 0) doc.delete(key);
  }
  const sources = seq("sources")?.items[0];
  if (isMap(sources) && source.dateInferred)
    sources.commentBefore = " The date was worked out, not read: check `published` and `dateInferred`.";
  return doc.toString({ lineWidth: 110 });
}

/** The changes of each thing, in the order the article gives them: one timeline entry per thing. */
function byEntity(changes: readonly DraftChange[]): Array<[string, DraftChange[]]> {
  const out = new Map<string, DraftChange[]>();
  for (const change of changes) out.set(change.entity, [...(out.get(change.entity) ?? []), change]);
  return [...out];
}

function eventOf(change: DraftChange): Record<string, unknown> {
  return {
    ...(change.type !== "change" ? { type: change.type } : {}),
    state: change.state,
    effective: change.effective,
    ...(change.temporary ? { temporary: true } : {}),
    ...(change.reason ? { reason: change.reason } : {}),
    source: change.source,
    paragraph: change.paragraph,
    certainty: change.certainty,
    ...(change.qualifier ? { qualifier: change.qualifier } : {}),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").replace(/"/g, "'");
}

/** Writes the numbered article beside the base and the draft into the drafts folder; returns both paths. */
export function writeDraft(
  knowledgeDir: string,
  drafts: string,
  article: Article,
  draft: Draft,
  origin: string,
): { articleFile: string; draftFile: string } {
  const articles = articlesDir(knowledgeDir);
  mkdirSync(articles, { recursive: true });
  mkdirSync(drafts, { recursive: true });
  const articleFile = path.join(articles, `${draft.source.id}.txt`);
  const draftFile = path.join(drafts, `${draft.source.id}.yaml`);
  writeFileSync(articleFile, numberedText(article));
  writeFileSync(draftFile, draftYaml(draft, origin));
  return { articleFile, draftFile };
}

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { KnowledgeBase } from "./base.ts";
import { orderOf } from "./dates.ts";
import { fieldPath, type KnowledgeProblem, type ParsedFile } from "./load.ts";

/**
 * What `brief check` warns a curator of in a base that loads: things the bot will answer badly or not
 * at all, though nothing is invalid. Each warning carries its file, field and line like an error.
 *
 * - an alias shared by two entities: a question naming it cannot tell them apart;
 * - a `still` entry whose state is not the one before it: a change written as a report that it held;
 * - a kind without nouns: its things cannot be asked about by kind ("which … are closed");
 * - a fact about no tracked entity, nor the place, owner or whole of one: it bears on no status;
 * - an entity named nowhere in the articles' text, when `articles/*.txt` are beside the base.
 */
export function curatorWarnings(
  files: readonly ParsedFile[],
  base: KnowledgeBase,
  dir?: string,
): KnowledgeProblem[] {
  const warnings: KnowledgeProblem[] = [];
  const warn = (file: ParsedFile, parts: (string | number)[], message: string) =>
    warnings.push({ file: file.file, field: fieldPath(parts), line: file.lineOf(parts), message });

  // Aliases (and names) by their folded spelling, with the first entity that uses each.
  const spellings = new Map<string, { id: string; as: "name" | "alias" }>();
  for (const entity of base.entities.values())
    if (!spellings.has(fold(entity.name))) spellings.set(fold(entity.name), { id: entity.id, as: "name" });
  for (const file of files)
    file.content.entities.forEach((entity, i) => {
      entity.aliases.forEach((alias, j) => {
        const other = spellings.get(fold(alias));
        if (other && other.id !== entity.id)
          warn(
            file,
            ["entities", i, "aliases", j],
            `"${alias}" is also the ${other.as} of "${other.id}": a question naming it cannot tell them apart`,
          );
        else if (!other) spellings.set(fold(alias), { id: entity.id, as: "alias" });
      });
    });

  // What a status can be asked about through: the tracked things, and their places, owners and wholes.
  const bearing = new Set<string>();
  for (const id of base.timelines.keys()) {
    bearing.add(id);
    for (const place of base.placesOf(id)) bearing.add(place);
    const relations = base.relations.get(id);
    if (relations?.owner) bearing.add(relations.owner);
    if (relations?.partOf) bearing.add(relations.partOf);
  }

  for (const file of files) {
    file.content.kinds.forEach((kind, i) => {
      if (kind.nouns.length === 0)
        warn(
          file,
          ["kinds", i, "nouns"],
          `kind "${kind.id}" has no nouns: its things cannot be asked about by kind ("which … are closed"); list the words readers use`,
        );
    });
    file.content.timelines.forEach((timeline, i) => {
      // In the order the base reads them: by date, then as written.
      const ordered = timeline.events
        .map((event, j) => ({ event, j }))
        .sort((a, b) => orderOf(a.event.effective) - orderOf(b.event.effective) || a.j - b.j);
      let state: string | undefined;
      for (const { event, j } of ordered) {
        if (event.type === "expected") continue;
        // A marked rival account ("still open", per another source) is a disagreement, not a slip.
        if (event.type === "still" && state !== undefined && event.state !== state && !event.disagreement)
          warn(
            file,
            ["timelines", i, "events", j, "state"],
            `a "still" entry says the state held, but the entry before it has it ${state}, not ${event.state}; if it changed, write type: change (or, if the two sources disagree, give both the same \`disagreement: <name>\`)`,
          );
        state = event.state;
      }
    });
    file.content.facts.forEach((fact, i) => {
      if (!fact.about.some((id) => bearing.has(id)))
        warn(
          file,
          ["facts", i, "about"],
          `"${fact.id}" is about no tracked entity, nor the place, owner or whole of one; if it bears on one, add it to \`about\``,
        );
    });
  }

  const articles = dir ? articleText(dir) : undefined;
  if (articles !== undefined)
    for (const file of files)
      file.content.entities.forEach((entity, i) => {
        const spelled = [entity.name, ...entity.aliases, ...entity.demonyms];
        if (!spelled.some((name) => articles.includes(` ${fold(name)} `)))
          warn(
            file,
            ["entities", i, "name"],
            `"${entity.name}"${entity.aliases.length > 0 ? " (nor any alias)" : ""} appears in no article under articles/: check the spelling against the article`,
          );
      });
  return warnings;
}

/** The folded text of every `articles/*.txt` beside the base, with spaces at both ends; undefined without any. */
function articleText(dir: string): string | undefined {
  const folder = path.join(dir, "articles");
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".txt"));
  } catch {
    return undefined;
  }
  if (names.length === 0) return undefined;
  return ` ${names.map((name) => fold(readFileSync(path.join(folder, name), "utf8"))).join(" ")} `;
}

/** Lower case, without accents or punctuation, words single-spaced: "Kyïv's" and "kyiv s" meet. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

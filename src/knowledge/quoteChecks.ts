import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Article, ArticleProblem, readArticle } from "../news/article.ts";
import type { KnowledgeBase } from "./base.ts";
import { fold } from "./curatorChecks.ts";
import { fieldPath, type KnowledgeProblem, type ParsedFile } from "./load.ts";

/**
 * `brief check`, where the base has its articles' text: every quoted phrase of a fact's statement or
 * qualifier, or of a status change's reason or qualifier, must be in the paragraph it cites, word for
 * word; and a fact's paragraph should name at least one of the things the fact is about.
 *
 * An article's text is `articles/<source id>.txt` beside the base (as `brief draft` stores it), or
 * the `articles/…txt` file a source's notes name.
 */
export function quoteWarnings(
  files: readonly ParsedFile[],
  base: KnowledgeBase,
  dir: string,
): KnowledgeProblem[] {
  const warnings: KnowledgeProblem[] = [];
  const articles = new Map<string, Article | undefined>();
  const articleOf = (sourceId: string): Article | undefined => {
    if (articles.has(sourceId)) return articles.get(sourceId);
    const source = base.sources.get(sourceId);
    const named = source?.notes.map((note) => /articles\/([\w.-]+\.txt)/.exec(note)?.[1]).find(Boolean);
    const candidates = [path.join(dir, "articles", `${sourceId}.txt`)];
    if (named) candidates.push(path.join(dir, "articles", named));
    let article: Article | undefined;
    for (const file of candidates) {
      if (!existsSync(file)) continue;
      try {
        article = readArticle(readFileSync(file), { name: file });
      } catch (error) {
        if (!(error instanceof ArticleProblem)) throw error;
      }
      break;
    }
    articles.set(sourceId, article);
    return article;
  };
  const paragraphOf = (sourceId: string, n: number) => articleOf(sourceId)?.paragraphs.find((p) => p.n === n);

  for (const file of files) {
    const warn = (parts: (string | number)[], message: string) =>
      warnings.push({ file: file.file, field: fieldPath(parts), line: file.lineOf(parts), message });
    const checkQuotes = (
      parts: (string | number)[],
      text: string | undefined,
      sourceId: string,
      n: number,
    ) => {
      if (!text) return;
      const paragraph = paragraphOf(sourceId, n);
      if (!paragraph) return;
      const said = ` ${fold(paragraph.text)} `;
      for (const quote of quotesIn(text))
        if (!said.includes(` ${fold(quote)} `))
          warn(
            parts,
            `quotes "${quote}", which is not in paragraph ${n} of "${sourceId}": quote the article word for word, or drop the quotation marks`,
          );
    };
    file.content.facts.forEach((fact, i) => {
      checkQuotes(["facts", i, "statement"], fact.statement, fact.source, fact.paragraph);
      checkQuotes(["facts", i, "qualifier"], fact.qualifier, fact.source, fact.paragraph);
      const paragraph = paragraphOf(fact.source, fact.paragraph);
      if (!paragraph) return;
      // The paragraph, or the one before it when this one goes on about it ("He said …", "the port …").
      const said = ` ${fold(paragraph.text)} ${fold(paragraphOf(fact.source, fact.paragraph - 1)?.text ?? "")} `;
      const named = fact.about.some((id) => {
        const entity = base.entities.get(id);
        if (!entity) return true;
        const spellings = [
          entity.name,
          ...entity.aliases,
          ...entity.demonyms,
          ...(entity.corrections ?? []).map((c) => c.article),
        ];
        return spellings.some((s) => fold(s) !== "" && said.includes(` ${fold(s)} `));
      });
      if (!named)
        warn(
          ["facts", i, "paragraph"],
          `"${fact.id}" cites paragraph ${fact.paragraph} of "${fact.source}", which names none of ${fact.about.join(", ")}: check the paragraph number`,
        );
    });
    file.content.timelines.forEach((timeline, i) => {
      timeline.events.forEach((event, j) => {
        checkQuotes(["timelines", i, "events", j, "reason"], event.reason, event.source, event.paragraph);
        checkQuotes(
          ["timelines", i, "events", j, "qualifier"],
          event.qualifier,
          event.source,
          event.paragraph,
        );
      });
    });
  }
  return warnings;
}

/** The phrases between quotation marks, straight or curly, of three words or more or one long word. */
export function quotesIn(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/[“"]([^”"]+)[”"]/g)) {
    const quote = (match[1] as string).trim();
    if (quote.length >= 4) out.push(quote);
  }
  return out;
}

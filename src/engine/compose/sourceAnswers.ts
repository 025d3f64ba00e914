import { formatDated } from "../../knowledge/dates.ts";
import type { Entity } from "../../knowledge/schema.ts";
import { SOURCE_WORDS } from "../language/words.ts";
import type { SourceLink } from "../lookup/index.ts";
import { stem } from "../normalise/text.ts";

/** Words that ask about an article itself: who wrote it, when it came out, what it covered. */
export const SOURCE_STEMS: ReadonlySet<string> = new Set([...SOURCE_WORDS].map((w) => stem(w)));

/** The article's title, or what it covers when it has no title of its own. */
function titleOf(link: SourceLink): string {
  const { source } = link;
  return source.descriptiveHeadline
    ? `which has no headline of its own and covers this: ${source.headline.replace(/\.$/, "")}`
    : `headlined "${source.headline}"`;
}

/** "The Washington Times article", "the Kyiv Post article". */
function articleOf(publisher: string): string {
  return `${publisher.startsWith("The ") ? "" : "the "}${publisher} article`;
}

/** One sentence on how an entity stands to one of the articles the answers come from. */
export function sourceSentence(entity: Entity, link: SourceLink): string {
  const { source } = link;
  const date = formatDated(source.published);
  const by = source.author ? ` by ${source.author}` : "";
  switch (link.role) {
    case "author":
      return `${entity.name} wrote ${articleOf(source.publisher)} of ${date} that my sources include, ${titleOf(link)}.`;
    case "relayed":
      return `My sources include ${source.relays}'s report as relayed by ${source.publisher}${by}, published ${date}, ${titleOf(link)}.`;
    default:
      return `My sources include ${articleOf(source.publisher)}${by}, published ${date}, ${titleOf(link)}.`;
  }
}

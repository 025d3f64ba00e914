import { Readability } from "@mozilla/readability";
import * as chrono from "chrono-node";
import { parseHTML } from "linkedom";
import { firstInvalidUtf8 } from "../knowledge/load.ts";

/** A body paragraph, numbered the way facts cite it (body paragraphs only, from 1). */
export interface Paragraph {
  n: number;
  text: string;
}

/** A date as precise as the article gives it. */
export interface ArticleDate {
  date: string;
  precision: "day" | "month" | "year";
}

/** An article read from a file or page: its body paragraphs and what its header says of it. */
export interface Article {
  paragraphs: Paragraph[];
  publisher?: string;
  headline?: string;
  author?: string;
  published?: ArticleDate;
  /** Set when the date was not in the header or metadata but worked out from the body. */
  dateInferred?: string;
  url?: string;
}

/** Why an input is not drafted, in one line that says what to do. */
export class ArticleProblem extends Error {}

/** The largest article read: a news article is tens of kilobytes; a bigger file is something else. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;
/** Fewer body words than this is a paywall stub, an index page or an error page, not an article. */
const MIN_BODY_WORDS = 40;

/** Reads an article from its bytes: HTML through Readability, anything else as plain text. */
export function readArticle(bytes: Uint8Array, origin: { url?: string; name: string }): Article {
  if (bytes.length > MAX_ARTICLE_BYTES)
    throw new ArticleProblem(
      `${origin.name} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the ${MAX_ARTICLE_BYTES / 1024 / 1024} MB limit for an article; give the article's own page or text`,
    );
  const bad = firstInvalidUtf8(bytes);
  if (bad < bytes.length)
    throw new ArticleProblem(
      `${origin.name} is not UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16)} at offset ${bad}); save it as UTF-8 and draft it again`,
    );
  const text = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  const article = looksLikeHtml(text) ? fromHtml(text, origin) : fromText(text);
  if (origin.url) article.url = origin.url;
  const words = article.paragraphs.reduce((sum, p) => sum + p.text.split(/\s+/).length, 0);
  if (article.paragraphs.length === 0 || words < MIN_BODY_WORDS)
    throw new ArticleProblem(
      `${origin.name} has no article text (${words} words of body: a paywall, an index page or an error page?); give the article's own page or save its text to a file`,
    );
  return article;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

/** Readability's article, its paragraphs from <p> elements, and the header from the page's metadata. */
function fromHtml(html: string, origin: { url?: string }): Article {
  const { document } = parseHTML(html);
  const meta = (name: string): string | undefined => {
    const el =
      document.querySelector(`meta[property="${name}"]`) ?? document.querySelector(`meta[name="${name}"]`);
    const value = el?.getAttribute("content")?.trim();
    return value || undefined;
  };
  const timeEl = document.querySelector("time[datetime]")?.getAttribute("datetime") ?? undefined;
  const publishedRaw = meta("article:published_time") ?? meta("date") ?? meta("pubdate") ?? timeEl;
  // Readability changes the document it reads: metadata is read first.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const paragraphs: Paragraph[] = [];
  if (parsed?.content) {
    const { document: body } = parseHTML(`<html><body>${parsed.content}</body></html>`);
    for (const p of body.querySelectorAll("p")) {
      const text = (p.textContent ?? "").replace(/\s+/g, " ").trim();
      if (text.split(" ").length >= 6) paragraphs.push({ n: paragraphs.length + 1, text });
    }
  }
  const article: Article = { paragraphs };
  const publisher = meta("og:site_name") ?? parsed?.siteName ?? hostOf(origin.url);
  if (publisher) article.publisher = publisher;
  const headline = meta("og:title") ?? parsed?.title ?? undefined;
  if (headline) article.headline = headline;
  const author = meta("author") ?? parsed?.byline?.replace(/^by\s+/i, "") ?? undefined;
  if (author) article.author = author;
  const published = publishedRaw ? isoDay(publishedRaw) : undefined;
  if (published) article.published = published;
  else inferDate(article);
  return article;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

function isoDay(value: string): ArticleDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (match) return { date: `${match[1]}-${match[2]}-${match[3]}`, precision: "day" };
  return dateIn(value);
}

/**
 * Plain text. Where paragraphs carry their numbers ("[3] …"), those are the body; otherwise the body
 * starts at the first block that reads as prose (a long block ending a sentence), and the short
 * blocks before it are the header: publisher, headline, byline, dateline.
 */
function fromText(text: string): Article {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const numbered = blocks.filter((b) => /^\[\d+\]\s/.test(b));
  let header: string[];
  let paragraphs: Paragraph[];
  if (numbered.length >= 2) {
    const first = blocks.indexOf(numbered[0] as string);
    header = blocks.slice(0, first);
    paragraphs = numbered.map((b) => ({
      n: Number(/^\[(\d+)\]/.exec(b)?.[1]),
      text: b.replace(/^\[\d+\]\s*/, "").replace(/\s*\n\s*/g, " "),
    }));
  } else {
    const start = blocks.findIndex(isProse);
    header = start < 0 ? [] : blocks.slice(0, start);
    paragraphs = (start < 0 ? [] : blocks.slice(start)).map((b, i) => ({
      n: i + 1,
      text: b.replace(/\s*\n\s*/g, " "),
    }));
  }
  const article: Article = { paragraphs };
  readHeader(header, article);
  if (!article.published) inferDate(article);
  return article;
}

function isProse(block: string): boolean {
  return block.split(/\s+/).length >= 20 && /[.!?"”’)]$/.test(block);
}

/** Byline, dateline, publisher and headline from the header lines, in the order they usually come. */
function readHeader(blocks: readonly string[], article: Article): void {
  // A long block before the body is a note about the article, not its header.
  const lines = blocks
    .filter((b) => b.split(/\s+/).length <= 30)
    .flatMap((b) => b.split("\n"))
    .map((l) => l.trim());
  const rest: string[] = [];
  // The date may be given in a note about the article ("dated 29 November 2017 from the text").
  const dated = blocks
    .filter((b) => b.split(/\s+/).length > 30)
    .map((b) => dateIn(b.replace(/\S*:\/\/\S*/g, "")))
    .find(Boolean);
  for (const line of lines) {
    if (!line || /^(?:https?:\/\/|url:)/i.test(line)) continue;
    const byline = /^by\s+(.+)$/i.exec(line);
    if (byline?.[1] && byline[1].split(/\s+/).length <= 8) {
      article.author ??= byline[1].trim();
      continue;
    }
    const date = dateIn(line.replace(/\S*:\/\/\S*/g, ""));
    if (date && !article.published) {
      article.published = date;
      // "- The Washington Times - Wednesday, November 20, 2024": the publisher is on the date's line.
      const named = line
        .replace(/^[-–—|]\s*/, "")
        .split(/\s+[-–—|]\s+/)
        .map((part) => part.trim())
        .filter((part) => part && !dateIn(part) && part.split(/\s+/).length <= 6 && !/,/.test(part));
      if (named[0] && named.length < line.split(/\s+[-–—|]\s+/).length) article.publisher ??= named[0];
      continue;
    }
    if (line.split(/\s+/).length <= 30 && !/[.:]$/.test(line) && !/^\(/.test(line)) rest.push(line);
  }
  if (!article.published && dated) article.published = dated;
  // One line: a headline alone; two or more: the publisher's name first, then the headline.
  if (rest.length === 1) article.headline = rest[0];
  else if (rest.length >= 2) {
    const [first, second] = rest as [string, string];
    if (first.split(/\s+/).length <= 5 && second.split(/\s+/).length > first.split(/\s+/).length) {
      article.publisher = first;
      article.headline = second;
    } else {
      article.headline = first;
    }
  }
}

/** A full date in a line ("Tuesday 11 February 2025", "November 20, 2024"): only one with its year. */
function dateIn(line: string): ArticleDate | undefined {
  for (const result of chrono.en.GB.parse(line)) {
    if (!result.start.isCertain("year") || !/\b(?:1[89]|20)\d\d\b/.test(result.text)) continue;
    const y = result.start.get("year");
    const m = result.start.get("month");
    const d = result.start.get("day");
    if (y === null || m === null) continue;
    if (result.start.isCertain("day") && d !== null)
      return { date: `${y}-${pad(m)}-${pad(d)}`, precision: "day" };
    if (result.start.isCertain("month")) return { date: `${y}-${pad(m)}`, precision: "month" };
    return { date: String(y), precision: "year" };
  }
  return undefined;
}

/** No date in the header: the latest full date the body gives, as a month, marked as inferred. */
function inferDate(article: Article): void {
  let latest: ArticleDate | undefined;
  for (const p of article.paragraphs) {
    const found = dateIn(p.text);
    if (found && (!latest || found.date > latest.date)) latest = found;
  }
  if (latest) {
    article.published = { date: latest.date.slice(0, 7), precision: "month" };
    article.dateInferred = `The article carries no date; the latest date its body gives is ${latest.date}, so it dates from that month at the earliest. Check it.`;
  }
}

export function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The article as stored beside the base: each body paragraph after its number, "[3] …". */
export function numberedText(article: Article): string {
  const head = [article.publisher, article.headline, article.author ? `By ${article.author}` : undefined]
    .filter(Boolean)
    .join("\n");
  const body = article.paragraphs.map((p) => `[${p.n}] ${p.text}`).join("\n\n");
  return `${head ? `${head}\n\n` : ""}${body}\n`;
}

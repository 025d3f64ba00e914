import { extractFromXml } from "@extractus/feed-extractor";
import { firstInvalidUtf8 } from "../knowledge/load.ts";
import { addressLabel, FetchProblem } from "./fetchLimited.ts";

/** One item of a feed: the key it is remembered by, and the article page it links to. */
export interface FeedItem {
  /** The item's id (RSS guid, Atom id), else its link: what "seen" is remembered by. */
  key: string;
  link: string;
  title?: string;
  /** ISO date, when the feed gives one. */
  published?: string;
}

export interface ReadFeed {
  title?: string;
  items: FeedItem[];
}

/**
 * Reads an RSS or Atom document (fetched from `feedUrl`) with @extractus/feed-extractor. The text is UTF-8, or the encoding
 * its XML declaration names; an HTML page, a document in no known encoding and anything that is not
 * a feed are `FetchProblem`s that say which, naming the feed an HTML page links to when it does.
 */
export function readFeed(bytes: Uint8Array, label: string, feedUrl?: string): ReadFeed {
  const text = decode(bytes, label);
  if (/^\s*(?:<!doctype html|<html[\s>])/i.test(text)) {
    const linked = linkedFeed(text);
    throw new FetchProblem(
      `${label} is an HTML page, not an RSS or Atom feed; ${linked ? `the page names its feed at ${linked}: ` : ""}set the feed's own address in BRIEFBOT_FEEDS`,
    );
  }
  let data: ReturnType<typeof extractFromXml>;
  try {
    // The library makes up an id for an item without one (a short hash of its link and date, which
    // changes when the date is edited): the item's own guid or id is read here, else its link is the key.
    data = extractFromXml(text, {
      descriptionMaxLen: 0,
      // A relative link ("/2024/11/21/story") is read against the feed's own address.
      ...(feedUrl ? { baseUrl: feedUrl } : {}),
      getExtraEntryFields: (entry) => ({ ownId: textOf(entry.guid ?? entry.id) }),
    });
  } catch (error) {
    throw new FetchProblem(
      `${label} is not an RSS or Atom feed (${(error as Error).message.replace(/\s+/g, " ").slice(0, 80)})`,
    );
  }
  const items: FeedItem[] = [];
  for (const entry of data.entries ?? []) {
    const link = typeof entry.link === "string" ? entry.link.trim() : "";
    if (!/^https?:\/\//i.test(link)) continue;
    const key = (typeof entry.ownId === "string" && entry.ownId) || link;
    items.push({
      key: key.slice(0, 500),
      link,
      ...(entry.title ? { title: entry.title } : {}),
      ...(entry.published ? { published: entry.published } : {}),
    });
  }
  return { ...(data.title ? { title: data.title } : {}), items };
}

/** A guid or id element's text: a plain value, or the text beside its attributes. */
function textOf(value: unknown): string | undefined {
  const text =
    typeof value === "string" || typeof value === "number"
      ? String(value)
      : value && typeof value === "object" && "#text" in value
        ? String((value as Record<string, unknown>)["#text"])
        : undefined;
  return text?.trim() || undefined;
}

function decode(bytes: Uint8Array, label: string): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = /^(?:\uFEFF|ï»¿)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared, { fatal: true }).decode(bytes);
    } catch {
      throw new FetchProblem(
        `${label} is in ${declared}, an encoding that cannot be read; serve it as UTF-8`,
      );
    }
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad < bytes.length)
    throw new FetchProblem(
      `${label} is not UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16)} at offset ${bad}) and names no other encoding`,
    );
  return new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
}

/** The RSS or Atom feed an HTML page announces in its head, if any. */
function linkedFeed(html: string): string | undefined {
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/type\s*=\s*["']application\/(?:rss|atom)\+xml["']/i.test(tag)) continue;
    const href = /href\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href && /^https?:\/\//i.test(href)) return addressLabel(href);
  }
  return undefined;
}

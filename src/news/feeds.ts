import { existsSync } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { KnowledgeBase } from "../knowledge/base.ts";
import { formatCalendarDate } from "../messages/format.ts";
import { echo } from "../text/clean.ts";
import { ArticleProblem, MAX_ARTICLE_BYTES, readArticle } from "./article.ts";
import { BaseReader, type Draft, draftArticle } from "./draft.ts";
import { writeDraft } from "./draftFile.ts";
import type { FeedLog } from "./feedLog.ts";
import { type FeedItem, readFeed } from "./feedRead.ts";
import { addressLabel, FetchProblem, fetchLimited } from "./fetchLimited.ts";

/** What the poller needs: the feeds, the store, the base to draft against, and where to say what it drafted. */
export interface FeedPollerOptions {
  feeds: readonly string[];
  intervalMs: number;
  store: FeedLog;
  /** The running base: drafts name its things and compare with its statuses. */
  base: () => KnowledgeBase;
  knowledgeDir: string;
  draftsDir: string;
  /** Posts the lines saying what a poll drafted, e.g. to the curators' channel. */
  announce: (lines: string[]) => Promise<void>;
  logger: Logger;
  clock?: () => Date;
  /** Per fetch, of a feed or an article page (default 15 s). */
  timeoutMs?: number;
}

/** How one feed's poll went. */
export interface FeedPollResult {
  url: string;
  /** The feed's one-line problem, or an item's, or null. */
  problem: string | null;
  /** One line per article drafted. */
  drafted: string[];
}

/** A feed is at most this big: a long feed with full texts is a few megabytes. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
/** Items drafted per feed per poll, so a feed's first poll or a burst does not hold the bot for long. */
export const MAX_DRAFTS_PER_POLL = 10;
/** Tries to draft an item whose page failed (a timeout, an error page) before it is left alone. */
export const MAX_ITEM_ATTEMPTS = 3;
/** A claim this old belonged to an instance that stopped mid-draft; another may take the item. */
export const STALE_CLAIM_MS = 10 * 60_000;
const DEFAULT_TIMEOUT_MS = 15_000;
const FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9";

/**
 * Polls RSS and Atom feeds: each new item's page is fetched, drafted into the drafts folder with
 * `brief draft`'s code, and announced in one line. Every instance sharing a store may run one: a
 * feed's poll and each item are claimed in the store, so each item is drafted once across restarts
 * and instances. A feed's failure is recorded and logged as one line and never stops another's.
 */
export class FeedPoller {
  readonly #options: FeedPollerOptions;
  readonly #clock: () => Date;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = false;
  /** Aborts the fetches under way when the bot stops, so stopping never waits out a slow site. */
  readonly #stopping = new AbortController();
  /** The drafter's reading of the base, kept until the base is replaced (a reload). */
  #reader: { base: KnowledgeBase; reader: BaseReader } | undefined;

  constructor(options: FeedPollerOptions) {
    this.#options = options;
    this.#clock = options.clock ?? (() => new Date());
  }

  /** Polls what is due now, then looks again several times per interval (the store decides who polls). */
  start(): void {
    if (this.#options.feeds.length === 0) return;
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.#running.then(() => this.pollDue()).catch(() => {});
    };
    tick();
    this.#timer = setInterval(tick, Math.min(60_000, Math.max(1_000, this.#options.intervalMs / 4)));
    this.#timer.unref();
  }

  /** Resolves when the polls started so far (by `start` and its timer) have finished. */
  async idle(): Promise<void> {
    await this.#running;
  }

  /** Stops polling and waits for a poll under way to finish its item. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopping.abort();
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }

  /** Polls each feed whose time has come and that no other instance has claimed; logged, never thrown. */
  async pollDue(): Promise<FeedPollResult[]> {
    const results: FeedPollResult[] = [];
    for (const url of this.#options.feeds) {
      if (this.#stopped) break;
      let due: boolean;
      try {
        due = await this.#options.store.claimFeedPoll(url, this.#clock().getTime(), this.#options.intervalMs);
      } catch (error) {
        this.#logFailure(url, error, "could not claim its poll in the store");
        continue;
      }
      if (due) results.push(await this.pollFeed(url));
    }
    return results;
  }

  /**
   * Polls one feed now, whatever its schedule: new items are drafted (each claimed first, so two
   * instances polling at once draft it once) and announced. Never throws.
   */
  async pollFeed(url: string): Promise<FeedPollResult> {
    const label = addressLabel(url);
    const started = this.#clock();
    const result: FeedPollResult = { url, problem: null, drafted: [] };
    try {
      const fetched = await this.#fetch(url, FEED_TYPES);
      const feed = readFeed(fetched.bytes, label, url);
      const problems: string[] = [];
      const reader = this.#readerOf(this.#options.base());
      let tried = 0;
      for (const item of feed.items) {
        if (this.#stopped || tried >= MAX_DRAFTS_PER_POLL) break;
        const claimed = await this.#options.store.claimFeedItem(url, item.key, this.#clock().getTime(), {
          maxAttempts: MAX_ITEM_ATTEMPTS,
          staleMs: STALE_CLAIM_MS,
        });
        if (!claimed) continue;
        tried++;
        const outcome = await this.#draftItem(item, reader);
        // Cut short by the bot stopping: the claim lapses and the item is taken again, no try used.
        if (this.#stopped && !("draftId" in outcome)) break;
        await this.#options.store.finishFeedItem(
          url,
          item.key,
          "draftId" in outcome
            ? { kind: "drafted", draftId: outcome.draftId }
            : { kind: "failed", reason: outcome.problem },
          this.#clock(),
        );
        if ("draftId" in outcome) result.drafted.push(outcome.line);
        else {
          problems.push(outcome.problem);
          this.#options.logger.warn({ feed: label }, `feed ${label}: item not drafted: ${outcome.problem}`);
        }
      }
      result.problem = problems.length === 0 ? null : itemProblems(problems);
      // A poll cut short by the bot stopping says nothing of the feed: the next one records it.
      if (!this.#stopped)
        await this.#options.store.recordFeedPoll(url, started, { read: true, error: result.problem });
    } catch (error) {
      if (this.#stopped) return result;
      result.problem = this.#logFailure(url, error, "poll failed");
      await this.#options.store
        .recordFeedPoll(url, started, { read: false, error: result.problem })
        .catch((storeError: unknown) => this.#logFailure(url, storeError, "could not record its poll"));
    }
    if (result.drafted.length > 0) {
      try {
        await this.#options.announce(result.drafted);
      } catch (error) {
        this.#logFailure(url, error, "drafts made but not announced");
      }
    }
    return result;
  }

  #readerOf(base: KnowledgeBase): BaseReader {
    if (this.#reader?.base !== base) this.#reader = { base, reader: new BaseReader(base) };
    return this.#reader.reader;
  }

  /** Fetches, reads and drafts one item's page; a page that is not an article is a one-line problem. */
  async #draftItem(
    item: FeedItem,
    reader: BaseReader,
  ): Promise<{ draftId: string; line: string } | { problem: string }> {
    const label = addressLabel(item.link);
    try {
      const page = await this.#fetch(item.link, "text/html, text/plain;q=0.9", MAX_ARTICLE_BYTES);
      const article = readArticle(page.bytes, { url: item.link, name: label });
      const draft = this.#draftOnce(article, reader);
      const { knowledgeDir, draftsDir } = this.#options;
      writeDraft(knowledgeDir, draftsDir, article, draft, item.link);
      return { draftId: draft.source.id, line: announcementLine(draft) };
    } catch (error) {
      if (error instanceof FetchProblem || error instanceof ArticleProblem) return { problem: error.message };
      // A fault of the drafter's: the item counts as failed, so it is not retried past its tries.
      this.#options.logger.debug({ err: error, item: label }, "drafting failed");
      return { problem: `${label}: drafting failed (${error instanceof Error ? error.name : typeof error})` };
    }
  }

  /** The draft, under a source id no other draft in the folder has (two articles of a day may share a headline). */
  #draftOnce(article: Parameters<typeof draftArticle>[0], reader: BaseReader): Draft {
    const draft = draftArticle(article, reader);
    const taken = (id: string) => existsSync(path.join(this.#options.draftsDir, `${id}.yaml`));
    if (!taken(draft.source.id)) return draft;
    let n = 2;
    while (taken(`${draft.source.id}-${n}`)) n++;
    return draftArticle(article, reader, { sourceId: `${draft.source.id}-${n}` });
  }

  #fetch(url: string, accept: string, maxBytes = MAX_FEED_BYTES) {
    return fetchLimited(url, addressLabel(url), {
      timeoutMs: this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes,
      accept,
      stop: this.#stopping.signal,
    });
  }

  /** Logs one line for a feed's failure and returns it; a failure that is not the feed's own is named by type only. */
  #logFailure(url: string, error: unknown, what: string): string {
    const label = addressLabel(url);
    const line =
      error instanceof FetchProblem || error instanceof ArticleProblem
        ? error.message
        : `${label}: ${what} (${error instanceof Error ? error.name : typeof error}${codeOf(error)})`;
    this.#options.logger.debug({ err: error, feed: label }, "feed failure");
    // The line names the feed already.
    this.#options.logger.warn({ feed: label }, `feed: ${line}`);
    return line;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? ` ${code}` : "";
}

/** "2 candidate changes and 1 candidate fact from The Washington Times, 20 Nov 2024: review <draft id>". */
export function announcementLine(draft: Draft): string {
  const changes = draft.changes.length;
  const facts = draft.facts.length;
  const counted = `${changes} candidate ${changes === 1 ? "change" : "changes"}${facts > 0 ? ` and ${facts} candidate ${facts === 1 ? "fact" : "facts"}` : ""}`;
  const { publisher, published } = draft.source;
  return `${counted} from ${echo(publisher, 60)}, ${formatCalendarDate(published.date, published.precision)}: review ${draft.source.id}`;
}

/** The poll's item problems in one line: the first, and how many more. */
function itemProblems(problems: string[]): string {
  const [first] = problems;
  return problems.length === 1
    ? `item not drafted: ${first}`
    : `${problems.length} items not drafted; the first: ${first}`;
}

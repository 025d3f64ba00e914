import type { Answer, SourceRef } from "../engine/answer.ts";
import type { SubscriptionView } from "../subscriptions/types.ts";
import type { ChannelRef } from "./request.ts";

/** Stable codes for command outcomes other than answers, so adapters never parse text. */
export type ReplyCode =
  | "usage"
  | "unknown-command"
  | "forbidden"
  | "not-admin"
  | "subscribed"
  | "already-subscribed"
  | "unsubscribed"
  | "not-subscribed"
  | "updated"
  | "confirm"
  | "rate-limited"
  | "unchanged"
  | "unknown-entity"
  | "ambiguous"
  | "unavailable"
  | "not-curator"
  | "approved"
  | "rejected"
  | "edited"
  | "invalid"
  | "unknown-item";

/** One pending review item as the platforms show it: what, where from, and the article's words. */
export interface ReviewItemView {
  id: string;
  kind: "change" | "fact";
  /** "Port of Alby: closed -> open, 19 Jan 2026", or the fact's statement. */
  headline: string;
  /** "Coast News, 20 Jan 2026, ¶1". */
  source: string;
  sentence?: string;
  /** State, date and reason can be edited in chat (status changes). */
  editable: boolean;
}

export interface CommandSummary {
  id: string;
  usage: string;
  description: string;
  examples: string[];
  adminOnly: boolean;
  curatorOnly?: boolean;
}

/**
 * What the core gives back for a request. Every variant carries `text`, a complete plain
 * rendering, so an adapter can fall back to it; `visibility` says whether the platform
 * should show it only to the asker (errors, usage, management) where it can.
 */
export type Reply =
  | {
      kind: "answer";
      answer: Answer;
      text: string;
      visibility: "public";
      /** Set when people may say what they thought of it: the stored answer's id, for the buttons. */
      feedbackId?: string;
    }
  | { kind: "help"; commands: CommandSummary[]; text: string; visibility: "private" }
  | { kind: "sources"; sources: SourceRef[]; text: string; visibility: "public" }
  /** A curator's list (`gaps`, `feedback`): a heading, then one entry per line; `text` is both. */
  | { kind: "report"; title: string; lines: string[]; text: string; visibility: "private" }
  | {
      kind: "subscriptions";
      channel: ChannelRef;
      subscriptions: SubscriptionView[];
      text: string;
      visibility: "private";
    }
  /** Pending review items, with drafts that could not be read as `problems` (file:line field: message). */
  | { kind: "review"; items: ReviewItemView[]; problems: string[]; text: string; visibility: "private" }
  | { kind: "result"; ok: boolean; code: ReplyCode; text: string; visibility: "public" | "private" };

import type { CompletionQuery } from "./commands/complete.ts";
import type { Reply } from "./commands/reply.ts";
import type { ChatRequest, UserRef } from "./commands/request.ts";
import type { Vote, VoteOutcome } from "./curator/types.ts";
import type { Poster } from "./delivery/poster.ts";

/** What an adapter may ask of the core: one call, a request in and a reply out. */
export interface BotCore {
  handle(request: ChatRequest): Promise<Reply>;
  /** Suggestions for an argument being typed (the base's entities), for platforms that ask. */
  complete?(query: CompletionQuery): string[];
  /**
   * Records an inbound platform event id and says whether any instance sharing the store has already
   * handled it (Slack retries an event, possibly to another instance's connection).
   */
  seenEvent?(id: string): Promise<boolean>;
  /**
   * A helpful or wrong vote on an answer shown with feedback buttons (`Reply.feedbackId`): one per
   * person per answer, the latest standing. Resolves with the outcome and what to tell the voter.
   */
  feedback?(vote: {
    answerId: string;
    user: UserRef;
    vote: Vote;
    now: Date;
  }): Promise<{ outcome: VoteOutcome; text: string }>;
  /** The optional reason for a "wrong" vote. Resolves with what to tell the voter. */
  feedbackReason?(reason: { answerId: string; user: UserRef; text: string; now: Date }): Promise<string>;
  /**
   * An edit of a pending review item from a platform's form (curators only): blank fields stay as
   * they are. Approve and reject are plain requests (`review approve <id>`), so they need nothing here.
   */
  reviewEdit?(edit: {
    itemId: string;
    user: UserRef;
    state?: string;
    date?: string;
    reason?: string;
  }): Promise<Reply>;
}

/**
 * A chat platform connection. Kept to start, stop and a poster so that adding a platform
 * never widens the core.
 */
export interface Adapter {
  readonly platform: ChatRequest["channel"]["platform"];
  start(bot: BotCore): Promise<void>;
  stop(): Promise<void>;
  /** Sends status-change notices to this platform's subscribed channels. */
  readonly poster?: Poster;
  /** Connected and able to take requests, for readiness; an adapter without it is ready once started. */
  ready?(): boolean;
}

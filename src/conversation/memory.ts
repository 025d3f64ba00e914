import type { Answer } from "../engine/answer.ts";

/** What a conversation was last about: the entities of its last answer. */
export interface Subject {
  entityIds: string[];
}

/** How long a conversation remembers its subject: long enough for a follow-up, short enough not to mislead. */
export const SUBJECT_TTL_MS = 10 * 60_000;
/** Past this many conversations the oldest are forgotten first, so memory stays bounded. */
const MAX_CONVERSATIONS = 10_000;

/**
 * The subject of each conversation (a thread, a DM, a user in a channel, a terminal session), kept
 * in memory only: after a restart every conversation starts afresh rather than guess from an old one.
 * Time comes from the caller, so an entry expires by the requests' clock.
 */
export class ConversationMemory {
  private readonly entries = new Map<string, { subject: Subject; at: number }>();

  constructor(
    private readonly ttlMs = SUBJECT_TTL_MS,
    private readonly maxEntries = MAX_CONVERSATIONS,
  ) {}

  /** The subject remembered for a conversation, if it was set within the TTL. */
  subject(conversationId: string, now: Date): Subject | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry) return undefined;
    if (now.getTime() - entry.at > this.ttlMs || now.getTime() < entry.at - this.ttlMs) {
      this.entries.delete(conversationId);
      return undefined;
    }
    return entry.subject;
  }

  remember(conversationId: string, subject: Subject, now: Date): void {
    this.entries.delete(conversationId);
    this.entries.set(conversationId, { subject, at: now.getTime() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** What an answer was about, for the next question in its conversation; none when it answered nothing. */
export function subjectOf(answer: Answer): Subject | undefined {
  if (!answer.answered) return undefined;
  const ids =
    answer.statuses.length > 0 ? answer.statuses.map((s) => s.entity.id) : answer.entities.map((e) => e.id);
  return ids.length > 0 ? { entityIds: [...new Set(ids)] } : undefined;
}

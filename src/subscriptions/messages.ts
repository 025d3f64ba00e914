import type { EntityRef, SourceRef } from "../engine/answer.ts";
import type { State } from "../knowledge/schema.ts";
import { formatTimestamp } from "../messages/format.ts";
import { echo } from "../text/clean.ts";
import type { SubscriptionView } from "./types.ts";

/** Every user-facing string of subscriptions and status updates, so wording is changed in one place. */
export const messages = {
  allTopicName: "every tracked status",
  usage: (usage: string) => `Usage: ${usage}`,
  forbidden: "Only people who can manage this channel can change its subscriptions.",
  notAdmin: "Only briefbot admins can record status updates.",
  subscribed: (name: string) => `This channel now follows ${name}. Changes will be posted here.`,
  resumed: (name: string) => `This channel follows ${name} again; posting had been suspended.`,
  alreadySubscribed: (name: string) => `This channel already follows ${name}.`,
  unsubscribed: (names: string[]) => `This channel no longer follows ${list(names)}.`,
  notSubscribed: (name: string) => `This channel does not follow ${name}.`,
  notSubscribedAtAll: "This channel follows nothing.",
  notTracked: (text: string, candidates: EntityRef[]) =>
    candidates.length > 0
      ? `I don't track "${echo(text)}". Closest: ${list(
          candidates.map((entity) => entity.name),
          "or",
        )}. Nothing changed.`
      : `I don't track "${echo(text)}". Nothing changed; "status" lists what I track.`,
  didYouMean: (text: string, entity: EntityRef, retry: string) =>
    `I don't track "${echo(text)}". Did you mean ${entity.name}? To confirm, send: ${retry}. Nothing changed.`,
  nameTooLong: (max: number, usage: string) =>
    `That name is longer than ${max} characters, so it names nothing I track. Usage: ${usage}`,
  ambiguous: (text: string, candidates: EntityRef[]) =>
    `"${echo(text)}" could be ${list(
      candidates.map((entity) => entity.name),
      "or",
    )}. Did you mean one of them? Nothing changed.`,
  tooLong: (what: string, max: number, usage: string) =>
    `The ${what} is longer than ${max} characters; please shorten it. Nothing changed. Usage: ${usage}`,
  confirmUpdate: (name: string, state: State, channels: number, minutes: number) =>
    `This will post a notice to ${channels} ${channels === 1 ? "channel" : "channels"}: ${name} is now ${state}. Send "confirm" within ${minutes} minutes to record it; nothing is recorded until then.`,
  notAState: (name: string, state: string, states: readonly string[]) =>
    `"${echo(state)}" is not a state of ${name}; use one of ${states.join(", ")}. Nothing changed.`,
  nothingToConfirm: 'There is no update waiting for "confirm" from you here. Nothing changed.',
  unchanged: (name: string, state: State) => `${name} is already ${state}; nothing recorded.`,
  updated: (name: string, state: State, notices: number, deliveries: number) =>
    notices === 0
      ? `Recorded: ${name} is now ${state}.`
      : `Recorded: ${name} is now ${state}. Notice queued for ${deliveries} ${deliveries === 1 ? "channel" : "channels"}.`,
  subscriptionList,
  sourceName: (source: SourceRef) =>
    source.reportedBy
      ? `reported in chat by ${source.reportedBy}`
      : source.approvedBy
        ? `${source.publisher} (approved by ${source.approvedBy})`
        : source.publisher,
  noticeText,
};

/** What a notice says, given its parts already formatted. */
interface NoticeWording {
  name: string;
  from: State | null;
  to: State;
  temporary: boolean;
  effective: string;
  reason?: string;
  source: string;
  url?: string;
  /** Each source's account, where sources disagree on the state: "Canal Gazette has it closed". */
  disputed?: string[];
}

function noticeText(notice: NoticeWording): string {
  const state = notice.temporary ? `temporarily ${notice.to}` : notice.to;
  const change =
    notice.from === null
      ? `is ${state} (newly tracked)`
      : notice.from === notice.to
        ? `is still ${state} (updated report)`
        : `is now ${state} (was ${notice.from})`;
  const reason = notice.reason?.trim().replace(/[.\s]+$/, "");
  const source = notice.url ? `${notice.source} (${notice.url})` : notice.source;
  const disputed = notice.disputed ? ` My sources disagree: ${notice.disputed.join("; ")}.` : "";
  return `${notice.name} ${change}, effective ${notice.effective}${reason ? `: ${reason}` : ""}. Source: ${source}.${disputed}`;
}

function subscriptionList(views: SubscriptionView[]): string {
  if (views.length === 0)
    return `${messages.notSubscribedAtAll} Try "subscribe all" or "subscribe <entity>".`;
  const lines = views.map((view) => {
    const by = view.createdBy.name ?? view.createdBy.id;
    const parts = [`${view.topicName}: since ${formatTimestamp(view.createdAt)} by ${by}`];
    parts.push(
      view.lastDelivered
        ? `last notice ${formatTimestamp(view.lastDelivered.at)}`
        : "no notice delivered yet",
    );
    if (view.suspended) {
      parts.push(
        `SUSPENDED since ${formatTimestamp(view.suspended.at)}: ${view.suspended.reason} (subscribe again to resume)`,
      );
    }
    if (
      view.lastFailed &&
      !view.suspended &&
      (!view.lastDelivered || view.lastFailed.at > view.lastDelivered.at)
    ) {
      parts.push(`last notice failed ${formatTimestamp(view.lastFailed.at)}: ${view.lastFailed.reason}`);
    }
    if (view.held)
      parts.push(`posting paused since ${formatTimestamp(view.held.since)}: ${view.held.reason}`);
    return `- ${parts.join("; ")}`;
  });
  return `This channel follows:\n${lines.join("\n")}`;
}

function list(items: string[], conjunction = "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

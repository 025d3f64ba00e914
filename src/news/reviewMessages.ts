import { formatProblem, type KnowledgeProblem } from "../knowledge/problems.ts";

/** Problems shown in chat: the first few, each as file:line field: message. */
const MAX_PROBLEMS = 5;

const problemLines = (problems: KnowledgeProblem[]) => {
  const shown = problems.slice(0, MAX_PROBLEMS).map(formatProblem);
  const more = problems.length - shown.length;
  return [...shown, ...(more > 0 ? [`…and ${more} more; brief review lists them all`] : [])].join("\n");
};

/** What review says, in one place. */
export const reviewMessages = {
  usage: "Usage: review, review approve <id>, or review reject <id> (the ids are in the list review shows).",
  listHeading: (count: number) =>
    `${count} ${count === 1 ? "item waits" : "items wait"} for review. Approve with review approve <id>, reject with review reject <id>:`,
  nothingPending: (draftsDir: string) =>
    `Nothing waits for review. brief draft <file or URL> writes drafts into ${draftsDir}.`,
  unreadable: "These drafts cannot be read until they are fixed:",
  unknownItem: (id: string) =>
    `No pending item has the id ${id}: it may be decided already. review lists what waits.`,
  invalid: (problems: KnowledgeProblem[]) =>
    `Not approved: the base would not load with it, so nothing changed. Fix the draft and try again:\n${problemLines(problems)}`,
  invalidEdit: (problems: KnowledgeProblem[]) =>
    `Not edited: the draft would not be valid, so nothing changed:\n${problemLines(problems)}`,
  notEditable: "Only a status change can be edited in chat; edit a fact in its draft file.",
  confirmApproval: (headline: string, source: string, channels: number, minutes: number) =>
    `Approving ${headline} (${source}) posts a notice to ${channels} ${channels === 1 ? "channel" : "channels"}. Say confirm within ${minutes} minutes to approve it.`,
  approved: (by: string, headline: string, source: string, file: string, deliveries: number) =>
    `Approved by ${by}: ${headline} (${source}), now in ${file}.${deliveries > 0 ? ` Notice queued for ${deliveries} ${deliveries === 1 ? "channel" : "channels"}.` : ""}`,
  reloadFailed: (file: string) =>
    `Written to ${file}, but the bot could not reload its knowledge; it keeps answering from the last good base. See the log.`,
  rejected: (by: string, headline: string) => `Rejected by ${by}: ${headline}. It will not be listed again.`,
  edited: (headline: string) => `Edited: ${headline}. Approve it when it is right.`,
};

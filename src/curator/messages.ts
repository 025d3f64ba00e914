import type { Vote } from "./types.ts";

/** What people are told when they vote on an answer or give a reason. */
export const CURATOR_MESSAGES = {
  voted: (vote: Vote, replaced: boolean) =>
    `${replaced ? "Your earlier vote on this answer is replaced: it is now" : "Thanks: recorded as"} ${vote === "helpful" ? "helpful" : "wrong"}. You are kept only as a one-way code, so that each person has one vote.`,
  voteExpired: (days: number) =>
    `That answer is older than the ${days} days feedback is kept for, so the vote was not recorded. Ask the question again to vote on the current answer.`,
  reasonRecorded: "Thanks: the reason is recorded with your vote, for the people who keep the base.",
  reasonWithoutVote:
    'There is no "wrong" vote of yours on that answer any more (it was changed, or is past the days feedback is kept), so the reason was not recorded.',
  noReason: "No reason was given; your vote stands as it is.",
  /** The modal's words. */
  reasonTitle: "What is wrong?",
  reasonLabel: "What is wrong with this answer? (optional)",
  reasonPlaceholder: "e.g. it reopened on 2 March, per the embassy's own site",
  wrongButton: "Wrong",
  helpfulButton: "Helpful",
  submit: "Send",
};

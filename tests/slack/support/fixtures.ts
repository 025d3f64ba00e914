import { readFileSync } from "node:fs";
import type { Reply } from "../../../src/commands/reply.ts";
import type { StatusChangeNotice } from "../../../src/delivery/notice.ts";
import type { Answer } from "../../../src/engine/answer.ts";

/** Reads a captured payload from tests/slack/fixtures; a fresh copy each time, so tests may edit it. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")) as T;
}

/** Answers captured from the engine with the real knowledge base. */
export const answers = {
  kyivClosed: () => fixture<Answer>("answer-kyiv-closed.json"),
  kyivStale: () => fixture<Answer>("answer-kyiv-stale.json"),
  unknownEntity: () => fixture<Answer>("answer-unknown-entity.json"),
};

export const notices = {
  kyivClosed: () => fixture<StatusChangeNotice>("notice-kyiv-closed.json"),
  kyivReopenedFromChat: () => fixture<StatusChangeNotice>("notice-kyiv-reopened-from-chat.json"),
};

export function answerReply(answer: Answer): Reply {
  return { kind: "answer", answer, text: answer.text, visibility: "public" };
}

export const helpReply: Reply = {
  kind: "help",
  visibility: "private",
  text: "Commands: ask a question; status [entity]; subscribe [entity|all]; unsubscribe [entity|all]; subscriptions; update <entity> <state> <reason> (admins).",
  commands: [
    {
      id: "ask",
      usage: "<question>",
      description: "Answers from the sourced fact base.",
      examples: ["is the Kyiv embassy open"],
      adminOnly: false,
    },
    {
      id: "subscribe",
      usage: "subscribe [entity|all]",
      description: "Posts a notice here when a status changes.",
      examples: ["subscribe us embassy kyiv"],
      adminOnly: false,
    },
    {
      id: "update",
      usage: "update <entity> <open|closed|limited|suspended> <reason>",
      description: "Records a status change reported in chat.",
      examples: ["update us-embassy-kyiv open staff returned"],
      adminOnly: true,
    },
  ],
};

import type { Reply } from "../../src/commands/reply.ts";
import type { StatusChangeNotice } from "../../src/delivery/notice.ts";

/** A reply as plain terminal text: the text, plus suggestions when nothing was answered. */
export function render(reply: Reply): string {
  if (reply.kind === "answer" && !reply.answer.answered && reply.answer.suggestions.length > 0) {
    return `${reply.text}\nTry: ${reply.answer.suggestions.join(" | ")}`;
  }
  return reply.text;
}

/** A status-change notice as one terminal line, marked so it stands apart from answers. */
export function renderNotice(notice: StatusChangeNotice): string {
  return `[status change] ${notice.text}`;
}

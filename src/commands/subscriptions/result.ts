import type { Reply, ReplyCode } from "../reply.ts";

/** A `result` reply. Private unless said otherwise: errors and usage concern only the asker. */
export function result(
  code: ReplyCode,
  ok: boolean,
  text: string,
  visibility: "public" | "private" = "private",
): Reply {
  return { kind: "result", ok, code, text, visibility };
}

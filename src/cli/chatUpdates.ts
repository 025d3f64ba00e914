import type { ChatStatusUpdate } from "../knowledge/chatUpdate.ts";
import { readStore } from "./readStore.ts";

/** Where the bot keeps what it learns in chat, as `brief` found it. */
export type StoreReading =
  | { kind: "none"; where: string }
  | { kind: "read"; where: string; updates: ChatStatusUpdate[] };

/**
 * The status changes the bot recorded from chat (`update` and `confirm`), from the store the bot
 * itself uses (see `readStore`). No store yet reads as none; one that cannot be read is an
 * `OperatorError` with one line, since answering without it would contradict the bot.
 */
export async function readChatUpdates(options: {
  dbPath: string;
  databaseUrl?: string | undefined;
}): Promise<StoreReading> {
  const read = await readStore(
    options,
    "chat_updates",
    async (db) => {
      const { SqliteChatUpdateLog } = await import("../subscriptions/sqlite/chatUpdates.ts");
      return new SqliteChatUpdateLog(db).chatUpdates();
    },
    (store) => store.chatUpdates(),
  );
  return read.kind === "none" ? read : { kind: "read", where: read.where, updates: read.value };
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { type Briefbot, createBriefbot } from "../../../src/bot.ts";
import type { Poster } from "../../../src/delivery/poster.ts";
import { USERS } from "../fake/world.ts";

/**
 * The real bot over the real knowledge base, with a fresh SQLite file in a temp folder and the
 * Discord admin from the test world. `stop` also removes the folder.
 */
export async function startRealBot(
  posters: Poster[],
  knowledgeDir = new URL("../../../knowledge", import.meta.url).pathname,
): Promise<{ bot: Briefbot; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "briefbot-discord-"));
  const bot = await createBriefbot({
    knowledgeDir,
    dbPath: join(dir, "briefbot.db"),
    admins: [`discord:${USERS.admin.id}`],
    logger: pino({ level: "silent" }),
    posters,
  });
  await bot.start();
  return {
    bot,
    async stop() {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

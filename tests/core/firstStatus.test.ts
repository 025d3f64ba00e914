import path from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createBriefbot } from "../../src/bot.ts";
import { QueryEngine } from "../../src/engine/engine.ts";
import type { ChatStatusUpdate } from "../../src/knowledge/chatUpdate.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { KNOWLEDGE_DIR, REPO_ROOT } from "../support/tempKnowledge.ts";

const NOW = new Date("2026-12-01T12:00:00Z");
const BASES = [
  KNOWLEDGE_DIR,
  ...["border-crossings", "embassies", "blind-places", "blind-transit", "blind-transport"].map((name) =>
    path.join(REPO_ROOT, "tests", "fixtures", "bases", name),
  ),
];

describe("a chat update that gives a thing its first status", () => {
  it.each(BASES.map((dir) => [path.relative(REPO_ROOT, dir), dir]))(
    "in %s, is taken in without a rebuild, and every answer is the one a rebuilt engine gives",
    async (_, dir) => {
      const loaded = loadKnowledgeBase(dir);
      if (!loaded.ok) throw new Error(`${dir} does not load`);
      const base = loaded.base;
      const bot = await createBriefbot({
        knowledgeDir: dir,
        knowledge: base,
        dbPath: ":memory:",
        admins: [],
        logger: pino({ level: "silent" }),
        posters: [],
        clock: () => NOW,
      });
      try {
        const engineBefore = bot.ask("help", NOW);
        const untracked = [...base.entities.values()].filter(
          (e) => !base.timelines.has(e.id) && e.kind !== "person",
        );
        expect(untracked.length).toBeGreaterThan(0);
        const updates: ChatStatusUpdate[] = [];
        const names = [...base.entities.values()].map((e) => e.name);
        const questions = [
          ...names.flatMap((name) => [
            `is ${name} open?`,
            `why did ${name} close?`,
            `what is the status of ${name}`,
          ]),
          ...base.topic.info.examples,
          "what is closed?",
          "what is open?",
          "status",
        ];
        for (const [i, thing] of untracked.slice(0, 6).entries()) {
          updates.push({
            id: `u${i}`,
            entityId: thing.id,
            state: i % 2 === 0 ? "closed" : "limited",
            reason: `Closed for a drill of the ${thing.name} staff.`,
            by: { platform: "slack", id: "U1", name: "Alice" },
            at: new Date(NOW.getTime() - 3_600_000).toISOString(),
          });
          bot.mergeChatUpdates(updates);
          const rebuilt = new QueryEngine(base.withChatUpdates(updates));
          for (const question of questions) {
            const asked = question === "status" ? undefined : question;
            if (!asked) continue;
            expect(bot.ask(asked, NOW), asked).toEqual(rebuilt.ask(asked, { now: NOW }));
          }
          const status = await bot.handle({
            text: "status",
            channel: { platform: "shell", id: "terminal" },
            user: { platform: "shell", id: "curator" },
            canManageSubscriptions: true,
            now: NOW,
          });
          expect(status.text).toContain(thing.name);
          // The command layer takes it as a thing with a status too.
          const subscribed = await bot.handle({
            text: `subscribe ${thing.id}`,
            channel: { platform: "shell", id: `terminal-${i}` },
            user: { platform: "shell", id: "curator" },
            canManageSubscriptions: true,
            now: NOW,
          });
          expect(subscribed).toMatchObject({ ok: true });
        }
        // The same engine answered throughout: nothing was rebuilt.
        expect(bot.ask("help", NOW)).toEqual(engineBefore);
      } finally {
        await bot.stop();
      }
    },
  );
});

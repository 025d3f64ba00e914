import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresSubscriptionStore } from "../../src/subscriptions/postgres/postgresStore.ts";
import { supersededReason } from "../../src/subscriptions/sqlite/outbox.ts";
import type { FakeDiscord } from "../discord/fake/fakeDiscord.ts";
import { FakeDiscord as FakeDiscordServer } from "../discord/fake/fakeDiscord.ts";
import { textChannel } from "../discord/fake/guildPayloads.ts";
import {
  APPLICATION_ID,
  BOT_USER_ID as DISCORD_BOT,
  BOT_TOKEN as DISCORD_TOKEN,
} from "../discord/fake/world.ts";
import { newsroomGuild } from "../discord/support/newsroom.ts";
import {
  APP_TOKEN,
  BOT_USER_ID,
  FakeSlack,
  BOT_TOKEN as SLACK_TOKEN,
  TEAM_ID,
} from "../slack/support/fakeSlack.ts";
import { createTestDatabase } from "../support/postgres.ts";
import { scratchCopy } from "../support/tempKnowledge.ts";
import { type BotProcess, startBot } from "./support/botProcess.ts";

const CHANNELS_PER_PLATFORM = 100;
const CHANGES = 50;
const ADMIN = "U2147483697";
const ADMIN_CHANNEL = "C061EG9SL";
/** Posts in flight per platform per instance (the dispatcher's maxInFlight): what one kill can duplicate. */
const IN_FLIGHT = 4;
const BOUND = IN_FLIGHT * 2;
const STATES = ["open", "limited", "closed"] as const;

const slackChannel = (index: number) => `CN${String(index).padStart(6, "0")}`;
const discordChannel = (index: number) => String(1_300_000_000_000_000_000n + BigInt(index));

function mention(index: number, text: string) {
  const ts = `1732200000.${String(index).padStart(6, "0")}`;
  return {
    envelope_id: randomUUID(),
    type: "events_api",
    accepts_response_payload: false,
    retry_attempt: 0,
    retry_reason: "",
    payload: {
      team_id: TEAM_ID,
      api_app_id: "A0KRD7HC3",
      type: "event_callback",
      event_id: `Ev${randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase()}`,
      event_time: 1732200000 + index,
      event: {
        type: "app_mention",
        text: `<@${BOT_USER_ID}> ${text}`,
        user: ADMIN,
        ts,
        team: TEAM_ID,
        channel: ADMIN_CHANNEL,
        event_ts: ts,
      },
      authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
    },
  };
}

/** The change numbers a channel received, in order, read from the notices' reasons ("change 17"). */
function changesIn(texts: string[]): number[] {
  return texts.flatMap((text) => {
    const match = /change (\d+)\b/.exec(text);
    return match ? [Number(match[1])] : [];
  });
}

describe("when three bot processes share one PostgreSQL with fake Slack and Discord, and one is SIGKILLed midway", () => {
  const scratch = scratchCopy();
  const bots: BotProcess[] = [];
  let slack: FakeSlack | undefined;
  let discord: FakeDiscord | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let db: pg.Client | undefined;
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.kill("SIGKILL")));
    await db?.end();
    await slack?.close();
    await discord?.close();
    await database?.drop();
    scratch.cleanup();
  });

  it("every channel ends with the 50 notices in the order of the changes, but for counted duplicates within the bound", async () => {
    database = await createTestDatabase();
    slack = await FakeSlack.start();
    const guild = newsroomGuild();
    for (let index = 0; index < CHANNELS_PER_PLATFORM; index++)
      guild.channels.push(
        textChannel(guild.id, { id: discordChannel(index), name: `alerts-${index}` }, 10 + index),
      );
    discord = await FakeDiscordServer.start({
      token: DISCORD_TOKEN,
      applicationId: APPLICATION_ID,
      botUser: { id: DISCORD_BOT, username: "briefbot" },
      guilds: [guild],
    });

    // The channels subscribe before the bots start: 100 Slack and 100 Discord channels follow the embassy.
    const store = await openPostgresSubscriptionStore(database.url);
    const topic = { kind: "entity" as const, entityId: "us-embassy-kyiv" };
    const by = { platform: "slack" as const, id: ADMIN };
    for (let index = 0; index < CHANNELS_PER_PLATFORM; index++) {
      await store.subscribe({
        channel: { platform: "slack", id: `${TEAM_ID}:${slackChannel(index)}` },
        topic,
        scope: `slack:${TEAM_ID}`,
        by,
        at: new Date(),
      });
      await store.subscribe({
        channel: { platform: "discord", id: discordChannel(index) },
        topic,
        scope: "discord",
        by,
        at: new Date(),
      });
    }
    await store.close();

    const env = {
      BRIEFBOT_KNOWLEDGE_DIR: scratch.knowledgeDir,
      DATABASE_URL: database.url,
      BRIEFBOT_ADMINS: `slack:${ADMIN}`,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      // The fakes take posts as fast as the machine can make them; keep the platforms' proportions.
      BRIEFBOT_RATE_SCALE: "20",
      // Each instance serves health and metrics on a free port of its own.
      PORT: "0",
    };
    for (const name of ["one", "two", "three"]) bots.push(startBot({ ...env, BRIEFBOT_INSTANCE_ID: name }));
    for (const bot of bots) {
      await bot.waitFor(/Slack connected over Socket Mode/, { stream: "stderr", timeoutMs: 60_000 });
      await bot.waitFor(/connected to Discord/, { stream: "stderr", timeoutMs: 60_000 });
    }
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const count = async (sql: string) => Number((await db?.query(sql))?.rows[0]?.n);

    const fake = slack;
    const prompts = () =>
      fake.callsOf("chat.postEphemeral").filter((call) => /Send "confirm"/.test(String(call.args.text)))
        .length;
    const victim = bots[0] as BotProcess;
    for (let change = 1; change <= CHANGES; change++) {
      const state = STATES[(change - 1) % STATES.length];
      // An update that posts to channels waits for its confirm (asked privately), which may reach another instance.
      // The time limits below catch a hang; three bots and the test share a busy machine.
      await slack.sendEnvelope(
        mention(2 * change - 1, `update us embassy kyiv ${state} change ${change}`),
        60_000,
      );
      const asked = Date.now() + 60_000;
      while (prompts() < change) {
        if (Date.now() > asked) throw new Error(`change ${change} was never put up for confirmation`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await slack.sendEnvelope(mention(2 * change, "confirm"), 60_000);
      const deadline = Date.now() + 60_000;
      while ((await count("SELECT count(*) AS n FROM notices")) < change) {
        if (Date.now() > deadline) throw new Error(`change ${change} was never announced`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (change === CHANGES / 2) {
        // Midway through the fan-out, one instance dies without a chance to record anything.
        expect(await count("SELECT count(*) AS n FROM deliveries WHERE status = 'pending'")).toBeGreaterThan(
          0,
        );
        victim.child.kill("SIGKILL");
        await victim.exited;
      }
    }
    const deadline = Date.now() + 150_000;
    while ((await count("SELECT count(*) AS n FROM deliveries WHERE status = 'pending'")) > 0) {
      if (Date.now() > deadline) throw new Error("the fan-out did not finish");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect(await count("SELECT count(*) AS n FROM notices")).toBe(CHANGES);
    const superseded = (
      await db.query<{ channel_id: string; reason: string }>(
        `SELECT d.channel_id, n.body FROM deliveries d JOIN notices n ON n.id = d.notice_id
          WHERE d.status = 'cancelled' AND d.last_error = $1`,
        [supersededReason],
      )
    ).rows as unknown as { channel_id: string; body: string }[];
    const supersededIn = new Map<string, number[]>();
    for (const row of superseded)
      supersededIn.set(row.channel_id, [
        ...(supersededIn.get(row.channel_id) ?? []),
        ...changesIn([row.body]),
      ]);
    expect(
      await count("SELECT count(*) AS n FROM deliveries WHERE status NOT IN ('sent', 'cancelled')"),
    ).toBe(0);

    const received = new Map<string, number[]>();
    for (const call of slack.callsOf("chat.postMessage")) {
      const channelId = String(call.args.channel);
      if (channelId === ADMIN_CHANNEL) continue;
      received.set(`${TEAM_ID}:${channelId}`, [
        ...(received.get(`${TEAM_ID}:${channelId}`) ?? []),
        ...changesIn([String(call.args.text)]),
      ]);
    }
    for (let index = 0; index < CHANNELS_PER_PLATFORM; index++) {
      const id = discordChannel(index);
      received.set(id, changesIn(discord.messagesIn(id).map((message) => JSON.stringify(message.embeds))));
    }
    expect(received.size).toBe(2 * CHANNELS_PER_PLATFORM);

    let duplicates = 0;
    let dropped = 0;
    const all = Array.from({ length: CHANGES }, (_, index) => index + 1);
    for (const [channelId, changes] of received) {
      const distinct = changes.filter((change, index) => index === 0 || changes[index - 1] !== change);
      duplicates += changes.length - distinct.length;
      const missing = supersededIn.get(channelId) ?? [];
      const expected = all.filter((change) => !distinct.includes(change));
      // A notice can be absent only if its re-delivery was dropped as superseded (and counted).
      expect(
        expected.every((change) => missing.includes(change)),
        `${channelId}: ${distinct.join(",")}`,
      ).toBe(true);
      dropped += expected.length;
      if (!channelId.startsWith(`${TEAM_ID}:`))
        expect(expected, `${channelId}: Discord's nonce makes a try in doubt safe to send again`).toEqual([]);
      expect(distinct, `${channelId} got its notices in the order of the changes`).toEqual(
        all.filter((change) => distinct.includes(change)),
      );
      expect(distinct.at(-1)).toBe(CHANGES);
    }
    const retried = await count("SELECT count(*) AS n FROM deliveries WHERE attempts > 1");
    console.info(`duplicates ${duplicates}, dropped ${dropped}, deliveries tried more than once ${retried}`);
    expect(duplicates + dropped).toBeLessThanOrEqual(BOUND);

    // Slack's pace per channel (1 s, scaled to 50 ms) held across the three instances.
    const posts = slack.callsOf("chat.postMessage").filter((call) => call.args.channel !== ADMIN_CHANNEL);
    const lastAt = new Map<string, number>();
    let closest = Number.POSITIVE_INFINITY;
    for (const call of posts) {
      const channelId = String(call.args.channel);
      const previous = lastAt.get(channelId);
      if (previous !== undefined) closest = Math.min(closest, call.at - previous);
      lastAt.set(channelId, call.at);
    }
    expect(closest, "closest two posts to one Slack channel, ms").toBeGreaterThanOrEqual(50);

    // Each update and each confirm was a Slack event sent to every live instance's connection: one
    // instance handled it and replied once: each update with one private prompt, each confirm in its
    // thread (the instance killed midway may have died between its notice and its reply).
    expect(prompts()).toBe(CHANGES);
    const replies = slack.callsOf("chat.postMessage").filter((call) => call.args.channel === ADMIN_CHANNEL);
    const repliesPerMention = new Map<string, number>();
    for (const reply of replies) {
      const thread = String(reply.args.thread_ts);
      repliesPerMention.set(thread, (repliesPerMention.get(thread) ?? 0) + 1);
    }
    expect(Math.max(...repliesPerMention.values())).toBe(1);
    expect(repliesPerMention.size).toBeGreaterThanOrEqual(CHANGES - 1);
    console.info(
      `3 instances, 1 killed at change ${CHANGES / 2}: ${received.size} channels, ${duplicates} duplicates, ` +
        `${dropped} superseded re-deliveries dropped (bound ${BOUND}), ${superseded.length} superseded in all; ` +
        `closest Slack posts to one channel ${closest} ms apart`,
    );
  }, 300_000);
});

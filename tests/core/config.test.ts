import { describe, expect, it } from "vitest";
import { parseEnv } from "../../src/config/env.ts";
import { loadConfig } from "../../src/config/load.ts";
import { coreConfigSchema } from "../../src/config/schema.ts";
import { createLogger } from "../../src/logger.ts";

describe("configuration", () => {
  it("with nothing set, uses the embedded defaults", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      ok: true,
      value: {
        knowledgeDir: "knowledge",
        dbPath: "data/briefbot.db",
        admins: [],
        logLevel: "info",
        watchKnowledge: true,
        curators: [],
        retentionDays: 90,
        feeds: [],
        feedIntervalMs: 15 * 60_000,
      },
    });
  });

  it("reads the feeds, each once, and their polling interval, and names a wrong one without echoing it", () => {
    expect(
      loadConfig({
        BRIEFBOT_FEEDS: "https://news.example/rss, https://wire.example/atom.xml\nhttps://news.example/rss",
        BRIEFBOT_FEED_INTERVAL: "1h",
      }),
    ).toMatchObject({
      ok: true,
      value: {
        feeds: ["https://news.example/rss", "https://wire.example/atom.xml"],
        feedIntervalMs: 3_600_000,
      },
    });
    expect(loadConfig({ BRIEFBOT_FEED_INTERVAL: "30" })).toMatchObject({
      value: { feedIntervalMs: 1_800_000 },
    });
    const wrong = loadConfig({ BRIEFBOT_FEEDS: "ftp://secret-host/feed", BRIEFBOT_FEED_INTERVAL: "10s" });
    expect(wrong.ok).toBe(false);
    const problems = wrong.ok ? [] : wrong.problems;
    expect(problems.some((p) => p.startsWith("Config problem: BRIEFBOT_FEEDS"))).toBe(true);
    expect(
      problems.some((p) => p.includes("BRIEFBOT_FEED_INTERVAL") && p.includes("at least 1 minute")),
    ).toBe(true);
    expect(problems.join("\n")).not.toContain("secret-host");
    expect(loadConfig({ BRIEFBOT_FEED_INTERVAL: "soon" })).toMatchObject({ ok: false });
  });

  it("reads the curators, the curators' channel and the retention period, and names a wrong one without echoing it", () => {
    const config = loadConfig({
      BRIEFBOT_CURATORS: "slack:U0CURATOR, discord:402538212356866048",
      BRIEFBOT_CURATOR_CHANNEL: "slack:T024BE7LD:C061EG9SL",
      BRIEFBOT_CURATOR_RETENTION_DAYS: "30",
    });
    expect(config).toMatchObject({
      ok: true,
      value: {
        curators: ["slack:U0CURATOR", "discord:402538212356866048"],
        curatorChannel: { platform: "slack", id: "T024BE7LD:C061EG9SL" },
        retentionDays: 30,
      },
    });
    expect(loadConfig({ BRIEFBOT_CURATOR_CHANNEL: "discord:1186216373395853402" })).toMatchObject({
      value: { curatorChannel: { platform: "discord", id: "1186216373395853402" } },
    });
    const wrong = loadConfig({
      BRIEFBOT_CURATORS: "U0secretish",
      BRIEFBOT_CURATOR_CHANNEL: "#curators",
      BRIEFBOT_CURATOR_RETENTION_DAYS: "0",
    });
    if (wrong.ok) throw new Error("expected problems");
    expect(wrong.problems).toEqual([
      "Config problem: BRIEFBOT_CURATORS.0: each curator must be platform:user-id, e.g. slack:U0123ABCD",
      "Config problem: BRIEFBOT_CURATOR_CHANNEL: must be slack:<team id>:<channel id> (e.g. slack:T024BE7LD:C061EG9SL) or discord:<channel id>",
      "Config problem: BRIEFBOT_CURATOR_RETENTION_DAYS: must be at least 1 day",
    ]);
    expect(wrong.problems.join("\n")).not.toContain("U0secretish");
  });

  it("treats empty values as unset", () => {
    const config = loadConfig({ BRIEFBOT_DB_PATH: "", LOG_LEVEL: "  ", BRIEFBOT_ADMINS: "" });
    expect(config.ok && config.value.dbPath).toBe("data/briefbot.db");
    expect(config.ok && config.value.logLevel).toBe("info");
  });

  it("reports every problem at once, naming the key but never echoing the value", () => {
    const parsed = parseEnv(coreConfigSchema, {
      LOG_LEVEL: "loud",
      BRIEFBOT_ADMINS: "U123secret",
      BRIEFBOT_WATCH: "maybe",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toHaveLength(3);
    expect(parsed.problems.join("\n")).toMatch(/LOG_LEVEL/);
    expect(parsed.problems.join("\n")).toMatch(/BRIEFBOT_ADMINS/);
    expect(parsed.problems.join("\n")).not.toContain("U123secret");
  });

  it("parses the admin list as platform:user ids", () => {
    const config = loadConfig({ BRIEFBOT_ADMINS: "slack:U0123, discord:8123456789" });
    expect(config.ok && config.value.admins).toEqual(["slack:U0123", "discord:8123456789"]);
  });
});

describe("logging", () => {
  it("redacts tokens, signing secrets and authorization headers from the first line written", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(line) });
    logger.info(
      {
        token: "xoxb-123-secret",
        config: {
          SLACK_BOT_TOKEN: "xoxb-456-secret",
          DISCORD_TOKEN: "discord-secret",
          signingSecret: "sig-secret",
        },
        req: { headers: { authorization: "Bot discord-secret-2" } },
      },
      "starting",
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/secret/);
    expect(lines[0]).toContain("[redacted]");
  });

  it("drops the request an HTTP client error carries, credentials and all, but keeps its message", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(line) });
    const error = Object.assign(new Error("request failed with status 500"), {
      code: "E_HTTP",
      config: { headers: { Authorization: "Bearer xoxb-very-secret" }, data: "token=xoxb-very-secret" },
      request: { _header: "Authorization: Bot very-secret" },
    });
    logger.error({ err: error, retry: { headers: { Authorization: "Bot also-secret" } } }, "post failed");
    expect(lines[0]).toContain("request failed with status 500");
    expect(lines[0]).toContain("E_HTTP");
    expect(lines[0]).not.toMatch(/secret/);
  });
});

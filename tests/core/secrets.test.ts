import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Run, runBriefbot } from "../support/runBriefbot.ts";

/** A value for every secret key, each distinct and easy to find in any output. */
const CANARY = {
  SLACK_BOT_TOKEN: "xoxb-canary-5f1e2d3c4b5a-slack-bot-token",
  SLACK_APP_TOKEN: "xapp-canary-9a8b7c6d5e4f-slack-app-token",
  SLACK_SIGNING_SECRET: "canary-signing-secret-0c1d2e3f4a5b",
  DISCORD_TOKEN: "MTE4canary.discord-token.Zx9Yw8Vu7",
};
const canaries = Object.values(CANARY);

/**
 * A server that answers every request with `status`, repeating the request's headers (the
 * Authorization header with its token among them) in its body and in a header of its own: the
 * worst a proxy or a broken API could send back.
 */
async function echoServer(
  status: number,
  body: (headers: string) => unknown,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const headers = JSON.stringify(req.headers);
    res.writeHead(status, {
      "content-type": "application/json",
      "x-echo-authorization": String(req.headers.authorization ?? ""),
    });
    res.end(JSON.stringify(body(headers)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const root = mkdtempSync(path.join(tmpdir(), "briefbot-secrets-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const base = { BRIEFBOT_DB_PATH: path.join(root, "briefbot.db"), PORT: "0" };

describe("no failure path prints a secret, at debug level, even when a server echoes the token", () => {
  const servers: { close(): Promise<void> }[] = [];
  let slackRejects: string;
  let slackEchoes500: string;
  let discordRejects: string;
  let discordEchoes500: string;
  let nowhere: string;
  beforeAll(async () => {
    const rejects = await echoServer(200, (headers) => ({
      ok: false,
      error: "invalid_auth",
      echoed: headers,
    }));
    const fails = await echoServer(500, (headers) => ({ error: `proxy error for ${headers}` }));
    const unauthorized = await echoServer(401, (headers) => ({
      message: `401: Unauthorized ${headers}`,
      code: 0,
    }));
    const broken = await echoServer(502, (headers) => ({ message: `Bad gateway ${headers}`, code: 0 }));
    servers.push(rejects, fails, unauthorized, broken);
    slackRejects = `${rejects.url}/api/`;
    slackEchoes500 = `${fails.url}/api/`;
    discordRejects = `${unauthorized.url}/api`;
    discordEchoes500 = `${broken.url}/api`;
    nowhere = `http://127.0.0.1:${await closedPort()}/api/`;
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  const cases: [string, () => Record<string, string>, RegExp][] = [
    [
      "Slack refuses the token (Socket Mode)",
      () => ({
        SLACK_BOT_TOKEN: CANARY.SLACK_BOT_TOKEN,
        SLACK_APP_TOKEN: CANARY.SLACK_APP_TOKEN,
        SLACK_API_URL: slackRejects,
      }),
      /^Slack did not accept SLACK_BOT_TOKEN \(invalid_auth\): check the token and reinstall the app$/,
    ],
    [
      "Slack answers 500 with the headers echoed (HTTP mode)",
      () => ({
        SLACK_BOT_TOKEN: CANARY.SLACK_BOT_TOKEN,
        SLACK_SIGNING_SECRET: CANARY.SLACK_SIGNING_SECRET,
        SLACK_API_URL: slackEchoes500,
      }),
      /^Slack at 127\.0\.0\.1:\d+ answered HTTP 500 to auth\.test: try again later, or check SLACK_API_URL/,
    ],
    [
      "Slack cannot be reached",
      () => ({
        SLACK_BOT_TOKEN: CANARY.SLACK_BOT_TOKEN,
        SLACK_APP_TOKEN: CANARY.SLACK_APP_TOKEN,
        SLACK_API_URL: nowhere,
      }),
      /^cannot reach Slack at 127\.0\.0\.1:\d+( \(ECONNREFUSED\))?: check the network/,
    ],
    [
      "Discord refuses the token with the headers echoed",
      () => ({ DISCORD_TOKEN: CANARY.DISCORD_TOKEN, DISCORD_API_URL: discordRejects }),
      /^Discord login failed: An invalid token was provided\. Reset the bot token and put it in DISCORD_TOKEN$/,
    ],
    [
      "Discord answers 502 with the headers echoed",
      () => ({ DISCORD_TOKEN: CANARY.DISCORD_TOKEN, DISCORD_API_URL: discordEchoes500 }),
      /^Discord login failed: (127\.0\.0\.1:\d+ answered HTTP 502|cannot reach)/,
    ],
    [
      "Discord cannot be reached",
      () => ({ DISCORD_TOKEN: CANARY.DISCORD_TOKEN, DISCORD_API_URL: nowhere.replace(/\/$/, "") }),
      /^Discord login failed: cannot reach 127\.0\.0\.1:\d+/,
    ],
    [
      "a Slack token without an app token or signing secret",
      () => ({ SLACK_BOT_TOKEN: CANARY.SLACK_BOT_TOKEN }),
      /SLACK_APP_TOKEN|SLACK_SIGNING_SECRET/,
    ],
    [
      "the database path is a folder, with every token set",
      () => {
        const folder = path.join(root, "folder.db");
        mkdirSync(folder, { recursive: true });
        return { ...CANARY, BRIEFBOT_DB_PATH: folder, SLACK_API_URL: nowhere };
      },
      /^cannot open the database .*folder\.db \(BRIEFBOT_DB_PATH\): it is a folder/,
    ],
    [
      "the knowledge folder is missing, with every token set",
      () => ({
        ...CANARY,
        BRIEFBOT_KNOWLEDGE_DIR: path.join(root, "no-such-folder"),
        SLACK_API_URL: nowhere,
      }),
      /^the knowledge base has problems:\n.*no-such-folder \(folder\): cannot be read \(ENOENT\); set BRIEFBOT_KNOWLEDGE_DIR to the knowledge folder$/,
    ],
  ];

  it.each(cases)(
    "%s",
    async (_, env, message) => {
      const run: Run = await runBriefbot(null, { ...base, ...env() });
      expect(run.code).toBe(1);
      expect(run.said.length).toBeGreaterThanOrEqual(1);
      expect(run.said.join("\n")).toMatch(message);
      // Past config parsing the logger runs at debug level, so whatever it logs is searched too.
      if (!/config/i.test(run.said[0] ?? "")) expect(run.stderr).toMatch(/"level":20/);
      for (const canary of canaries) {
        expect(run.stdout).not.toContain(canary);
        expect(run.stderr).not.toContain(canary);
        // A token cut short or wrapped is still a leak: look for its distinctive middle too.
        expect(run.stderr).not.toContain(canary.slice(5, 25));
      }
      expect(run.stderr).not.toMatch(/^\s+at /m);
    },
    120_000,
  );
});

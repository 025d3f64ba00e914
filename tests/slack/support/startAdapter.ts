import pino from "pino";
import { createSlackAdapter, type SlackAdapter, slackConfigSchema } from "../../../adapters/slack/index.ts";
import type { BotCore } from "../../../src/adapter.ts";
import { APP_TOKEN, BOT_TOKEN, type FakeSlack } from "./fakeSlack.ts";
import { SIGNING_SECRET } from "./signedRequest.ts";

export const silentLogger = pino({ level: "silent" });

export interface StartedAdapter {
  adapter: SlackAdapter;
  /** HTTP mode: where Slack would post events, commands and interactions. */
  eventsUrl: string;
}

/**
 * Builds the adapter the way adapters/main.ts does, from environment-shaped config parsed by the
 * adapter's own schema, pointed at the fake Slack, and starts it with `bot`.
 */
export async function startAdapter(
  fake: FakeSlack,
  bot: BotCore,
  options: { mode?: "http" | "socket"; ackDeadlineMs?: number; now?: () => Date } = {},
): Promise<StartedAdapter> {
  const env =
    options.mode === "socket"
      ? { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: "" }
      : { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: "" };
  const config = slackConfigSchema.parse({ ...env, PORT: "0", SLACK_API_URL: fake.apiUrl });
  const adapter = createSlackAdapter(config, silentLogger, {
    host: "127.0.0.1",
    ...(options.ackDeadlineMs !== undefined ? { ackDeadlineMs: options.ackDeadlineMs } : {}),
    ...(options.now ? { clock: options.now } : {}),
  });
  await adapter.start(bot);
  const port = adapter.httpAddress()?.port;
  return { adapter, eventsUrl: port ? `http://127.0.0.1:${port}/slack/events` : "" };
}

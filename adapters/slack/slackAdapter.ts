import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import type { Logger } from "pino";
import type { Adapter, BotCore } from "../../src/adapter.ts";
import { boltLoggerFrom } from "./boltLogger.ts";
import { type SlackConfig, slackConnectionMode } from "./config.ts";
import type { HandlerContext } from "./handlerContext.ts";
import { registerMention } from "./mention.ts";
import { createPostingClient, SlackPoster } from "./poster.ts";
import { RecentEventIds } from "./recentEventIds.ts";
import { registerShareAction } from "./shareAction.ts";
import { DEFAULT_ACK_DEADLINE_MS, registerSlashCommand } from "./slashCommand.ts";

export interface SlackAdapterOptions {
  /** Injected so requests carry a controllable `now`; defaults to the system clock. */
  clock?: () => Date;
  /** How long a slash command may take before it is acked empty and answered via response_url. */
  ackDeadlineMs?: number;
  /** HTTP mode: the interface to listen on; every interface when unset (e.g. "127.0.0.1" behind a proxy). */
  host?: string;
}

/** Events, interactivity and slash commands all arrive here in HTTP mode, as the manifest says. */
export const SLACK_EVENTS_PATH = "/slack/events";

/**
 * Connects the bot to one Slack workspace with Bolt, over Socket Mode (SLACK_APP_TOKEN) or HTTP
 * (SLACK_SIGNING_SECRET, requests verified on /slack/events). Listeners only translate and render;
 * every decision is the core's.
 */
export class SlackAdapter implements Adapter {
  readonly platform = "slack" as const;
  readonly poster: SlackPoster;
  readonly mode: "socket" | "http";
  private readonly app: App;
  private readonly logger: Logger;
  private bot: BotCore | undefined;
  private address: AddressInfo | undefined;
  private readonly host: string | undefined;

  constructor(
    private readonly config: SlackConfig & { SLACK_BOT_TOKEN: string },
    logger: Logger,
    options: SlackAdapterOptions = {},
  ) {
    this.logger = logger.child({ adapter: "slack" });
    this.mode = slackConnectionMode(config);
    this.host = options.host;
    const apiUrl = config.SLACK_API_URL;
    this.app = new App({
      token: config.SLACK_BOT_TOKEN,
      // auth.test runs in start(), so a bad token fails start() with a clear error, not a stray rejection.
      deferInitialization: true,
      logger: boltLoggerFrom(this.logger),
      // A few quick retries for replies to people; notices use the poster's client, which has none.
      clientOptions: {
        ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
        retryConfig: { retries: 2, maxTimeout: 2000 },
      },
      ...(this.mode === "socket"
        ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
        : { signingSecret: config.SLACK_SIGNING_SECRET, endpoints: SLACK_EVENTS_PATH }),
    });
    this.poster = new SlackPoster(
      createPostingClient(config.SLACK_BOT_TOKEN, apiUrl, this.logger),
      this.logger,
    );
    this.register(options);
  }

  private register(options: SlackAdapterOptions): void {
    const context: HandlerContext = {
      bot: () => {
        if (!this.bot) throw new Error("Slack adapter received a request before start()");
        return this.bot;
      },
      clock: options.clock ?? (() => new Date()),
      logger: this.logger,
    };
    const recentEvents = new RecentEventIds();
    // Bolt acks events before middleware runs, so a skipped retry is still acknowledged.
    this.app.use(async ({ body, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (
        typeof eventId === "string" &&
        (recentEvents.checkAndRemember(eventId) || (await this.seenElsewhere(eventId)))
      ) {
        this.logger.debug({ eventId }, "skipping a retried Slack event");
        return;
      }
      await next();
    });
    registerSlashCommand(this.app, context, options.ackDeadlineMs ?? DEFAULT_ACK_DEADLINE_MS);
    registerMention(this.app, context);
    registerShareAction(this.app, context);
    this.app.error(async (error) => {
      this.logger.error({ err: error }, "Slack listener failed");
    });
  }

  /** Whether another instance sharing the store handled the event; a store failure lets it through. */
  private async seenElsewhere(eventId: string): Promise<boolean> {
    try {
      return (await this.bot?.seenEvent?.(eventId)) ?? false;
    } catch (error) {
      this.logger.warn({ err: error }, "could not check the Slack event id in the store");
      return false;
    }
  }

  async start(bot: BotCore): Promise<void> {
    this.bot = bot;
    try {
      await this.app.init();
    } catch (error) {
      const word = (error as { data?: { error?: string } }).data?.error;
      throw new Error(
        `Slack did not accept SLACK_BOT_TOKEN${word ? ` (${word})` : ""}: check the token and reinstall the app`,
        {
          cause: error,
        },
      );
    }
    if (this.mode === "socket") {
      await this.app.start();
      this.logger.info("Slack connected over Socket Mode");
      return;
    }
    const port = this.config.PORT;
    const server = await this.app.start(this.host ? { port, host: this.host } : port);
    this.address = server.address() as AddressInfo;
    this.logger.info(
      { port: this.address.port, path: SLACK_EVENTS_PATH },
      "Slack listening for HTTP requests",
    );
  }

  async stop(): Promise<void> {
    await this.app.stop();
    this.address = undefined;
  }

  /** Where the HTTP listener is bound, once started in HTTP mode (PORT=0 picks a free port). */
  httpAddress(): AddressInfo | undefined {
    return this.address;
  }
}

import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App } from "@slack/bolt";
import type { Logger } from "pino";
import type { Adapter, BotCore } from "../../src/adapter.ts";
import { OperatorError } from "../../src/failure.ts";
import { OPS_PATHS } from "../../src/ops/healthServer.ts";
import { boltLoggerFrom } from "./boltLogger.ts";
import { type SlackConfig, slackConnectionMode } from "./config.ts";
import { registerDirectMessages } from "./directMessage.ts";
import { registerFeedback } from "./feedback.ts";
import type { HandlerContext } from "./handlerContext.ts";
import { registerMention } from "./mention.ts";
import { createPostingClient, SlackPoster } from "./poster.ts";
import { RecentEventIds } from "./recentEventIds.ts";
import { registerReview } from "./review.ts";
import { registerShareAction } from "./shareAction.ts";
import { DEFAULT_ACK_DEADLINE_MS, registerSlashCommand } from "./slashCommand.ts";

export interface SlackAdapterOptions {
  /** Injected so requests carry a controllable `now`; defaults to the system clock. */
  clock?: () => Date;
  /** How long a slash command may take before it is acked empty and answered via response_url. */
  ackDeadlineMs?: number;
  /** HTTP mode: the interface to listen on; every interface when unset (e.g. "127.0.0.1" behind a proxy). */
  host?: string;
  /**
   * HTTP mode: answers /healthz, /readyz and /metrics on the same server as /slack/events; returns
   * false for a path it does not serve. Called only once the bot runs.
   */
  ops?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/** How far a request's timestamp may be from now, either way. */
const MAX_REQUEST_SKEW_S = 5 * 60;

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
  private started = false;

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
        : {
            signingSecret: config.SLACK_SIGNING_SECRET,
            endpoints: SLACK_EVENTS_PATH,
            ...(options.ops ? { customRoutes: opsRoutes(options.ops) } : {}),
          }),
    });
    if (this.mode === "http") this.rejectFutureRequests();
    this.poster = new SlackPoster(
      createPostingClient(config.SLACK_BOT_TOKEN, apiUrl, this.logger),
      this.logger,
    );
    this.register(options);
  }

  /**
   * Bolt refuses a request signed more than 5 minutes ago; one dated more than 5 minutes ahead is
   * as suspect (a replay prepared in advance, or a wrong clock), so it gets the same 401.
   */
  private rejectFutureRequests(): void {
    type Listener = (req: IncomingMessage, res: ServerResponse) => void;
    const receiver = (this.app as unknown as { receiver?: { requestListener?: Listener } }).receiver;
    const listener = receiver?.requestListener;
    if (!receiver || !listener) return;
    receiver.requestListener = (req, res) => {
      const sent = Number(req.headers["x-slack-request-timestamp"]);
      if (Number.isFinite(sent) && sent > Date.now() / 1000 + MAX_REQUEST_SKEW_S) {
        this.logger.warn("refused a Slack request dated more than 5 minutes ahead");
        res.writeHead(401).end();
        return;
      }
      listener(req, res);
    };
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
    registerDirectMessages(this.app, context);
    registerShareAction(this.app, context);
    registerFeedback(this.app, context);
    registerReview(this.app, context);
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
      throw startFailure(error, this.config.SLACK_API_URL ?? "https://slack.com/api/");
    }
    if (this.mode === "socket") {
      await this.app.start();
      this.started = true;
      this.logger.info("Slack connected over Socket Mode");
      return;
    }
    const port = this.config.PORT;
    const server = await this.app.start(this.host ? { port, host: this.host } : port);
    this.address = server.address() as AddressInfo;
    this.started = true;
    this.logger.info(
      { port: this.address.port, path: SLACK_EVENTS_PATH },
      "Slack listening for HTTP requests",
    );
  }

  /** Started and connected: part of readiness. */
  ready(): boolean {
    return this.started;
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.app.stop();
    this.address = undefined;
  }

  /** Where the HTTP listener is bound, once started in HTTP mode (PORT=0 picks a free port). */
  httpAddress(): AddressInfo | undefined {
    return this.address;
  }
}

/** The ops paths as Bolt custom routes, so they share the HTTP receiver's server and port. */
function opsRoutes(ops: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>) {
  return OPS_PATHS.map((path) => ({
    path,
    method: ["GET", "HEAD"],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      void ops(req, res);
    },
  }));
}

/**
 * Why auth.test failed, in one line naming the key or the host and what to do. Slack's own error
 * word (invalid_auth, account_inactive) is kept; its response body and headers never are.
 */
export function startFailure(error: unknown, apiUrl: string): OperatorError {
  const e = error as {
    code?: string;
    data?: { error?: unknown };
    statusCode?: unknown;
    original?: { code?: unknown };
  };
  let host = apiUrl;
  try {
    host = new URL(apiUrl).host;
  } catch {}
  if (e.code === "slack_webapi_platform_error") {
    const word = typeof e.data?.error === "string" ? e.data.error.replace(/[^a-z_]/g, "").slice(0, 40) : "";
    return new OperatorError(
      `Slack did not accept SLACK_BOT_TOKEN${word ? ` (${word})` : ""}: check the token and reinstall the app`,
    );
  }
  if (e.code === "slack_webapi_http_error") {
    const status = typeof e.statusCode === "number" ? e.statusCode : "an error";
    return new OperatorError(
      `Slack at ${host} answered HTTP ${status} to auth.test: try again later, or check SLACK_API_URL if you set it`,
    );
  }
  if (e.code === "slack_webapi_request_error") {
    const reason = typeof e.original?.code === "string" ? ` (${e.original.code})` : "";
    return new OperatorError(
      `cannot reach Slack at ${host}${reason}: check the network, a proxy, or SLACK_API_URL if you set it`,
    );
  }
  return new OperatorError(
    `Slack start-up failed at ${host} (${failureType(error)}): run with LOG_LEVEL=debug to log the details`,
  );
}

function failureType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.name : typeof error;
}

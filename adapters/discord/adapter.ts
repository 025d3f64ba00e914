import { once } from "node:events";
import { type Client, DiscordAPIError, Events, GatewayDispatchEvents, HTTPError } from "discord.js";
import type { Logger } from "pino";
import type { Adapter, BotCore } from "../../src/adapter.ts";
import type { Poster } from "../../src/delivery/poster.ts";
import { OperatorError } from "../../src/failure.ts";
import { authorPermissions, cachedChannelName, inUnavailableGuild } from "./cachedPermissions.ts";
import { createDiscordClient } from "./client.ts";
import { DISCORD_API_URL, type DiscordConfig, isDiscordEnabled } from "./config.ts";
import { answerInteraction } from "./interactionHandler.ts";
import { answerMention } from "./mentionHandler.ts";
import { createDiscordPoster, createPosterRest } from "./poster.ts";
import { safeError } from "./safeError.ts";

/**
 * The Discord adapter: a discord.js gateway connection that answers mentions and `/brief`, and
 * a poster for status-change notices. The poster has its own REST client and works before
 * `start` (the bot is built with every poster first) and without the gateway.
 */
export class DiscordAdapter implements Adapter {
  readonly platform = "discord" as const;
  readonly poster: Poster;
  readonly #token: string;
  readonly #api: string;
  readonly #logger: Logger;
  readonly #sharding: { shards?: "auto" | number[]; shardCount?: number };
  #client: Client | undefined;

  constructor(config: DiscordConfig & { DISCORD_TOKEN: string }, logger: Logger, rateScale = 1) {
    this.#token = config.DISCORD_TOKEN;
    this.#api = config.DISCORD_API_URL ?? DISCORD_API_URL;
    this.#sharding = {
      ...(config.DISCORD_SHARDS ? { shards: config.DISCORD_SHARDS } : {}),
      ...(config.DISCORD_SHARD_COUNT ? { shardCount: config.DISCORD_SHARD_COUNT } : {}),
    };
    this.#logger = logger.child({ adapter: "discord" });
    this.poster = createDiscordPoster({
      rest: createPosterRest(this.#api, this.#token, rateScale),
      token: this.#token,
      logger: this.#logger,
      inUnavailableGuild: (channelId) => inUnavailableGuild(this.#client, channelId),
    });
  }

  /** Connects to the gateway; resolves once the bot is ready and has its servers' channels. */
  async start(bot: BotCore): Promise<void> {
    if (this.#client) throw new Error("the Discord adapter is already started");
    const client = createDiscordClient(this.#api, this.#sharding);
    this.#client = client;
    this.#listen(client, bot);
    const failed = new AbortController();
    const ready = once(client, Events.ClientReady, { signal: failed.signal });
    try {
      await client.login(this.#token);
      await ready;
    } catch (error) {
      failed.abort();
      await ready.catch(() => {});
      await this.stop();
      this.#logger.debug({ err: safeError(error) }, "Discord login failed");
      throw loginFailure(error, this.#api);
    }
    this.#logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "connected to Discord");
  }

  /** Connected to the gateway and ready: part of readiness. */
  ready(): boolean {
    return this.#client?.isReady() ?? false;
  }

  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.destroy();
  }

  #listen(client: Client, bot: BotCore): void {
    const rest = client.rest;
    const logger = this.#logger;
    // Raw dispatches: translate works on Discord's own payloads, the shapes the fixtures capture.
    client.ws.on(GatewayDispatchEvents.MessageCreate, (message) => {
      void answerMention(
        {
          bot,
          rest,
          logger,
          botUserId: () => client.user?.id ?? null,
          permissions: (m) => authorPermissions(client, m),
          channelName: (id) => cachedChannelName(client, id),
        },
        message,
      );
    });
    client.ws.on(GatewayDispatchEvents.InteractionCreate, (interaction) => {
      void answerInteraction({ bot, rest, logger }, interaction);
    });
    client.on(Events.Error, (error) => logger.error({ err: safeError(error) }, "Discord client error"));
    client.on(Events.Warn, (message) => logger.warn({ message }, "Discord client warning"));
    client.on(Events.ShardDisconnect, (event) =>
      logger.error({ code: event.code }, "Discord gateway closed for good"),
    );
    client.on(Events.ShardReconnecting, () => logger.warn("Discord gateway reconnecting"));
    client.on(Events.GuildUnavailable, (guild) =>
      logger.warn({ guild: guild.id }, "Discord server unavailable"),
    );
  }
}

/** Builds the Discord adapter from parsed config; main.ts calls it only when DISCORD_TOKEN is set. */
export function createDiscordAdapter(
  config: DiscordConfig,
  logger: Logger,
  options: { rateScale?: number } = {},
): DiscordAdapter {
  if (!isDiscordEnabled(config))
    throw new Error("DISCORD_TOKEN is not set; the Discord adapter cannot start");
  return new DiscordAdapter(config, logger, options.rateScale ?? 1);
}

/**
 * Why login failed, in one line naming the key or the host. Only discord.js's own wording for a
 * bad token, a status code and a network error code are used; a server's text never is.
 */
export function loginFailure(error: unknown, api: string): OperatorError {
  return discordFailure(error, api, "Discord login failed");
}

/**
 * Why a call to Discord failed (`what`: "Discord login failed", "Registration failed"), in one line
 * naming the key or the host and what to do.
 */
export function discordFailure(error: unknown, api: string, what: string): OperatorError {
  let host = api;
  try {
    host = new URL(api).host;
  } catch {}
  const e = error as { code?: unknown; status?: unknown; cause?: { code?: unknown } };
  if (e.code === "TokenInvalid" || e.status === 401)
    return new OperatorError(
      `${what}: An invalid token was provided. Reset the bot token and put it in DISCORD_TOKEN`,
    );
  if (e.status === 403 || e.status === 404)
    return new OperatorError(
      `${what}: ${host} answered HTTP ${e.status}; check DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID, with the bot invited there)`,
    );
  if (error instanceof DiscordAPIError || error instanceof HTTPError)
    return new OperatorError(
      `${what}: ${host} answered HTTP ${error.status}; try again later, or check DISCORD_API_URL if you set it`,
    );
  const network = [e.code, e.cause?.code].find((c) => typeof c === "string" && /^E[A-Z]+$/.test(c));
  if (network || (error instanceof TypeError && /fetch failed/.test(error.message)))
    return new OperatorError(
      `${what}: cannot reach ${host}${network ? ` (${network})` : ""}; check the network, a proxy, or DISCORD_API_URL if you set it`,
    );
  const type = typeof e.code === "string" ? e.code : error instanceof Error ? error.name : typeof error;
  return new OperatorError(`${what} (${type}); run with LOG_LEVEL=debug to log the details`);
}

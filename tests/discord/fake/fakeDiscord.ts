import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIChannel, type APIMessage, GatewayDispatchEvents } from "discord.js";
import { FakeGateway } from "./fakeGateway.ts";
import type { GuildSpec } from "./guildPayloads.ts";
import { MessageLog } from "./messageLog.ts";

export interface RecordedRequest {
  method: string;
  /** Without the /api/v10 prefix, e.g. /channels/123/messages. */
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Handle the request as usual (e.g. create the message), then answer with this instead: a lost response. */
  afterHandling?: boolean;
}

export interface FakeDiscordOptions {
  token: string;
  applicationId: string;
  botUser: { id: string; username: string };
  guilds: GuildSpec[];
  heartbeatIntervalMs?: number;
}

/**
 * A fake Discord on 127.0.0.1: REST under /api/v10 and the gateway (ws) on the same port.
 * It keeps what Discord keeps (guilds, channels, created messages, nonces, interaction
 * responses), checks what Discord checks (the bot token, message limits, one response per
 * interaction, enforce_nonce), and lets a test script the next responses of a route.
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly interactionResponses = new Map<string, { type: number; data?: Record<string, unknown> }>();
  /** Edits of a deferred interaction's response, by interaction token. */
  readonly interactionFollowUps = new Map<string, Record<string, unknown>>();
  readonly registrations: { path: string; body: unknown }[] = [];
  readonly gateway: FakeGateway;
  readonly #guilds = new Map<string, { spec: GuildSpec; available: boolean }>();
  readonly #interactions = new Map<string, string>();
  /** DM channels between the bot and a user, by channel id: they belong to no guild. */
  readonly #dmChannels = new Map<string, string>();
  readonly #messages: MessageLog;
  readonly #scripts = new Map<string, ScriptedResponse[]>();
  readonly #server: Server;
  /**
   * While true, message posts are recorded and never answered, as from a platform that hangs; the
   * requests held are dropped when the fake closes.
   */
  holdPosts = false;

  private constructor(readonly options: FakeDiscordOptions) {
    for (const spec of options.guilds) this.#guilds.set(spec.id, { spec, available: true });
    this.#messages = new MessageLog(options.botUser);
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.gateway = new FakeGateway(this.#server, this);
  }

  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** What DISCORD_API_URL / `rest.api` is set to: the base without the version. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get availableGuilds(): GuildSpec[] {
    return [...this.#guilds.values()].filter((g) => g.available).map((g) => g.spec);
  }

  get guildIds(): string[] {
    return [...this.#guilds.keys()];
  }

  /** The next responses to `METHOD /path`, before the route's normal behaviour resumes. */
  script(method: string, path: string, ...responses: ScriptedResponse[]): void {
    const key = `${method} ${path}`;
    this.#scripts.set(key, [...(this.#scripts.get(key) ?? []), ...responses]);
  }

  /** Every message the bot created, in order. */
  get created(): readonly APIMessage[] {
    return this.#messages.created;
  }

  /** Messages the bot created in a channel, in order. */
  messagesIn(channelId: string): APIMessage[] {
    return this.created.filter((m) => m.channel_id === channelId);
  }

  /** Registers an interaction so its callback is accepted once, then dispatches it. */
  interact(interaction: { id: string; token: string }): void {
    this.#interactions.set(interaction.id, interaction.token);
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, interaction);
  }

  /** Opens a DM channel between the bot and a user, as Discord does when the user writes to it. */
  openDm(channelId: string, userId: string): void {
    this.#dmChannels.set(channelId, userId);
  }

  /** A channel deleted by a server admin: gone from REST (10003) and announced on the gateway. */
  deleteChannel(channelId: string): void {
    for (const { spec } of this.#guilds.values()) {
      const channel = spec.channels.find((c) => c.id === channelId);
      if (!channel) continue;
      spec.channels = spec.channels.filter((c) => c.id !== channelId);
      this.gateway.dispatch(GatewayDispatchEvents.ChannelDelete, { ...channel, guild_id: spec.id });
    }
  }

  /** A Discord outage: the guild becomes unavailable (GUILD_DELETE with `unavailable`), REST answers 503. */
  outage(guildId: string): void {
    const guild = this.#guilds.get(guildId);
    if (!guild) throw new Error(`no guild ${guildId}`);
    guild.available = false;
    this.gateway.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildId, unavailable: true });
  }

  recover(guildId: string): void {
    const guild = this.#guilds.get(guildId);
    if (!guild) throw new Error(`no guild ${guildId}`);
    guild.available = true;
    this.gateway.sendGuild(guild.spec);
  }

  /** Resolves when `probe` returns a value, polling; fails with `what` after `timeoutMs`. */
  async waitFor<T>(
    what: string,
    probe: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs = 10_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #channel(
    channelId: string,
  ): { channel: APIChannel; guild: { spec: GuildSpec; available: boolean } } | undefined {
    for (const guild of this.#guilds.values()) {
      const channel = guild.spec.channels.find((c) => c.id === channelId);
      if (channel) return { channel, guild };
    }
    return undefined;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      // Like Discord, a 204 carries no body and so no content type.
      res.writeHead(status, {
        ...(payload === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (!url.pathname.startsWith("/api/v10/")) {
      send(404, { message: "404: Not Found", code: 0 });
      return;
    }
    const path = url.pathname.slice("/api/v10".length);
    const method = req.method ?? "GET";
    this.requests.push({ method, path, body, authorization: req.headers.authorization });
    if (this.holdPosts && method === "POST" && /^\/channels\/\d+\/messages$/.test(path)) return;

    const scripted = this.#scripts.get(`${method} ${path}`)?.shift();
    if (scripted && !scripted.afterHandling) {
      send(scripted.status, scripted.body, scripted.headers);
      return;
    }
    const respond = scripted ? () => send(scripted.status, scripted.body, scripted.headers) : send;

    const callback = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/);
    if (method === "POST" && callback)
      return this.#interactionCallback(callback[1], callback[2], body, respond);
    const original = path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(?:@|%40)original$/);
    if (method === "PATCH" && original) {
      const token = original[2] as string;
      const acknowledged = [...this.#interactions].some(
        ([id, t]) => t === token && this.interactionResponses.get(id)?.type === 5,
      );
      if (original[1] !== this.options.applicationId || !acknowledged) {
        send(404, { message: "Unknown Webhook", code: 10015 });
        return;
      }
      this.interactionFollowUps.set(token, body as Record<string, unknown>);
      send(200, { id: "1186400000000000000", ...(body as Record<string, unknown>) });
      return;
    }
    if (req.headers.authorization !== `Bot ${this.options.token}`) {
      send(401, { message: "401: Unauthorized", code: 0 });
      return;
    }
    if (method === "GET" && path === "/gateway/bot") {
      send(200, {
        url: this.gateway.url,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      });
      return;
    }
    const messages = path.match(/^\/channels\/(\d+)\/messages$/);
    if (method === "POST" && messages) return this.#createMessage(messages[1] as string, body, respond);
    const commands = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (method === "PUT" && commands && commands[1] === this.options.applicationId) {
      this.registrations.push({ path, body });
      const list = body as Record<string, unknown>[];
      send(
        200,
        list.map((command, i) => ({
          id: String(1186300000000000000n + BigInt(i)),
          application_id: this.options.applicationId,
          version: "1",
          ...(commands[2] ? { guild_id: commands[2] } : {}),
          default_member_permissions: null,
          ...command,
        })),
      );
      return;
    }
    send(404, { message: "404: Not Found", code: 0 });
  }

  #interactionCallback(id = "", token = "", body: unknown, send: (s: number, b?: unknown) => void): void {
    if (this.#interactions.get(id) !== token) {
      send(404, { message: "Unknown interaction", code: 10062 });
      return;
    }
    if (this.interactionResponses.has(id)) {
      send(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      return;
    }
    this.interactionResponses.set(id, body as { type: number; data?: Record<string, unknown> });
    send(204);
  }

  #createMessage(
    channelId: string,
    body: Record<string, unknown>,
    send: (s: number, b?: unknown) => void,
  ): void {
    if (this.#dmChannels.has(channelId)) {
      const result = this.#messages.create(channelId, undefined, body);
      if (result.created) this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, result.created);
      send(result.status, result.body);
      return;
    }
    const found = this.#channel(channelId);
    if (!found) {
      send(404, { message: "Unknown Channel", code: 10003 });
      return;
    }
    if (!found.guild.available) {
      send(503, { message: "Service Unavailable", code: 0 });
      return;
    }
    const result = this.#messages.create(channelId, found.guild.spec.id, body);
    // Discord echoes the bot's own message on the gateway; the bot must ignore it.
    if (result.created) this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, result.created);
    send(result.status, result.body);
  }

  /** A random interaction token, as long as Discord's. */
  static interactionToken(): string {
    return `aW50ZXJhY3Rpb246${randomBytes(48).toString("base64url")}`;
  }
}

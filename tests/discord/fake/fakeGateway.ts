import type { Server } from "node:http";
import {
  GatewayDispatchEvents,
  GatewayIntentBits,
  type GatewayMessageCreateDispatchData,
  GatewayOpcodes,
} from "discord.js";
import { type WebSocket, WebSocketServer } from "ws";
import type { FakeDiscord } from "./fakeDiscord.ts";
import { type GuildSpec, guildCreate } from "./guildPayloads.ts";

/** Intents an application must switch on in the Developer Portal; ours has none switched on. */
const PRIVILEGED =
  GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

interface Session {
  socket: WebSocket;
  sequence: number;
  intents: number;
}

/** What an IDENTIFY carries that the fake looks at. */
interface Identify {
  token: string;
  intents: number;
  compress?: boolean;
  shard?: [number, number];
}

/**
 * The fake gateway: HELLO, IDENTIFY -> READY and one GUILD_CREATE per available guild,
 * heartbeats acknowledged, dispatches with sequence numbers. Like Discord it closes with 4004
 * on a wrong token and 4014 on privileged intents, and without the Message Content intent it
 * blanks the text of messages that do not mention the bot.
 */
export class FakeGateway {
  readonly identifies: { token: string; intents: number; compress: boolean | undefined }[] = [];
  /** The `[shard id, shard count]` each IDENTIFY asked for. */
  readonly shards: [number, number][] = [];
  readonly connectUrls: string[] = [];
  readonly problems: string[] = [];
  heartbeatsAcked = 0;
  readonly #wss: WebSocketServer;
  readonly #sessions = new Set<Session>();

  constructor(
    server: Server,
    private readonly fake: FakeDiscord,
  ) {
    this.#wss = new WebSocketServer({ server });
    this.#wss.on("connection", (socket, request) => this.#connect(socket, request.url ?? "/"));
  }

  get url(): string {
    return `ws://127.0.0.1:${this.fake.port}`;
  }

  /** True once a client has identified and is being sent events. */
  get connected(): boolean {
    return [...this.#sessions].some((s) => s.intents !== -1);
  }

  dispatch(event: GatewayDispatchEvents, data: unknown): void {
    for (const session of this.#sessions) {
      if (session.intents === -1) continue;
      const payload = event === GatewayDispatchEvents.MessageCreate ? this.#visible(session, data) : data;
      if (payload === undefined) continue;
      session.sequence += 1;
      session.socket.send(
        JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: payload }),
      );
    }
  }

  sendGuild(spec: GuildSpec): void {
    this.dispatch(GatewayDispatchEvents.GuildCreate, guildCreate(spec));
  }

  close(): void {
    for (const session of this.#sessions) session.socket.terminate();
    this.#wss.close();
  }

  #visible(session: Session, data: unknown): unknown {
    const message = data as GatewayMessageCreateDispatchData;
    const botId = this.fake.options.botUser.id;
    // Direct messages come only with the DirectMessages intent, and always with their text.
    const direct = message.guild_id === undefined;
    if (direct && !(session.intents & GatewayIntentBits.DirectMessages)) return undefined;
    const addressed = direct || message.author.id === botId || message.mentions.some((u) => u.id === botId);
    if (session.intents & GatewayIntentBits.MessageContent || addressed) return message;
    return { ...message, content: "", embeds: [], attachments: [], components: [] };
  }

  #connect(socket: WebSocket, path: string): void {
    this.connectUrls.push(path);
    const query = new URL(path, "ws://127.0.0.1").searchParams;
    if (query.get("v") !== "10" || query.get("encoding") !== "json" || query.has("compress")) {
      this.problems.push(`unsupported connection ${path}: the fake speaks v10 uncompressed JSON only`);
      socket.close(4012, "Invalid API version");
      return;
    }
    const session: Session = { socket, sequence: 0, intents: -1 };
    this.#sessions.add(session);
    socket.on("close", () => this.#sessions.delete(session));
    socket.on("message", (raw) => this.#receive(session, JSON.parse(raw.toString())));
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.fake.options.heartbeatIntervalMs ?? 41_250 },
      }),
    );
  }

  #receive(session: Session, payload: { op: number; d: unknown }): void {
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeatsAcked += 1;
        session.socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        return;
      case GatewayOpcodes.Identify:
        this.#identify(session, payload.d as Identify);
        return;
      default:
        this.problems.push(`unexpected opcode ${payload.op}`);
    }
  }

  #identify(session: Session, identify: Identify): void {
    this.identifies.push({ token: identify.token, intents: identify.intents, compress: identify.compress });
    this.shards.push(identify.shard ?? [0, 1]);
    if (identify.token !== this.fake.options.token) {
      session.socket.close(4004, "Authentication failed.");
      return;
    }
    if (identify.intents & PRIVILEGED) {
      session.socket.close(4014, "Disallowed intent(s).");
      return;
    }
    session.intents = identify.intents;
    const { botUser, applicationId } = this.fake.options;
    this.dispatch(GatewayDispatchEvents.Ready, {
      v: 10,
      user: {
        ...botUser,
        discriminator: "0",
        avatar: null,
        global_name: null,
        bot: true,
        verified: true,
        flags: 0,
      },
      guilds: this.fake.guildIds.map((id) => ({ id, unavailable: true })),
      session_id: `fake-session-${Date.now()}`,
      resume_gateway_url: this.url,
      shard: identify.shard ?? [0, 1],
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
    });
    for (const spec of this.fake.availableGuilds) this.sendGuild(spec);
  }
}

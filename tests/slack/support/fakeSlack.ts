import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export const TEAM_ID = "T024BE7LD";
export const BOT_USER_ID = "U0BRIEFBOT";
export const BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
export const APP_TOKEN = "xapp-1-A0KRD7HC3-2109237416-0bc2c7f1d4f0e6b1a3";

/** One Web API call as the fake received it: form or JSON arguments, JSON-valued fields parsed. */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
}

/** A `response_url` post. */
export interface ResponsePost {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/** A scripted answer for the next call of a method: an HTTP status, headers and a JSON body. */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The Web API client sends forms with JSON-encoded `blocks`; decode those so tests read objects. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) return JSON.parse(raw || "{}");
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A fake Slack on 127.0.0.1: the Web API under /api/<method> (checking the bearer token like Slack
 * does), `response_url`s under /response/<id>, and a Socket Mode WebSocket under /link that sends
 * `hello` and then whatever envelopes a test pushes, collecting the app's acks.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  /** Every WebSocket message the app sent back (Socket Mode acks). */
  readonly socketAcks: Array<{ envelope_id: string; payload?: Record<string, unknown> }> = [];
  private readonly scripts = new Map<string, Scripted[]>();
  private readonly sockets = new Set<WebSocket>();
  private readonly wss: WebSocketServer;
  private nextTs = 1732100500;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {
    this.wss = new WebSocketServer({ server, path: "/link" });
    this.wss.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("message", (data) => this.socketAcks.push(JSON.parse(String(data))));
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "applink-fake", approximate_connection_time: 18060 },
          connection_info: { app_id: "A0KRD7HC3" },
        }),
      );
    });
  }

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      fake?.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A fresh response_url for one request. */
  responseUrl(): string {
    return `${this.baseUrl}/response/${randomUUID()}`;
  }

  /** Queues answers for the next calls of `method`, in order; afterwards it answers normally. */
  script(method: string, ...answers: Scripted[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers]);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  get connectedSockets(): number {
    return this.sockets.size;
  }

  /** Pushes a Socket Mode envelope to every connected app and resolves with the app's ack. */
  async sendEnvelope(envelope: { envelope_id: string } & Record<string, unknown>, timeoutMs = 5000) {
    for (const socket of this.sockets) socket.send(JSON.stringify(envelope));
    return waitFor(() => this.socketAcks.find((ack) => ack.envelope_id === envelope.envelope_id), timeoutMs);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", this.baseUrl).pathname;
    const raw = await readBody(req);
    const at = Date.now();
    if (path.startsWith("/response/")) {
      this.responses.push({ path, body: JSON.parse(raw), at });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      return;
    }
    if (!path.startsWith("/api/")) {
      res.writeHead(404).end();
      return;
    }
    const method = path.slice("/api/".length);
    const token = req.headers.authorization?.replace(/^Bearer /, "");
    const args = parseArgs(raw, req.headers["content-type"]);
    this.calls.push({ method, args, token, at });
    const scripted = this.scripts.get(method)?.shift();
    const answer: Scripted = scripted ?? { body: this.defaultAnswer(method, token, args) };
    res
      .writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers })
      .end(JSON.stringify(answer.body ?? { ok: false, error: "fatal_error" }));
  }

  private defaultAnswer(
    method: string,
    token: string | undefined,
    args: Record<string, unknown>,
  ): Record<string, unknown> {
    const expected = method === "apps.connections.open" ? APP_TOKEN : BOT_TOKEN;
    if (token !== expected) return { ok: false, error: token ? "invalid_auth" : "not_authed" };
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://newsdesk.slack.com/",
          team: "Newsdesk",
          user: "briefbot",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: "B0BRIEFBOT",
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        const ts = `${this.nextTs++}.000100`;
        return { ok: true, channel: args.channel, ts, message: { type: "message", text: args.text, ts } };
      }
      case "views.open":
        return { ok: true, view: { id: `V${this.nextTs++}`, ...(args.view as Record<string, unknown>) } };
      case "chat.postEphemeral":
        return { ok: true, message_ts: `${this.nextTs++}.000200` };
      case "apps.connections.open":
        return { ok: true, url: `${this.baseUrl.replace("http", "ws")}/link?ticket=${randomUUID()}` };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

/** Polls until `probe` returns something, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

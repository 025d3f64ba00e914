import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A minimal Discord REST stand-in for the fan-out benchmark, on 127.0.0.1: Create Message accepts
 * any channel and records the first post per channel. With `perSecond`, it enforces a global rate
 * as Discord does (a one-second window), answering 429 with `retry_after` and `global: true`.
 */
export class FakePlatform {
  readonly #server: Server;
  readonly #firstPostAt = new Map<string, number>();
  #windowStart = 0;
  #inWindow = 0;
  posts = 0;
  rateLimited = 0;

  private constructor(readonly perSecond: number | undefined) {
    this.#server = createServer((req, res) => {
      const match = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(req.url ?? "");
      req.resume();
      req.on("end", () => {
        if (req.method !== "POST" || !match?.[1]) {
          res
            .writeHead(404, { "content-type": "application/json" })
            .end('{"message":"404: Not Found","code":0}');
          return;
        }
        const now = Date.now();
        if (this.perSecond !== undefined) {
          if (now - this.#windowStart >= 1000) {
            this.#windowStart = now;
            this.#inWindow = 0;
          }
          if (this.#inWindow >= this.perSecond) {
            this.rateLimited += 1;
            const retryAfter = (this.#windowStart + 1000 - now) / 1000;
            res
              .writeHead(429, {
                "content-type": "application/json",
                "retry-after": String(Math.ceil(retryAfter)),
                "x-ratelimit-global": "true",
                "x-ratelimit-scope": "global",
              })
              .end(
                JSON.stringify({
                  message: "You are being rate limited.",
                  retry_after: retryAfter,
                  global: true,
                }),
              );
            return;
          }
          this.#inWindow += 1;
        }
        this.posts += 1;
        const channelId = match[1];
        if (!this.#firstPostAt.has(channelId)) this.#firstPostAt.set(channelId, now);
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            id: String(1_400_000_000_000_000_000n + BigInt(this.posts)),
            channel_id: channelId,
          }),
        );
      });
    });
  }

  static async start(perSecond?: number): Promise<FakePlatform> {
    const fake = new FakePlatform(perSecond);
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api`;
  }

  /** Channels that have had at least one post. */
  get channelsReached(): number {
    return this.#firstPostAt.size;
  }

  /** When the last channel got its first post (epoch ms). */
  get lastFirstPostAt(): number {
    return Math.max(0, ...this.#firstPostAt.values());
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

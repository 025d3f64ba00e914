import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotMetrics } from "./metrics.ts";

/** What readiness checks: each part by name, true when it is ready. */
export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export interface OpsEndpoints {
  metrics: BotMetrics;
  readiness: ReadinessCheck;
}

/** The three paths, so a server that already listens (Slack's HTTP mode) can route them too. */
export const OPS_PATHS = ["/healthz", "/readyz", "/metrics"] as const;

/**
 * Answers GET /healthz (the process is alive), /readyz (knowledge loaded, store reachable, every
 * configured platform connected; 503 with the failing parts otherwise) and /metrics (Prometheus
 * text). Returns false for any other path, so the caller can answer it.
 */
export async function handleOps(
  ops: OpsEndpoints,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = (req.url ?? "/").split("?")[0];
  if (!OPS_PATHS.includes(url as (typeof OPS_PATHS)[number])) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("method not allowed\n");
    return true;
  }
  try {
    if (url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    } else if (url === "/readyz") {
      const parts = await ops.readiness();
      const ready = Object.values(parts).every(Boolean);
      res
        .writeHead(ready ? 200 : 503, { "content-type": "application/json" })
        .end(`${JSON.stringify({ ready, ...parts })}\n`);
    } else {
      const body = await ops.metrics.registry.metrics();
      res.writeHead(200, { "content-type": ops.metrics.registry.contentType }).end(body);
    }
  } catch {
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("unavailable\n");
  }
  return true;
}

/** A server of its own for the ops paths, when no Slack HTTP server is there to share. */
export async function startOpsServer(
  ops: OpsEndpoints,
  port: number,
  host?: string,
): Promise<{ server: Server; address: AddressInfo; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void handleOps(ops, req, res).then((handled) => {
      if (!handled) res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    server,
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Sign this body but send `body`, as a tampering proxy would. */
  signedBody?: string;
  headers?: Record<string, string>;
}

/** POSTs a body to the app as Slack does: content type, timestamp and signature headers. */
export async function postSigned(
  url: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded",
  options: SignOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = slackSignature(options.secret ?? SIGNING_SECRET, timestamp, options.signedBody ?? body);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature,
      ...options.headers,
    },
    body,
  });
}

/** A slash command as Slack posts it: form fields. */
export function slashCommandBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** An interaction as Slack posts it: one form field, `payload`, holding JSON. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

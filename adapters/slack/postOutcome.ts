import type { PostOutcome } from "../../src/delivery/poster.ts";

/** This channel can no longer take posts: the outbox suspends the subscription with the reason. */
const CHANNEL_GONE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "channel_type_not_supported",
  "team_access_not_granted",
]);

/**
 * The token itself is refused, so every channel of the workspace would fail alike: hold the
 * workspace rather than suspend each channel, which would need every channel to subscribe again.
 * `missing_scope` and `account_inactive` belong here: both are fixed once, by reinstalling the app.
 */
const CREDENTIALS_REFUSED = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "token_expired",
  "account_inactive",
  "missing_scope",
  "no_permission",
  "not_allowed_token_type",
  "org_login_required",
  "ekm_access_denied",
  "team_not_found",
  "enterprise_is_restricted",
]);

/** Slack rejected the message itself, not the channel: a plain-text retry may get through. */
const CONTENT_REJECTED = new Set(["invalid_blocks", "invalid_blocks_format", "msg_too_long"]);

/** The shape of @slack/web-api's errors, read by their stable `code` rather than by class. */
interface WebApiErrorLike {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

function asWebApiError(error: unknown): WebApiErrorLike {
  return typeof error === "object" && error !== null
    ? (error as WebApiErrorLike)
    : { message: String(error) };
}

/** The platform error word (`not_in_channel`), when Slack answered with one. */
export function slackErrorWord(error: unknown): string | undefined {
  const e = asWebApiError(error);
  return e.code === "slack_webapi_platform_error" ? e.data?.error : undefined;
}

/** True when Slack refused the blocks or length, so the same post in plain text is worth one try. */
export function isContentRejection(error: unknown): boolean {
  const word = slackErrorWord(error);
  return word !== undefined && CONTENT_REJECTED.has(word);
}

/**
 * Classifies a failed `chat.postMessage` for the outbox. Unknown platform errors are retried, not
 * suspended: a mistaken suspension silently stops a channel's notices, a mistaken retry only costs
 * attempts, and the outbox caps those.
 */
export function classifyPostError(error: unknown, scope: string): PostOutcome {
  const e = asWebApiError(error);
  if (e.code === "slack_webapi_rate_limited_error") {
    const seconds = typeof e.retryAfter === "number" && e.retryAfter > 0 ? e.retryAfter : 1;
    return { kind: "retry", reason: "ratelimited", retryAfterMs: seconds * 1000 };
  }
  const word = slackErrorWord(error);
  if (word !== undefined) {
    if (CHANNEL_GONE.has(word)) return { kind: "permanent", reason: word };
    if (CREDENTIALS_REFUSED.has(word)) return { kind: "blocked", reason: word, scope };
    return { kind: "retry", reason: word };
  }
  if (e.code === "slack_webapi_http_error") {
    return { kind: "retry", reason: `http ${e.statusCode ?? "error"}` };
  }
  if (e.code === "slack_webapi_request_error") return { kind: "retry", reason: "network error" };
  return { kind: "retry", reason: e.message ?? "unexpected error" };
}

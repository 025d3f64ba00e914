import { createHash } from "node:crypto";

/** Discord rejects nonces over 25 characters. */
export const MAX_NONCE_LENGTH = 25;

/**
 * A nonce Discord accepts, stable for the same input. The outbox already keeps its nonces
 * within 25 characters; a longer one is hashed rather than cut, so two long nonces that share
 * a prefix never collide.
 */
export function discordNonce(nonce: string): string {
  if (nonce.length <= MAX_NONCE_LENGTH) return nonce;
  return createHash("sha256").update(nonce).digest("base64url").slice(0, MAX_NONCE_LENGTH);
}

/** The nonce of the reply to a message: a redelivered event or a REST retry never replies twice. */
export function replyNonce(messageId: string): string {
  return discordNonce(`r${messageId}`);
}

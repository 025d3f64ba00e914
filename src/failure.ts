/**
 * A failure an operator can act on: one line saying what failed, the key and the path or host
 * involved, and what to do. Its message is safe to print as is; anything else is reported by type
 * only, with the trace in the debug log.
 */
export class OperatorError extends Error {
  override readonly name = "OperatorError";
}

/** The one line printed for a failure: an `OperatorError`'s own message, or a generic line that repeats no server text. */
export function failureLine(error: unknown, what: string): string {
  if (error instanceof OperatorError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const type = error instanceof Error ? error.name : typeof error;
  return `${what} failed (${type}${typeof code === "string" || typeof code === "number" ? ` ${code}` : ""}); run with LOG_LEVEL=debug to log the details`;
}

/** Removes every configured secret value from text that is about to be written anywhere. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join("[redacted]");
  return out;
}

/** The secret values in an environment: tokens and signing secrets, whatever they are called. */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([key, value]) => value && /TOKEN|SECRET|PASSWORD|_KEY$/i.test(key))
    .map(([, value]) => value as string);
}

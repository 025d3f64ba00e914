import type { z } from "zod";

/** Treats empty strings as unset, so `KEY=` in a .env file means "not configured". */
function emptyAsUnset(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value.trim() !== "") out[key] = value;
  return out;
}

/**
 * Validates the environment against a schema, reporting every problem at once as
 * "KEY: message" lines. Values are never echoed, since some are secrets.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
): { ok: true; value: z.infer<S> } | { ok: false; problems: string[] } {
  const result = schema.safeParse(emptyAsUnset(env));
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map(
      (issue) => `Config problem: ${issue.path.join(".") || "(environment)"}: ${issue.message}`,
    ),
  };
}

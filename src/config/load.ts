import { config as loadDotenv } from "dotenv";
import { parseEnv } from "./env.ts";
import { type CoreConfig, coreConfigSchema, toCoreConfig } from "./schema.ts";

let dotenvLoaded = false;

/** Reads `.env` once (real environment variables win), then validates the core's keys. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
): { ok: true; value: CoreConfig } | { ok: false; problems: string[] } {
  if (!dotenvLoaded && env === process.env) {
    loadDotenv({ quiet: true });
    dotenvLoaded = true;
  }
  const parsed = parseEnv(coreConfigSchema, env);
  return parsed.ok ? { ok: true, value: toCoreConfig(parsed.value) } : parsed;
}

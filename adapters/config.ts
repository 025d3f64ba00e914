import type { z } from "zod";
import { parseEnv } from "../src/config/env.ts";
import { type CoreConfig, coreConfigSchema, toCoreConfig } from "../src/config/schema.ts";
import { type DeliveryConfig, deliveryConfigShape, toDeliveryConfig } from "../src/subscriptions/config.ts";
import { type DiscordConfig, discordConfigShape, refineDiscordSharding } from "./discord/config.ts";
import { refineSlackConfig, type SlackConfig, slackConfigShape } from "./slack/config.ts";

/** The core's keys and every adapter's, validated together so every problem is reported at once. */
export const appConfigSchema = coreConfigSchema
  .extend({ ...slackConfigShape, ...discordConfigShape, ...deliveryConfigShape })
  .superRefine(refineSlackConfig)
  .superRefine(refineDiscordSharding);

export interface AppConfig {
  core: CoreConfig;
  slack: SlackConfig;
  discord: DiscordConfig;
  delivery: DeliveryConfig;
}

export function parseAppConfig(
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
): { ok: true; value: AppConfig } | { ok: false; problems: string[] } {
  const parsed = parseEnv(appConfigSchema, env);
  if (!parsed.ok) return parsed;
  const value = parsed.value as z.infer<typeof appConfigSchema>;
  return {
    ok: true,
    value: {
      core: toCoreConfig(value),
      slack: value as SlackConfig,
      discord: value as DiscordConfig,
      delivery: toDeliveryConfig(value),
    },
  };
}

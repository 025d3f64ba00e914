import type { Logger } from "pino";
import { isSlackEnabled, type SlackConfig } from "./config.ts";
import { SlackAdapter, type SlackAdapterOptions } from "./slackAdapter.ts";

export {
  isSlackEnabled,
  refineSlackConfig,
  type SlackConfig,
  slackConfigSchema,
  slackConfigShape,
  slackConnectionMode,
} from "./config.ts";
export { SlackAdapter, type SlackAdapterOptions } from "./slackAdapter.ts";

/**
 * Builds the Slack adapter from parsed config. Call it only when `isSlackEnabled(config)`: without
 * a bot token there is nothing to connect.
 */
export function createSlackAdapter(
  config: SlackConfig,
  logger: Logger,
  options?: SlackAdapterOptions,
): SlackAdapter {
  if (!isSlackEnabled(config))
    throw new Error("createSlackAdapter needs SLACK_BOT_TOKEN; check isSlackEnabled first");
  return new SlackAdapter(config, logger, options);
}

/** Which chat platform a request or channel belongs to. */
export type Platform = "shell" | "slack" | "discord";

/** A channel address, unique across platforms once combined with the platform. */
export interface ChannelRef {
  platform: Platform;
  /** The platform's channel id (Slack: C…, Discord: snowflake). Slack also prefixes its team id. */
  id: string;
  name?: string;
}

/** A person in chat: the platform's user id, and their display name when the platform gave one. */
export interface UserRef {
  platform: Platform;
  id: string;
  name?: string;
}

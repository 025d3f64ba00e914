import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIComponentInActionRow,
  APIEmbed,
} from "discord.js";

/**
 * Nothing the bot sends may ping anyone: answers echo user text (`@everyone`, `<@id>`), and a
 * reply would otherwise ping the asker. Set on every payload as well as on the client, because
 * REST calls made directly do not pick up the client's default.
 */
export const NO_PINGS: APIAllowedMentions = { parse: [], replied_user: false };

/**
 * The body of a Discord message as the adapter builds it: valid both for Create Message and
 * for an interaction response's data.
 */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  /** Buttons under the message (an answer's feedback buttons). */
  components?: APIActionRowComponent<APIComponentInActionRow>[];
  allowed_mentions: APIAllowedMentions;
}

/** "closed" -> "Closed", for headings. */
export function stateLabel(state: string): string {
  return state.charAt(0).toUpperCase() + state.slice(1);
}

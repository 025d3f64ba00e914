import { PermissionFlagsBits } from "discord.js";

/**
 * The server the tests' fake Discord hosts: a newsroom with an editors' role (Manage Channels),
 * a reporters' role (no Manage Channels, except where a channel overwrite grants it) and three
 * text channels. Ids are realistic snowflakes; the token only looks like one.
 */
export const APPLICATION_ID = "1186214536722317312";
export const BOT_USER_ID = APPLICATION_ID;
export const BOT_TOKEN = "MTE4NjIxNDUzNjcyMjMxNzMxMg.GkQ0aB.fakeTokenForTests_xYz0123456789abcdEfGhIj";

export const GUILD_ID = "1186215190437879838";
export const OTHER_GUILD_ID = "1190371842312396861";

export const ROLES = {
  everyone: GUILD_ID,
  editors: "1186215822733967402",
  reporters: "1186215900391325757",
  bot: "1186216011942539285",
} as const;

export const CHANNELS = {
  briefings: "1186216373395853402",
  deskAlerts: "1186216436364881960",
  security: "1186216509886738442",
  /** In OTHER_GUILD_ID. */
  ngoTravel: "1190372001721688084",
} as const;

export const USERS = {
  editor: { id: "402538212356866048", username: "olena.editor", global_name: "Olena K." },
  reporter: { id: "402538349326204929", username: "mark_reporter", global_name: "Mark" },
  /** Listed as a briefbot admin ("discord:<id>") in the bot's config. */
  admin: { id: "402538477168426756", username: "desk.admin", global_name: "Desk Admin" },
  owner: { id: "402538601059631114", username: "server.owner", global_name: null },
} as const;

const P = PermissionFlagsBits;

/** What @everyone may do in the newsroom: read, talk, use slash commands. */
export const EVERYONE_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.UseApplicationCommands | P.EmbedLinks;
export const EDITOR_PERMISSIONS = EVERYONE_PERMISSIONS | P.ManageChannels | P.ManageMessages;
export const BOT_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.EmbedLinks | P.ReadMessageHistory;

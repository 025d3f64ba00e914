import { type APIApplicationCommand, type REST, Routes } from "discord.js";
import { commandDefinitions } from "./commands.ts";

export interface RegisterTarget {
  applicationId: string;
  /** One server: the commands appear there at once. Unset: every server the bot is in. */
  guildId?: string | undefined;
}

/**
 * Replaces the application's commands with `/brief` (Discord's bulk overwrite), so running it
 * again after a change updates the command in place and removes anything no longer defined.
 */
export async function registerCommands(rest: REST, target: RegisterTarget): Promise<APIApplicationCommand[]> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  return (await rest.put(route, { body: commandDefinitions() })) as APIApplicationCommand[];
}

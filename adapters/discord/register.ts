/**
 * `npm run discord:register`: registers `/brief` for DISCORD_GUILD_ID, or globally when it is
 * unset, and prints the invite link. Reads .env like `npm start` does.
 */
import { REST } from "discord.js";
import { config as loadDotenv } from "dotenv";
import { parseEnv } from "../../src/config/env.ts";
import { discordFailure } from "./adapter.ts";
import { DISCORD_API_URL, discordConfigSchema } from "./config.ts";
import { inviteUrl } from "./invite.ts";
import { registerCommands } from "./registerCommands.ts";

loadDotenv({ quiet: true });
const parsed = parseEnv(discordConfigSchema, process.env);
if (!parsed.ok) {
  for (const problem of parsed.problems) console.error(problem);
  process.exit(1);
}
const config = parsed.value;
const missing = (["DISCORD_TOKEN", "DISCORD_APPLICATION_ID"] as const).filter((key) => !config[key]);
if (missing.length > 0 || !config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
  for (const key of missing) console.error(`Config problem: ${key}: required to register slash commands`);
  process.exit(1);
}

const api = config.DISCORD_API_URL ?? DISCORD_API_URL;
// One try: a person at a terminal is told at once, in one line, rather than after discord.js's retries.
const rest = new REST({ api, retries: 0 }).setToken(config.DISCORD_TOKEN);
try {
  const commands = await registerCommands(rest, {
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DISCORD_GUILD_ID,
  });
  const where = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : "every server (global)";
  console.log(`Registered ${commands.map((c) => `/${c.name}`).join(", ")} in ${where}.`);
  console.log(`Invite the bot with: ${inviteUrl(config.DISCORD_APPLICATION_ID)}`);
} catch (error) {
  console.error(discordFailure(error, api, "Registration failed").message);
  process.exit(1);
}

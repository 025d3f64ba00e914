/**
 * `npm run discord:register`: registers `/brief` for DISCORD_GUILD_ID, or globally when it is
 * unset, and prints the invite link. Reads .env like `npm start` does.
 */
import { REST } from "discord.js";
import { config as loadDotenv } from "dotenv";
import { parseEnv } from "../../src/config/env.ts";
import { DISCORD_API_URL, discordConfigSchema } from "./config.ts";
import { inviteUrl } from "./invite.ts";
import { registerCommands } from "./registerCommands.ts";
import { safeError } from "./safeError.ts";

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

const rest = new REST({ api: config.DISCORD_API_URL ?? DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
try {
  const commands = await registerCommands(rest, {
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DISCORD_GUILD_ID,
  });
  const where = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : "every server (global)";
  console.log(`Registered ${commands.map((c) => `/${c.name}`).join(", ")} in ${where}.`);
  console.log(`Invite the bot with: ${inviteUrl(config.DISCORD_APPLICATION_ID)}`);
} catch (error) {
  console.error("Registration failed:", safeError(error));
  process.exit(1);
}

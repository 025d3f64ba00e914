import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { REST } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commandDefinitions } from "../../adapters/discord/commands.ts";
import { invitePermissions } from "../../adapters/discord/invite.ts";
import { registerCommands } from "../../adapters/discord/registerCommands.ts";
import type { FakeDiscord } from "./fake/fakeDiscord.ts";
import { APPLICATION_ID, BOT_TOKEN, GUILD_ID } from "./fake/world.ts";
import { startFakeDiscord } from "./support/harness.ts";

const run = promisify(execFile);
const repo = new URL("../../", import.meta.url).pathname;

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => {
  await fake.close();
});

/** Runs `npm run discord:register`'s script with only the given Discord keys set. */
function register(env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", "adapters/discord/register.ts"], {
    cwd: repo,
    env: {
      PATH: process.env.PATH ?? "",
      DISCORD_TOKEN: "",
      DISCORD_APPLICATION_ID: "",
      DISCORD_GUILD_ID: "",
      DISCORD_API_URL: "",
      ...env,
    },
  });
}

describe("registering the slash commands", () => {
  it("overwrites the commands of one server when a guild id is given", async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken(BOT_TOKEN);
    const registered = await registerCommands(rest, { applicationId: APPLICATION_ID, guildId: GUILD_ID });
    expect(fake.registrations).toEqual([
      { path: `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`, body: commandDefinitions() },
    ]);
    expect(registered.map((c) => c.name)).toEqual(["brief"]);
  });

  it("npm run discord:register registers globally without a guild id, and prints the invite link", async () => {
    const { stdout } = await register({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
    });
    expect(fake.registrations.map((r) => r.path)).toEqual([`/applications/${APPLICATION_ID}/commands`]);
    expect(stdout).toContain("Registered /brief in every server (global).");
    expect(stdout).toContain(
      `https://discord.com/oauth2/authorize?client_id=${APPLICATION_ID}&scope=bot+applications.commands&permissions=${invitePermissions}`,
    );
    expect(stdout).not.toContain(BOT_TOKEN);
  });

  it("npm run discord:register names the missing keys and registers nothing", async () => {
    const failed = await register({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: fake.apiUrl }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      "Config problem: DISCORD_APPLICATION_ID: required to register slash commands",
    );
    expect(fake.registrations).toEqual([]);
  });

  it("npm run discord:register says in one line that Discord rejected the token, and never prints it", async () => {
    const failed = await register({
      DISCORD_TOKEN: "MTE4.rejected.token-value",
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
    }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toBe(
      "Registration failed: An invalid token was provided. Reset the bot token and put it in DISCORD_TOKEN\n",
    );
    expect(fake.registrations).toEqual([]);
  });

  it("npm run discord:register says in one line that Discord cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const failed = await register({
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: `http://127.0.0.1:${port}`,
    }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      `Registration failed: cannot reach 127.0.0.1:${port} (ECONNREFUSED); check the network, a proxy, or DISCORD_API_URL if you set it\n`,
    );
  });
});

import {
  type APIMessage,
  GatewayDispatchEvents,
  type GatewayMessageCreateDispatchData,
  PermissionsBitField,
} from "discord.js";
import type { Logger } from "pino";
import { createDiscordAdapter, type DiscordAdapter } from "../../../adapters/discord/adapter.ts";
import { discordConfigSchema } from "../../../adapters/discord/config.ts";
import type { BotCore } from "../../../src/adapter.ts";
import {
  autocomplete,
  buttonClick,
  messageCreate,
  modalSubmit,
  slashCommand,
} from "../fake/eventPayloads.ts";
import { FakeDiscord, type RecordedRequest } from "../fake/fakeDiscord.ts";
import { user } from "../fake/guildPayloads.ts";
import { APPLICATION_ID, BOT_PERMISSIONS, BOT_TOKEN, BOT_USER_ID, USERS } from "../fake/world.ts";
import { capturedLogger } from "./logs.ts";
import { botUser, newsroomGuild, ngoGuild, ROLES_OF } from "./newsroom.ts";

export type Who = keyof typeof USERS;

/** Where a channel lives, for building messages and interactions in it. */
export interface Place {
  guildId: string;
  channelId: string;
  name: string;
}

export async function startFakeDiscord(options: { heartbeatIntervalMs?: number } = {}): Promise<FakeDiscord> {
  return FakeDiscord.start({
    token: BOT_TOKEN,
    applicationId: APPLICATION_ID,
    botUser: { id: BOT_USER_ID, username: "briefbot" },
    guilds: [newsroomGuild(), ngoGuild()],
    ...options,
  });
}

/** The adapter as main.ts builds it: from parsed config, pointed at the fake by DISCORD_API_URL. */
export function discordAdapterFor(fake: FakeDiscord, logger: Logger, token = BOT_TOKEN): DiscordAdapter {
  const config = discordConfigSchema.parse({ DISCORD_TOKEN: token, DISCORD_API_URL: fake.apiUrl });
  return createDiscordAdapter(config, logger);
}

/** The member's permissions in a channel as Discord puts them in an interaction (roles only; the owner has all). */
function interactionPermissions(who: Who, guildId: string): bigint {
  if (who === "owner") return PermissionsBitField.All;
  const guild = [newsroomGuild(), ngoGuild()].find((g) => g.id === guildId);
  const roles = new Set([guildId, ...ROLES_OF[who]]);
  return (guild?.roles ?? [])
    .filter((r) => roles.has(r.id))
    .reduce((sum, r) => sum | BigInt(r.permissions), 0n);
}

/**
 * A running Discord adapter against a fake Discord, with helpers that play the users' side:
 * a member types a message, a member runs a slash command, the test waits for the bot's answer.
 */
export class DiscordHarness {
  private constructor(
    readonly fake: FakeDiscord,
    readonly adapter: DiscordAdapter,
    readonly logs: string[],
  ) {}

  /** The fake and an adapter built for it, not yet connected: its poster can go to the bot first. */
  static async create(options: { heartbeatIntervalMs?: number } = {}): Promise<DiscordHarness> {
    const fake = await startFakeDiscord(options);
    const { logger, lines } = capturedLogger();
    return new DiscordHarness(fake, discordAdapterFor(fake, logger), lines);
  }

  static async start(bot: BotCore, options: { heartbeatIntervalMs?: number } = {}): Promise<DiscordHarness> {
    const harness = await DiscordHarness.create(options);
    await harness.adapter.start(bot);
    return harness;
  }

  /** A member posts a message; `<@id>` mentions in it are resolved as Discord would. */
  say(who: Who, place: Place, content: string): GatewayMessageCreateDispatchData {
    const known = [botUser, ...Object.values(USERS).map((u) => user(u))];
    const mentioned = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => known.find((u) => u.id === m[1]));
    const message = messageCreate({
      guildId: place.guildId,
      channelId: place.channelId,
      author: user(USERS[who]),
      roles: ROLES_OF[who],
      content,
      mentions: mentioned.filter((u) => u !== undefined),
    });
    this.fake.gateway.dispatch(GatewayDispatchEvents.MessageCreate, message);
    return message;
  }

  /** A member writes to the bot directly: a DM channel opens and the message arrives in it. */
  dm(who: Who, channelId: string, content: string): GatewayMessageCreateDispatchData {
    this.fake.openDm(channelId, USERS[who].id);
    const message = messageCreate({ channelId, author: user(USERS[who]), roles: [], content });
    this.fake.gateway.dispatch(GatewayDispatchEvents.MessageCreate, message);
    return message;
  }

  /** The bot's reply to a message, and the Create Message request that made it. */
  async replyTo(message: { id: string }): Promise<{ reply: APIMessage; request: RecordedRequest }> {
    const reply = await this.fake.waitFor(`a reply to ${message.id}`, () =>
      this.fake.created.find((m) => m.message_reference?.message_id === message.id),
    );
    const request = this.fake.requests.find(
      (r) =>
        r.method === "POST" &&
        (r.body as { message_reference?: { message_id: string } })?.message_reference?.message_id ===
          message.id,
    );
    if (!request) throw new Error("reply without a request");
    return { reply, request };
  }

  /** A member runs `/brief <subcommand>`; resolves with the interaction response the bot sent. */
  async slash(
    who: Who,
    place: Place,
    subcommand: string,
    options: Record<string, string> = {},
    appPermissions = BOT_PERMISSIONS,
  ) {
    const interaction = slashCommand({
      applicationId: APPLICATION_ID,
      commandId: "1186300000000000000",
      guildId: place.guildId,
      channel: { id: place.channelId, name: place.name },
      user: user(USERS[who]),
      roles: ROLES_OF[who],
      permissions: interactionPermissions(who, place.guildId),
      appPermissions,
      subcommand,
      options,
      token: FakeDiscord.interactionToken(),
    });
    this.fake.interact(interaction);
    const response = await this.fake.waitFor(`the response to /brief ${subcommand}`, () =>
      this.fake.interactionResponses.get(interaction.id),
    );
    return { interaction, response };
  }

  /** A member clicks a button (by its custom id) on a message the bot posted; resolves with the bot's response. */
  async click(who: Who, place: Place, message: { id: string }, customId: string) {
    const interaction = buttonClick({
      applicationId: APPLICATION_ID,
      guildId: place.guildId,
      channel: { id: place.channelId, name: place.name },
      user: user(USERS[who]),
      roles: ROLES_OF[who],
      permissions: interactionPermissions(who, place.guildId),
      appPermissions: BOT_PERMISSIONS,
      customId,
      messageId: message.id,
      token: FakeDiscord.interactionToken(),
    });
    this.fake.interact(interaction);
    return this.fake.waitFor(`the response to a click on ${customId}`, () =>
      this.fake.interactionResponses.get(interaction.id),
    );
  }

  /** A member submits a form the bot opened; resolves with the bot's response. */
  async submit(who: Who, place: Place, customId: string, values: Record<string, string>) {
    const interaction = modalSubmit({
      applicationId: APPLICATION_ID,
      guildId: place.guildId,
      channel: { id: place.channelId, name: place.name },
      user: user(USERS[who]),
      roles: ROLES_OF[who],
      permissions: interactionPermissions(who, place.guildId),
      appPermissions: BOT_PERMISSIONS,
      customId,
      values,
      token: FakeDiscord.interactionToken(),
    });
    this.fake.interact(interaction);
    return this.fake.waitFor(`the response to the form ${customId}`, () =>
      this.fake.interactionResponses.get(interaction.id),
    );
  }

  /** A member types `partial` into an option of `/brief <subcommand>`; resolves with the suggestions sent. */
  async suggest(
    who: Who,
    place: Place,
    subcommand: string,
    option: string,
    partial: string,
    others: Record<string, string> = {},
  ) {
    const interaction = autocomplete({
      applicationId: APPLICATION_ID,
      commandId: "1186300000000000000",
      guildId: place.guildId,
      channel: { id: place.channelId, name: place.name },
      user: user(USERS[who]),
      roles: ROLES_OF[who],
      permissions: interactionPermissions(who, place.guildId),
      appPermissions: BOT_PERMISSIONS,
      subcommand,
      options: { ...others, [option]: partial },
      focused: option,
      token: FakeDiscord.interactionToken(),
    });
    this.fake.interact(interaction);
    const response = await this.fake.waitFor(`suggestions for /brief ${subcommand} ${option}`, () =>
      this.fake.interactionResponses.get(interaction.id),
    );
    return response as { type: number; data?: { choices?: { name: string; value: string }[] } };
  }

  async stop(): Promise<void> {
    await this.adapter.stop();
    await this.fake.close();
  }
}

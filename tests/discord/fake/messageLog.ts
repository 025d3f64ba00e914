import {
  type APIMessage,
  type GatewayMessageCreateDispatchData,
  MessageType,
  SnowflakeUtil,
} from "discord.js";
import { invalidMessageBody } from "./messageRules.ts";

/**
 * The messages the bot created through Create Message, as Discord would store them: bodies over
 * a limit are refused (400, 50035), and with `enforce_nonce` a nonce seen before returns the
 * earlier message instead of creating another.
 */
export class MessageLog {
  readonly created: APIMessage[] = [];
  readonly #nonces = new Map<string, APIMessage>();

  constructor(private readonly botUser: { id: string; username: string }) {}

  create(
    channelId: string,
    guildId: string | undefined,
    body: Record<string, unknown>,
  ): { status: number; body: unknown; created?: GatewayMessageCreateDispatchData } {
    const problems = invalidMessageBody(body);
    if (problems.length > 0)
      return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: problems } };
    const nonceKey = body.enforce_nonce && body.nonce !== undefined ? String(body.nonce) : undefined;
    const earlier = nonceKey ? this.#nonces.get(nonceKey) : undefined;
    if (earlier) return { status: 200, body: earlier };
    const now = new Date();
    const reference = body.message_reference as { message_id: string } | undefined;
    const message = {
      id: SnowflakeUtil.generate({ timestamp: now }).toString(),
      type: reference ? MessageType.Reply : MessageType.Default,
      channel_id: channelId,
      ...(guildId ? { guild_id: guildId } : {}),
      author: { ...this.botUser, discriminator: "0", avatar: null, global_name: null, bot: true },
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      timestamp: now.toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      flags: 0,
      components: body.components ?? [],
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(reference ? { message_reference: { ...reference, channel_id: channelId, type: 0 } } : {}),
    } as unknown as GatewayMessageCreateDispatchData;
    this.created.push(message);
    if (nonceKey) this.#nonces.set(nonceKey, message);
    return { status: 200, body: message, created: message };
  }
}

import type { App, RespondArguments } from "@slack/bolt";
import type { Reply } from "../../src/commands/reply.ts";
import type { HandlerContext } from "./handlerContext.ts";
import { COMMAND_PREFIX, SLASH_COMMAND } from "./messages.ts";
import { renderFailure, renderReply } from "./renderReply.ts";
import { translateSlashCommand } from "./translate.ts";

/**
 * Slack shows an error if a command is not acknowledged within 3 seconds. Answers that are ready
 * sooner go inside the ack (one round trip, nothing to fail later); slower ones are acked empty
 * and sent through `response_url`. The margin covers the network on both sides.
 */
export const DEFAULT_ACK_DEADLINE_MS = 2000;

/**
 * Answers are shown to the asker only, with a button to share them; command results the core
 * marks public (a channel subscribed, a status updated) go to the whole channel.
 */
export function slashResponse(reply: Reply, question: string): RespondArguments {
  const inChannel = reply.kind === "result" && reply.visibility === "public" && reply.ok;
  const message = renderReply(reply, { commandPrefix: COMMAND_PREFIX.slash, shareQuestion: question });
  return { response_type: inChannel ? "in_channel" : "ephemeral", ...message };
}

const TIMED_OUT = Symbol("timed out");

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** `/brief <text>`: the text goes to the core as is; the reply is rendered for Slack. */
export function registerSlashCommand(app: App, context: HandlerContext, ackDeadlineMs: number): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    const request = translateSlashCommand(command, context.clock());
    const response = context
      .bot()
      .handle(request)
      .then((reply) => slashResponse(reply, request.text))
      .catch((error: unknown) => {
        context.logger.error({ err: error, channel: request.channel.id }, "slash command failed");
        return { response_type: "ephemeral", ...renderFailure() } satisfies RespondArguments;
      });
    const early = await within(response, ackDeadlineMs);
    if (early !== TIMED_OUT) {
      await ack(early);
      return;
    }
    await ack();
    await respond(await response);
  });
}

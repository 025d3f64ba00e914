import type { SubscriptionActions } from "../../subscriptions/actions.ts";
import { messages } from "../../subscriptions/messages.ts";
import { declaration, usageOf } from "../declarations.ts";
import { type CommandSpec, defineCommand } from "../spec.ts";
import { resolveTopic, topicName } from "./resolveTopic.ts";
import { result } from "./result.ts";

const usage = usageOf(declaration("unsubscribe"));

/**
 * `unsubscribe`: stops following one entity, or with "all" everything the channel follows, since
 * someone typing "unsubscribe all" wants the posts to stop. Entities without a status still resolve,
 * so that a subscription outlives its entity's timeline.
 */
export function unsubscribeCommand(actions: SubscriptionActions): CommandSpec {
  return defineCommand("unsubscribe", async ({ request, args, services }) => {
    if (!request.canManageSubscriptions) return result("forbidden", false, messages.forbidden);
    const target = resolveTopic(args, services, usage, {
      withStatus: false,
      retry: (id) => `unsubscribe ${id}`,
    });
    if (!target.ok) return target.reply;
    const everything = target.topic.kind === "all";
    const removed = await actions.unsubscribe(
      request.channel,
      everything ? "everything" : target.topic,
      request.now,
    );
    if (removed.length === 0) {
      return result(
        "not-subscribed",
        false,
        everything ? messages.notSubscribedAtAll : messages.notSubscribed(target.name),
      );
    }
    const names = removed.map((topic) => topicName(topic, services));
    return result("unsubscribed", true, messages.unsubscribed(names), "public");
  });
}

import type { SubscriptionActions } from "../../subscriptions/actions.ts";
import { messages } from "../../subscriptions/messages.ts";
import { declaration, usageOf } from "../declarations.ts";
import { type CommandSpec, defineCommand } from "../spec.ts";
import { resolveTopic } from "./resolveTopic.ts";
import { result } from "./result.ts";

const usage = usageOf(declaration("subscribe"));

/** `subscribe`: the channel follows one entity's status, or all of them. Resumes a suspended one. */
export function subscribeCommand(actions: SubscriptionActions): CommandSpec {
  return defineCommand("subscribe", async ({ request, args, services }) => {
    if (!request.canManageSubscriptions) return result("forbidden", false, messages.forbidden);
    const target = resolveTopic(args, services, usage, {
      withStatus: true,
      retry: (id) => `subscribe ${id}`,
    });
    if (!target.ok) return target.reply;
    const outcome = await actions.subscribe(request.channel, target.topic, request.user, request.now);
    switch (outcome) {
      case "created":
        return result("subscribed", true, messages.subscribed(target.name), "public");
      case "resumed":
        return result("subscribed", true, messages.resumed(target.name), "public");
      case "existing":
        return result("already-subscribed", true, messages.alreadySubscribed(target.name));
    }
  });
}

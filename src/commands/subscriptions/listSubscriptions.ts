import type { SubscriptionActions } from "../../subscriptions/actions.ts";
import { messages } from "../../subscriptions/messages.ts";
import type { SubscriptionView } from "../../subscriptions/types.ts";
import { type CommandSpec, defineCommand } from "../spec.ts";
import { topicName } from "./resolveTopic.ts";

/** `subscriptions`: what this channel follows, since when, by whom, the last notice, and any problem. */
export function listSubscriptionsCommand(actions: SubscriptionActions): CommandSpec {
  return defineCommand("subscriptions", async ({ request, services }) => {
    const records = await actions.subscriptionsOf(request.channel);
    const views: SubscriptionView[] = records.map((record) => ({
      ...record,
      topicName: topicName(record.topic, services),
    }));
    return {
      kind: "subscriptions",
      channel: request.channel,
      subscriptions: views,
      text: messages.subscriptionList(views),
      visibility: "private",
    };
  });
}

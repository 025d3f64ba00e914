import type { CommandSpec } from "../../commands/spec.ts";
import { messages } from "../messages.ts";
import type { SubscriptionView } from "../types.ts";
import type { SubscriptionActions } from "./actions.ts";
import { topicName } from "./resolveTopic.ts";

/** `subscriptions`: what this channel follows, since when, by whom, the last notice, and any problem. */
export function listSubscriptionsCommand(actions: SubscriptionActions): CommandSpec {
  return {
    id: "subscriptions",
    aliases: ["subs"],
    usage: "subscriptions",
    description: "List what this channel follows, the last notice posted, and any delivery problem.",
    examples: ["subscriptions"],
    async run({ request, services }) {
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
    },
  };
}

import type { SubscriptionActions } from "../../subscriptions/actions.ts";
import type { CommandSpec } from "../spec.ts";
import { listSubscriptionsCommand } from "./listSubscriptions.ts";
import { subscribeCommand } from "./subscribe.ts";
import { unsubscribeCommand } from "./unsubscribe.ts";
import { updateCommands } from "./update.ts";

/** subscribe, unsubscribe, subscriptions and update, for the bot's command list. */
export function subscriptionCommands(
  actions: SubscriptionActions,
  confirmOther?: Parameters<typeof updateCommands>[1],
): CommandSpec[] {
  return [
    subscribeCommand(actions),
    unsubscribeCommand(actions),
    listSubscriptionsCommand(actions),
    ...updateCommands(actions, confirmOther),
  ];
}

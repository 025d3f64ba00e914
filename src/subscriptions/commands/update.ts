import { randomUUID } from "node:crypto";
import type { CommandSpec } from "../../commands/spec.ts";
import { messages } from "../messages.ts";
import type { SubscriptionActions } from "./actions.ts";
import { parseUpdate } from "./parseUpdate.ts";
import { resolveTopic } from "./resolveTopic.ts";
import { result } from "./result.ts";

const usage = "update <entity> <open|closed|limited|suspended> <reason> [source URL]";

/**
 * `update` (admins): records a status reported in chat and announces it at once. Any known entity
 * may be updated, not only those with a timeline, so that an admin can start tracking one.
 */
export function updateCommand(actions: SubscriptionActions): CommandSpec {
  return {
    id: "update",
    usage,
    description: "Record a status change reported in chat and notify subscribed channels (admins only).",
    examples: [
      "update kyiv embassy closed Air raid warnings https://example.org/report",
      "update kyiv embassy open Reopened after the alert ended",
    ],
    adminOnly: true,
    async run({ request, args, isAdmin, services }) {
      if (!isAdmin) return result("not-admin", false, messages.notAdmin);
      const parsed = parseUpdate(args);
      if (!parsed) return result("usage", false, messages.usage(usage));
      const target = resolveTopic(parsed.entityText, services, usage, { withStatus: false });
      if (!target.ok) return target.reply;
      if (target.topic.kind !== "entity") return result("usage", false, messages.usage(usage));
      const entityId = target.topic.entityId;
      await actions.refresh();
      if (actions.currentState(entityId) === parsed.state) {
        return result("unchanged", true, messages.unchanged(target.name, parsed.state));
      }
      const report = await actions.recordChatUpdate(
        {
          id: randomUUID(),
          entityId,
          state: parsed.state,
          reason: parsed.reason,
          ...(parsed.url ? { url: parsed.url } : {}),
          by: request.user,
          at: request.now.toISOString(),
        },
        request.now,
      );
      const text = messages.updated(target.name, parsed.state, report.notices.length, report.deliveries);
      return result("updated", true, text, "public");
    },
  };
}

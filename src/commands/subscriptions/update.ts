import { randomUUID } from "node:crypto";
import type { ChatStatusUpdate } from "../../knowledge/chatUpdate.ts";
import { stateIds } from "../../knowledge/states.ts";
import type { SubscriptionActions } from "../../subscriptions/actions.ts";
import { messages } from "../../subscriptions/messages.ts";
import { declaration, usageOf } from "../declarations.ts";
import type { Reply } from "../reply.ts";
import type { ChatRequest } from "../request.ts";
import { type CommandContext, type CommandSpec, defineCommand } from "../spec.ts";
import { MAX_REASON, MAX_URL, parseUpdate } from "./parseUpdate.ts";
import { resolveTopic } from "./resolveTopic.ts";
import { result } from "./result.ts";

const usage = usageOf(declaration("update"));

/** How long an update that would notify channels waits for its `confirm`. */
export const CONFIRM_WINDOW_MS = 5 * 60_000;

interface Pending {
  update: Omit<ChatStatusUpdate, "id" | "at">;
  name: string;
  /** How the state is named: its label where the kind declares it. */
  label?: string;
  expires: number;
}

/** Whose confirm a held change waits for: the same person in the same channel. */
export const pendingKey = (request: ChatRequest) =>
  `${request.channel.platform}:${request.channel.id}:${request.user.platform}:${request.user.id}`;

/**
 * `update` (admins): records a status reported in chat and announces it. Any known entity may be
 * updated, not only those with a timeline, so that an admin can start tracking one. An update that
 * would post to channels says how many first and waits for `confirm` from the same person in the
 * same channel; one that would notify nobody is recorded at once. The waiting update is kept in the
 * store, so the `confirm` may reach another instance sharing it.
 */
export function updateCommands(
  actions: SubscriptionActions,
  /** Confirms something else held under the same key (a review approval): its reply, or undefined if not its own. */
  confirmOther?: (held: unknown, context: CommandContext) => Promise<Reply | undefined>,
): CommandSpec[] {
  const record = async (request: ChatRequest, change: Pending) => {
    const report = await actions.recordChatUpdate(
      { ...change.update, id: randomUUID(), at: request.now.toISOString() },
      request.now,
    );
    const text = messages.updated(
      change.name,
      change.label ?? change.update.state,
      report.notices.length,
      report.deliveries,
    );
    return result("updated", true, text, "public");
  };

  const update = defineCommand("update", async ({ request, args, isAdmin, services }) => {
    if (!isAdmin) return result("not-admin", false, messages.notAdmin);
    const parsed = parseUpdate(args, services.stateIds?.());
    if (!parsed) return result("usage", false, messages.usage(usage));
    if (parsed.reason.length > MAX_REASON)
      return result("usage", false, messages.tooLong("reason", MAX_REASON, usage));
    if (parsed.url && parsed.url.length > MAX_URL)
      return result("usage", false, messages.tooLong("source URL", MAX_URL, usage));
    const target = resolveTopic(parsed.entityText, services, usage, {
      withStatus: false,
      retry: (id) => `update ${id} ${parsed.state} <reason>${parsed.url ? " <source URL>" : ""}`,
    });
    if (!target.ok) return target.reply;
    if (target.topic.kind !== "entity") return result("usage", false, messages.usage(usage));
    const entityId = target.topic.entityId;
    const states = services.stateSet?.(entityId);
    if (states && !states.byId.has(parsed.state))
      return result("usage", false, messages.notAState(target.name, parsed.state, stateIds(states)));
    const label = states?.byId.get(parsed.state)?.label ?? parsed.state;
    await actions.refresh();
    if (actions.currentState(entityId) === parsed.state) {
      return result("unchanged", true, messages.unchanged(target.name, label));
    }
    const change: Pending = {
      update: {
        entityId,
        state: parsed.state,
        reason: parsed.reason,
        ...(parsed.url ? { url: parsed.url } : {}),
        by: request.user,
      },
      name: target.name,
      ...(label !== parsed.state ? { label } : {}),
      expires: request.now.getTime() + CONFIRM_WINDOW_MS,
    };
    const audience = await actions.audienceOf(entityId);
    if (audience === 0) return record(request, change);
    await actions.holdUpdate(pendingKey(request), JSON.stringify(change), change.expires);
    return result(
      "confirm",
      true,
      messages.confirmUpdate(target.name, label, audience, CONFIRM_WINDOW_MS / 60_000),
    );
  });

  const confirm = defineCommand("confirm", async (context) => {
    const { request, isAdmin } = context;
    const held = await actions.takeHeldUpdate(pendingKey(request), request.now);
    const body: unknown = held ? JSON.parse(held) : undefined;
    const other = body && confirmOther ? await confirmOther(body, context) : undefined;
    if (other) return other;
    if (body && !isAdmin) return result("not-admin", false, messages.notAdmin);
    const change = body as Pending | undefined;
    if (!change || change.expires < request.now.getTime())
      return result("usage", false, messages.nothingToConfirm);
    await actions.refresh();
    if (actions.currentState(change.update.entityId) === change.update.state)
      return result("unchanged", true, messages.unchanged(change.name, change.update.state));
    return record(request, change);
  });

  return [update, confirm];
}

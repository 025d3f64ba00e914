import { messages } from "../../subscriptions/messages.ts";
import type { Topic } from "../../subscriptions/types.ts";
import type { Reply } from "../reply.ts";
import type { CommandServices } from "../spec.ts";
import { MAX_ENTITY_ARGUMENT } from "../trackedEntities.ts";
import { result } from "./result.ts";

/** A topic named in a command, or the reply explaining why it could not be settled. */
export type TopicArgument = { ok: true; topic: Topic; name: string } | { ok: false; reply: Reply };

/**
 * Reads "all" or an entity name, through the base's own ids, names and aliases only. A small slip
 * ("italian embasy") is offered back as the command to send with the entity's id, so that it is
 * confirmed before anything changes; anything else is declined with the closest candidates.
 * `retry(id)` is the command to offer, the same command with the entity's id in place of its name.
 */
export function resolveTopic(
  args: string,
  services: CommandServices,
  usage: string,
  options: { withStatus: boolean; retry: (id: string) => string },
): TopicArgument {
  if (args === "") return { ok: false, reply: result("usage", false, messages.usage(usage)) };
  if (args.length > MAX_ENTITY_ARGUMENT)
    return { ok: false, reply: result("usage", false, messages.nameTooLong(MAX_ENTITY_ARGUMENT, usage)) };
  if (args.toLowerCase() === "all") return { ok: true, topic: { kind: "all" }, name: messages.allTopicName };
  const resolution = services.resolveTracked(args, { withStatus: options.withStatus });
  switch (resolution.kind) {
    case "found":
      return {
        ok: true,
        topic: { kind: "entity", entityId: resolution.entity.id },
        name: resolution.entity.name,
      };
    case "corrected":
      return {
        ok: false,
        reply: result(
          "unknown-entity",
          false,
          messages.didYouMean(args, resolution.entity, options.retry(resolution.entity.id)),
        ),
      };
    case "ambiguous":
      return {
        ok: false,
        reply: result("ambiguous", false, messages.ambiguous(args, resolution.candidates)),
      };
    case "unknown":
      return {
        ok: false,
        reply: result("unknown-entity", false, messages.notTracked(args, resolution.candidates)),
      };
  }
}

/** The display name of a stored topic. */
export function topicName(topic: Topic, services: CommandServices): string {
  return topic.kind === "all" ? messages.allTopicName : services.entityName(topic.entityId);
}

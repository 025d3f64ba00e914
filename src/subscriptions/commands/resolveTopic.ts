import type { Reply } from "../../commands/reply.ts";
import type { CommandServices } from "../../commands/spec.ts";
import { messages } from "../messages.ts";
import type { Topic } from "../types.ts";
import { result } from "./result.ts";

/** A topic named in a command, or the reply explaining why it could not be settled. */
export type TopicArgument = { ok: true; topic: Topic; name: string } | { ok: false; reply: Reply };

/**
 * Reads "all" or an entity name. Only a single, certain match becomes a topic: an ambiguous or
 * unknown name returns "did you mean" so that nothing is followed that was not asked for.
 */
export function resolveTopic(
  args: string,
  services: CommandServices,
  usage: string,
  options: { withStatus: boolean },
): TopicArgument {
  if (args === "") return { ok: false, reply: result("usage", false, messages.usage(usage)) };
  if (args.toLowerCase() === "all") return { ok: true, topic: { kind: "all" }, name: messages.allTopicName };
  const resolution = services.resolveEntity(args, { withStatus: options.withStatus });
  switch (resolution.kind) {
    case "found":
      return {
        ok: true,
        topic: { kind: "entity", entityId: resolution.entity.id },
        name: resolution.entity.name,
      };
    case "ambiguous":
      return {
        ok: false,
        reply: result("ambiguous", false, messages.ambiguous(args, resolution.candidates)),
      };
    case "unknown":
      return {
        ok: false,
        reply: result("unknown-entity", false, messages.unknownEntity(args, resolution.suggestions)),
      };
  }
}

/** The display name of a stored topic. */
export function topicName(topic: Topic, services: CommandServices): string {
  return topic.kind === "all" ? messages.allTopicName : services.entityName(topic.entityId);
}

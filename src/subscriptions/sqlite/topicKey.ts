import type { Topic } from "../types.ts";

/** The stored form of a topic: "*" for every status, else the entity id. */
export function topicKey(topic: Topic): string {
  return topic.kind === "all" ? "*" : topic.entityId;
}

/** The inverse of `topicKey`. */
export function topicFromKey(key: string): Topic {
  return key === "*" ? { kind: "all" } : { kind: "entity", entityId: key };
}

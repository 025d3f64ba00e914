import type { DateRef, EntityRef, SourceRef } from "../engine/answer.ts";
import type { State } from "../knowledge/schema.ts";
import type { StateLook } from "../knowledge/states.ts";

/**
 * A change in an entity's status, announced once to every subscribed channel.
 * Adapters render it; `text` is the plain rendering.
 */
export interface StatusChangeNotice {
  id: string;
  entity: EntityRef;
  /** Null for an entity announced for the first time after the baseline. */
  from: State | null;
  to: State;
  /** How the states show, where the thing's kind declares them ("Level 3: Reconsider travel"). */
  fromLook?: StateLook;
  toLook?: StateLook;
  effective: DateRef;
  temporary: boolean;
  /** The cause the source gives; absent when it gives none. */
  reason?: string;
  source: SourceRef;
  /** The earlier notice about the same entity that this one replaces. */
  supersedes: string | null;
  createdAt: string;
  text: string;
}

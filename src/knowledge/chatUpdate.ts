import type { UserRef } from "../messages/addresses.ts";
import type { State } from "./schema.ts";

/**
 * A status change an admin reported from chat (`update`). Stored by the subscription store
 * and merged into the entity's timeline, attributed "reported in chat by …".
 */
export interface ChatStatusUpdate {
  id: string;
  entityId: string;
  state: State;
  reason: string;
  url?: string;
  by: UserRef;
  /** ISO timestamp of when it was reported; also its effective date (day precision). */
  at: string;
}

import type { EntityRef } from "../answer.ts";

/** The outcome of naming an entity in a command ("subscribe kyiv embassy"). */
export type EntityResolution =
  | { kind: "found"; entity: EntityRef }
  | { kind: "ambiguous"; candidates: EntityRef[] }
  | { kind: "unknown"; suggestions: EntityRef[] };

import type { Entity } from "../../knowledge/schema.ts";
import type { EntityRef } from "../answer.ts";

/** What an answer says of an entity it is about: its id, name and kind. */
export const entityRef = (e: Entity): EntityRef => ({ id: e.id, name: e.name, kind: e.kind });

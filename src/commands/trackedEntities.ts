import type { EntityRef } from "../engine/answer.ts";
import type { Entity } from "../knowledge/schema.ts";
import type { Steps } from "../runtime/steps.ts";

/** Longest entity name a command accepts; every real id, name and alias is far shorter. */
export const MAX_ENTITY_ARGUMENT = 120;

/**
 * How an entity named in a command that changes something was read. Only `found` may act:
 * `corrected` is one entity within a small spelling slip, offered for the person to confirm.
 */
export type TrackedResolution =
  | { kind: "found"; entity: EntityRef }
  | { kind: "corrected"; entity: EntityRef }
  | { kind: "ambiguous"; candidates: EntityRef[] }
  | { kind: "unknown"; candidates: EntityRef[] };

// Zero-width, bidi and other invisible formatting characters, which must not change what a name matches.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each joiner and selector is removed on its own.
  /[\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF]/gu;

/**
 * The form names are compared in: NFKC, invisible characters and marks removed, lower case,
 * "U.S." as "us", anything but letters and digits as one space, and a leading "the" dropped.
 */
export function normaliseName(text: string): string {
  const folded = text
    .slice(0, MAX_ENTITY_ARGUMENT * 2)
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/(?<=\p{L})\.(?=\p{L})/gu, "")
    .replace(/['\u2019]s\b/gu, "s")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return folded.replace(/^the /, "");
}

/** Levenshtein distance, or `limit + 1` as soon as it is certain to exceed `limit`. */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/** A slip small enough to offer as a correction: one edit in a short name, two in a long one. */
function correctionLimit(length: number): number {
  if (length < 5) return 0;
  return length < 12 ? 1 : 2;
}

interface NamedEntity {
  ref: EntityRef;
  /** Set when a chat update gives the thing its first status. */
  hasStatus: boolean;
}

/**
 * Resolves entity names in `update`, `subscribe` and `unsubscribe` over the base's own ids, names
 * and aliases, compared after `normaliseName` and nothing more: no question understanding, no
 * phrase search inside longer text. A name the base lacks is never read as something it has.
 */
export class TrackedEntities {
  private readonly byName = new Map<string, NamedEntity[]>();
  private readonly all: { name: string; entity: NamedEntity }[] = [];

  constructor(entities: Iterable<Entity>, hasStatus: (id: string) => boolean) {
    for (const entity of entities) this.add(entity, hasStatus(entity.id));
  }

  /** The same, in steps of one entity, for a large base read between questions. */
  static *inSteps(entities: Iterable<Entity>, hasStatus: (id: string) => boolean): Steps<TrackedEntities> {
    const tracked = new TrackedEntities([], hasStatus);
    for (const entity of entities) {
      tracked.add(entity, hasStatus(entity.id));
      yield;
    }
    return tracked;
  }

  private add(entity: Entity, hasStatus: boolean): void {
    const named: NamedEntity = { ref: { id: entity.id, name: entity.name, kind: entity.kind }, hasStatus };
    const names = new Set([entity.id, entity.name, ...entity.aliases].map(normaliseName));
    for (const name of names) {
      if (!name) continue;
      const list = this.byName.get(name) ?? [];
      list.push(named);
      this.byName.set(name, list);
      this.all.push({ name, entity: named });
    }
  }

  /** Marks a thing as having a status, as a chat update that gives it its first one does. */
  giveStatus(id: string): void {
    for (const named of this.byName.get(normaliseName(id)) ?? [])
      if (named.ref.id === id) named.hasStatus = true;
  }

  resolve(text: string, options: { withStatus: boolean }): TrackedResolution {
    const eligible = (e: NamedEntity) => !options.withStatus || e.hasStatus;
    const asked = normaliseName(text);
    if (!asked) return { kind: "unknown", candidates: [] };
    // A name several entities share is ambiguous even when only one of them has a status.
    const exact = unique(this.byName.get(asked) ?? []);
    if (exact.length > 1) return { kind: "ambiguous", candidates: exact.map((e) => e.ref) };
    if (exact.length === 1 && eligible(exact[0] as NamedEntity))
      return { kind: "found", entity: (exact[0] as NamedEntity).ref };

    const limit = correctionLimit(asked.length);
    // Candidates are offered only, never acted on: "closest" allows up to 40% of the name to differ.
    const offerLimit = Math.max(limit, Math.floor(asked.length * 0.4));
    const best = new Map<NamedEntity, number>();
    for (const { name, entity } of this.all) {
      if (!eligible(entity)) continue;
      const distance = boundedDistance(asked, name, offerLimit);
      if (distance > offerLimit) continue;
      const known = best.get(entity);
      if (known === undefined || distance < known) best.set(entity, distance);
    }
    const ranked = [...best.entries()].sort(
      (a, b) => a[1] - b[1] || a[0].ref.name.localeCompare(b[0].ref.name),
    );
    const close = ranked.filter(([, distance]) => distance <= limit);
    if (close.length === 1) return { kind: "corrected", entity: (close[0] as [NamedEntity, number])[0].ref };
    return { kind: "unknown", candidates: ranked.slice(0, 3).map(([entity]) => entity.ref) };
  }
}

function unique(list: NamedEntity[]): NamedEntity[] {
  return [...new Set(list)];
}

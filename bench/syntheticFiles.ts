import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import type { ResolvedEvent } from "../src/knowledge/base.ts";
import type { Fact } from "../src/knowledge/schema.ts";
import { type SyntheticBase, syntheticBase } from "./synthetic.ts";

/** Facts per file: 10,000 facts make about 3 MB of YAML, well under the per-file limit. */
export const FACTS_PER_FILE = 10_000;

/** The file holding the sources, entities and timelines; the facts are in `facts-NNN.yaml`. */
export const SYNTHETIC_MAIN_FILE = "a-base.yaml";

/**
 * Writes the generated base of `factCount` facts into `dir` as knowledge files (sources,
 * entities and timelines in one, the facts split over several), so that loading it goes through
 * the same reading, parsing and validation as a curated folder. `states` overrides the state of
 * some embassies' timelines, for a second version of the same base. `generated` is the base
 * `syntheticBase(factCount)` returns, when the caller has it already (it takes seconds to build).
 */
export function writeSyntheticKnowledge(
  dir: string,
  factCount: number,
  options: { states?: Record<string, string>; generated?: SyntheticBase } = {},
): { questions: string[]; timelines: ReadonlyMap<string, readonly ResolvedEvent[]> } {
  const { base, questions } = options.generated ?? syntheticBase(factCount);
  if (base.facts.length !== factCount)
    throw new Error(`the generated base has ${base.facts.length} facts, not ${factCount}`);
  mkdirSync(dir, { recursive: true });
  const entities = [...base.entities.values()].map((e) => {
    const { aliases, demonyms, primary, ...rest } = e;
    return {
      ...rest,
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(demonyms.length > 0 ? { demonyms } : {}),
      ...(primary ? { primary } : {}),
    };
  });
  const sources = [...base.sources.values()].map(({ notes, descriptiveHeadline, ...rest }) => rest);
  const timelines = [...base.timelines].map(([entity, events]) => ({
    entity,
    events: events.map((event) => ({
      state: options.states?.[entity] ?? event.state,
      effective: event.effective,
      reason: event.reason,
      source: event.source.id,
      paragraph: 1,
    })),
  }));
  writeFileSync(path.join(dir, SYNTHETIC_MAIN_FILE), stringify({ sources, entities, timelines }));
  for (let i = 0; i * FACTS_PER_FILE < base.facts.length; i++) {
    const facts = base.facts.slice(i * FACTS_PER_FILE, (i + 1) * FACTS_PER_FILE);
    writeFileSync(path.join(dir, `facts-${String(i).padStart(3, "0")}.yaml`), factsYaml(facts));
  }
  return { questions, timelines: base.timelines };
}

/** Block YAML for facts, written directly: the generic writer takes seconds for a large base. */
function factsYaml(facts: readonly Fact[]): string {
  const q = (text: string) => JSON.stringify(text);
  const lines = ["facts:"];
  for (const fact of facts) {
    lines.push(
      `  - id: ${fact.id}`,
      `    about: [${fact.about.join(", ")}]`,
      `    statement: ${q(fact.statement)}`,
      `    source: ${fact.source}`,
      `    paragraph: ${fact.paragraph}`,
      `    attribution: ${q(fact.attribution)}`,
      `    certainty: ${fact.certainty}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that bound how long something may take to within tens of milliseconds (an answer during
 * a reload or a chat update, cutting a huge text, a deferred reply, a retried post). They run after the rest, one at a time, so that
 * the suite's own parallel files cannot push them past their bounds.
 */
export const TIMED_FILES = [
  "tests/core/largeReload.test.ts",
  "tests/subscriptions/chatUpdateLag.test.ts",
  "tests/core/clean.test.ts",
  "tests/discord/defer.test.ts",
  "tests/slack/poster.test.ts",
  "tests/slack/httpMode.test.ts",
  // A platform counting posts per second: a post held up by another file's work lands in the next second.
  "tests/subscriptions/scaleBench.test.ts",
];

/**
 * The files that take longest (they start bot processes, databases or many generated cases), longest
 * first, those that start many processes between those that work in their own. A fresh clone has no timings of its own yet; Vitest would start its largest files first,
 * which leaves one of these running alone at the end.
 */
export const HEAVY_FILES = [
  "tests/core/largeReload.test.ts",
  "tests/subscriptions/chatUpdateLag.test.ts",
  "tests/core/databaseFaults.test.ts",
  "tests/hostile/hostile.test.ts",
  "tests/subscriptions/threeInstances.test.ts",
  "tests/core/secrets.test.ts",
  "tests/core/mainOps.test.ts",
  "tests/subscriptions/crash.test.ts",
  "tests/discord/register.test.ts",
  "tests/subscriptions/instances.test.ts",
  "tests/core/shutdown.test.ts",
  "tests/core/knowledgeFaults.test.ts",
  "tests/core/hungShutdown.test.ts",
  "tests/core/oneTruth.test.ts",
  "tests/core/deployment.test.ts",
  "tests/subscriptions/postgresStore.test.ts",
  "tests/core/firstStatus.test.ts",
  "tests/core/cli.test.ts",
  "tests/discord/flow.test.ts",
  "tests/shell/execute.test.ts",
  "tests/engine/properties.test.ts",
];

/** Vitest's order (its recorded timings when it has them), with the known heavy files first. */
export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = HEAVY_FILES.indexOf(path.relative(file.project.config.root, file.moduleId));
      return index === -1 ? HEAVY_FILES.length : index;
    };
    // Array.prototype.sort is stable: the rest keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

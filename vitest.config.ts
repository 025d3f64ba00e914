import { configDefaults, defineConfig } from "vitest/config";
import { POSTGRES_ONLY_FILES, skipPostgres } from "./tests/support/postgres.ts";
import { HeavyFirstSequencer, TIMED_FILES } from "./tests/support/sequencer.ts";

/**
 * Test files run several at a time: most of their time is spent waiting on the processes, servers
 * and databases they start, not on the CPU. Vitest's default on a 2-core machine is one file at a
 * time; `BRIEFBOT_TEST_WORKERS` overrides the number.
 */
const workers = Number(process.env.BRIEFBOT_TEST_WORKERS) || 3;

// BRIEFBOT_TEST_POSTGRES=skip leaves out the files that need PostgreSQL throughout; the run says so.
const skipped = skipPostgres ? POSTGRES_ONLY_FILES : [];

export default defineConfig({
  test: {
    globalSetup: ["tests/support/globalSetup.ts"],
    // Hang catchers, not bounds: several files start processes at once on two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The files known to take longest start first, so that none of them is left running alone at the end.
    sequence: { sequencer: HeavyFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: "parallel",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...skipped, ...TIMED_FILES],
          maxWorkers: workers,
          // One process per worker for all its files, so that each file does not import the bot's
          // libraries again; every file cleans up what it starts.
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The tests that bound how long an answer may wait run last, one file at a time, so that the
        // run's own parallel files do not count against those bounds.
        extends: true,
        test: {
          name: "timed",
          include: TIMED_FILES,
          exclude: [...configDefaults.exclude, ...skipped],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

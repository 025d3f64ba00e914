import { configDefaults, defineConfig } from "vitest/config";
import { POSTGRES_ONLY_FILES, skipPostgres } from "./tests/support/postgres.ts";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // BRIEFBOT_TEST_POSTGRES=skip leaves out the files that need PostgreSQL throughout; the run says so.
    exclude: [...configDefaults.exclude, ...(skipPostgres ? POSTGRES_ONLY_FILES : [])],
    globalSetup: ["tests/support/globalSetup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});

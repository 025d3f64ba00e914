import pg from "pg";
import { adminHost, adminUrl, POSTGRES_ONLY_FILES, skipPostgres } from "./postgres.ts";

/**
 * Before any test: says at once whether the PostgreSQL tests run. With BRIEFBOT_TEST_POSTGRES=skip
 * they are left out and the run says so (CI, which sets CI=true, refuses to skip them); otherwise a
 * PostgreSQL that cannot be reached is named now, with what to do, rather than in each failing test.
 */
export default async function setup(): Promise<void> {
  if (skipPostgres) {
    if (process.env.CI === "true" || process.env.CI === "1")
      throw new Error(
        "BRIEFBOT_TEST_POSTGRES=skip is not allowed in CI: the PostgreSQL tests must run there",
      );
    process.stdout.write(
      `\nBRIEFBOT_TEST_POSTGRES=skip: the PostgreSQL tests are SKIPPED (${POSTGRES_ONLY_FILES.join(", ")} left out; their PostgreSQL cases in crash.test.ts and instances.test.ts marked skipped). CI runs them.\n\n`,
    );
    return;
  }
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    process.stdout.write(
      `\nPostgreSQL is not reachable at ${adminHost} (${(error as Error).message}), so the PostgreSQL tests will fail: start it (bash .ci/run does), set BRIEFBOT_TEST_POSTGRES_URL, or run BRIEFBOT_TEST_POSTGRES=skip npm test to skip them.\n\n`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

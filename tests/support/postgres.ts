import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The machine's PostgreSQL (`.ci/run` starts it): trust auth on 127.0.0.1:5432. Tests connect to its
 * `test` database only to create and drop databases of their own.
 */
export const adminUrl = process.env.BRIEFBOT_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * `BRIEFBOT_TEST_POSTGRES=skip npm test` runs everything but the PostgreSQL tests, on a machine
 * without PostgreSQL. The run says so at its start (tests/support/globalSetup.ts) and CI refuses it.
 */
export const skipPostgres = process.env.BRIEFBOT_TEST_POSTGRES === "skip";

/** The test files that need PostgreSQL throughout; left out of a run with BRIEFBOT_TEST_POSTGRES=skip. */
export const POSTGRES_ONLY_FILES = [
  "tests/subscriptions/postgresStore.test.ts",
  "tests/subscriptions/threeInstances.test.ts",
];

/** Where the admin URL points, without user or password. */
export const adminHost = adminUrl.replace(/\/\/[^@]*@/, "//");

/** A fresh, empty database for one test file; `drop` removes it, closing whatever is still connected. */
export async function createTestDatabase(): Promise<{
  url: string;
  name: string;
  drop: () => Promise<void>;
}> {
  const name = `briefbot_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${adminHost} (${(error as Error).message}); ` +
        "start it (bash .ci/run does), set BRIEFBOT_TEST_POSTGRES_URL, or skip these tests with BRIEFBOT_TEST_POSTGRES=skip",
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

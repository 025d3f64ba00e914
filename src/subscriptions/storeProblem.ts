import { DatabaseInUseError } from "./sqlite/database.ts";

/**
 * One line saying what is wrong with the subscription store at start-up and what to do, or undefined
 * for an error that is not the store's. Never includes a URL, which may hold a password.
 */
export function describeStoreProblem(error: unknown): string | undefined {
  if (error instanceof DatabaseInUseError) return error.message;
  const { code, message } = error as { code?: string; message?: string };
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT" || code === "EAI_AGAIN")
    return `cannot reach the PostgreSQL server in DATABASE_URL (${code}); start it, or check the host and port`;
  if (code === "28P01" || code === "28000")
    return "PostgreSQL refused the user or password in DATABASE_URL; check them";
  if (code === "3D000")
    return "the database named in DATABASE_URL does not exist; create it (createdb) first";
  if (message?.includes("newer than this code"))
    return `the subscription database was made by a newer briefbot: ${message}; upgrade this one`;
  return undefined;
}

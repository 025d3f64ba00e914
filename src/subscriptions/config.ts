import { z } from "zod";

/** Environment values arrive as strings; a blank `KEY=` line means "not set". */
const blankAsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional());

/**
 * The delivery keys: where subscriptions live and how fast notices go out. Messages never echo a
 * value: a database URL may hold a password.
 */
export const deliveryConfigShape = {
  /** postgres://user:password@host:5432/db selects the PostgreSQL store; unset keeps embedded SQLite. */
  DATABASE_URL: optional(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres://user@host:5432/database URL, or unset for SQLite"),
  ),
  /** This instance's name in logs and on its delivery claims; default a random one per start. */
  BRIEFBOT_INSTANCE_ID: optional(
    z
      .string()
      .trim()
      .regex(/^[\w.:-]{1,64}$/, "use letters, digits, . _ : -"),
  ),
  /**
   * Multiplies the posting rates the bot keeps to (Slack about 1 a second per channel, Discord 50 a
   * second): only for a platform that granted a higher limit, or a test against a fake.
   */
  BRIEFBOT_RATE_SCALE: optional(z.coerce.number().positive("must be a number above 0").max(1000)),
};

export const deliveryConfigSchema = z.object(deliveryConfigShape);

export interface DeliveryConfig {
  databaseUrl?: string;
  instanceId?: string;
  rateScale: number;
}

export function toDeliveryConfig(env: z.infer<typeof deliveryConfigSchema>): DeliveryConfig {
  return {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.BRIEFBOT_INSTANCE_ID ? { instanceId: env.BRIEFBOT_INSTANCE_ID } : {}),
    rateScale: env.BRIEFBOT_RATE_SCALE ?? 1,
  };
}

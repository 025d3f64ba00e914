import { z } from "zod";

const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** "slack:U123, discord:456" -> ["slack:U123", "discord:456"]. */
const adminList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^(slack|discord|shell):\S+$/, "each admin must be platform:user-id, e.g. slack:U0123ABCD"),
    ),
  );

/** The core's environment keys. Adapters add theirs with their own schemas. */
export const coreConfigSchema = z.object({
  BRIEFBOT_KNOWLEDGE_DIR: z.string().default("knowledge"),
  BRIEFBOT_DB_PATH: z.string().default("data/briefbot.db"),
  BRIEFBOT_ADMINS: adminList.default([]),
  LOG_LEVEL: logLevel.default("info"),
  BRIEFBOT_WATCH: z.enum(["on", "off"]).default("on"),
  BRIEFBOT_LOG_FILE: z.string().optional(),
});

export interface CoreConfig {
  knowledgeDir: string;
  dbPath: string;
  admins: string[];
  logLevel: z.infer<typeof logLevel>;
  watchKnowledge: boolean;
  /** Every log line goes to this file instead of stderr (or, at a terminal, above the prompt). */
  logFile?: string;
}

export function toCoreConfig(env: z.infer<typeof coreConfigSchema>): CoreConfig {
  return {
    knowledgeDir: env.BRIEFBOT_KNOWLEDGE_DIR,
    dbPath: env.BRIEFBOT_DB_PATH,
    admins: env.BRIEFBOT_ADMINS,
    logLevel: env.LOG_LEVEL,
    watchKnowledge: env.BRIEFBOT_WATCH === "on",
    ...(env.BRIEFBOT_LOG_FILE ? { logFile: env.BRIEFBOT_LOG_FILE } : {}),
  };
}

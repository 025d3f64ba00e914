import pino, { type Logger } from "pino";

/** A real pino logger whose lines are kept, so tests can read what would have been logged. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

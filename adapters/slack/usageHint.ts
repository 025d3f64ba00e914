import { declaration, usageOf } from "../../src/commands/declarations.ts";

/** The commands Slack's one-line hint under `/brief` names, after the question itself. */
const HINTED = ["status", "subscribe", "help"];

/**
 * The usage hint Slack shows as `/brief` is typed, from the core's command declarations:
 * "<question> | status [entity] | subscribe <entity | all> | help". The manifest carries it, and a
 * test keeps the two the same.
 */
export function slackUsageHint(): string {
  const [question] = usageOf(declaration("ask")).split(" ").slice(1);
  return [question ?? "<question>", ...HINTED.map((id) => usageOf(declaration(id)))].join(" | ");
}

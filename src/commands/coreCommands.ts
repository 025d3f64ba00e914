import type { Answer } from "../engine/answer.ts";
import { citeSource } from "../engine/language/sentences.ts";
import type { KnowledgeBase } from "../knowledge/base.ts";
import { formatDated } from "../knowledge/dates.ts";
import { OUR_TITLE } from "../messages/catalogue.ts";
import { echo } from "../text/clean.ts";
import { MAX_QUESTION } from "./declarations.ts";
import { commandMessages } from "./messages.ts";
import type { Reply } from "./reply.ts";
import { type CommandSpec, defineCommand } from "./spec.ts";

/** What the core commands need from the bot beyond `CommandServices`. */
export interface CoreCommandDeps {
  base(): KnowledgeBase;
  /** The latest status of these entities, or of every tracked one. */
  statuses(now: Date, entityIds?: string[]): Answer;
  helpReply(): Reply;
}

export { MAX_QUESTION } from "./declarations.ts";

const answerReply = (answer: Answer): Reply => ({
  kind: "answer",
  answer,
  text: answer.text,
  visibility: "public",
});

/** ask (the default), help, status and sources. */
export function coreCommands(deps: CoreCommandDeps): { ask: CommandSpec; commands: CommandSpec[] } {
  const ask = defineCommand("ask", ({ args, request, services, subject }) => {
    if (!args)
      return {
        kind: "result",
        ok: false,
        code: "usage",
        text: commandMessages.askUsage,
        visibility: "private",
      };
    if (args.length > MAX_QUESTION)
      return {
        kind: "result",
        ok: false,
        code: "usage",
        text: commandMessages.questionTooLong(MAX_QUESTION),
        visibility: "private",
      };
    return answerReply(services.ask(args, request.now, subject));
  });
  const help = defineCommand("help", () => deps.helpReply());
  const status = defineCommand("status", ({ args, request, services }) => {
    if (!args) return answerReply(deps.statuses(request.now));
    const resolved = services.resolveEntity(args, { withStatus: true });
    if (resolved.kind === "found") return answerReply(deps.statuses(request.now, [resolved.entity.id]));
    const names = resolved.kind === "ambiguous" ? resolved.candidates : resolved.suggestions;
    const hint = names.length > 0 ? ` Did you mean ${names.map((e) => e.name).join(" or ")}?` : "";
    return {
      kind: "result",
      ok: false,
      code: resolved.kind === "ambiguous" ? "ambiguous" : "unknown-entity",
      text: commandMessages.noStatusFor(echo(args), hint),
      visibility: "private",
    };
  });
  const sources = defineCommand("sources", () => {
    const base = deps.base();
    const list = [...base.sources.keys()].map((id) => base.sourceRef(id));
    const lines = list.map(
      (s) => `- ${s.headline}${s.descriptiveHeadline ? ` ${OUR_TITLE}` : ""} (${citeSource(s)})`,
    );
    return {
      kind: "sources",
      sources: list,
      text: commandMessages.sources(
        lines,
        list.map((s) => formatDated(s.published)),
      ),
      visibility: "public",
    };
  });
  return { ask, commands: [ask, help, status, sources] };
}

import type { Answer } from "../engine/answer.ts";
import { citeSource } from "../engine/messages.ts";
import type { KnowledgeBase } from "../knowledge/base.ts";
import { formatDated } from "../knowledge/dates.ts";
import { echo } from "../text/clean.ts";
import { commandMessages } from "./messages.ts";
import type { Reply } from "./reply.ts";
import type { CommandSpec } from "./spec.ts";

/** What the core commands need from the bot beyond `CommandServices`. */
export interface CoreCommandDeps {
  base(): KnowledgeBase;
  /** The latest status of these entities, or of every tracked one. */
  statuses(now: Date, entityIds?: string[]): Answer;
  helpReply(): Reply;
}

/** Longest question a chat message may ask; a longer paste is declined with the limit, not cut silently. */
export const MAX_QUESTION = 2_000;

const answerReply = (answer: Answer): Reply => ({
  kind: "answer",
  answer,
  text: answer.text,
  visibility: "public",
});

/** ask (the default), help, status and sources. */
export function coreCommands(deps: CoreCommandDeps): { ask: CommandSpec; commands: CommandSpec[] } {
  const ask: CommandSpec = {
    id: "ask",
    usage: "ask <question>",
    description: "answer a question from the sourced fact base (the default: just type the question)",
    examples: [
      "is the US embassy in Kyiv open?",
      "why is the Italian embassy in Kyiv closed?",
      "who is Bridget Brink?",
    ],
    run: ({ args, request, services }) => {
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
      return answerReply(services.ask(args, request.now));
    },
  };
  const help: CommandSpec = {
    id: "help",
    aliases: ["commands"],
    usage: "help",
    description: "list what I can do",
    examples: [],
    run: () => deps.helpReply(),
  };
  const status: CommandSpec = {
    id: "status",
    usage: "status [entity]",
    description: "the latest reported status of one embassy, or of every one I track",
    examples: ["status", "status italian embassy"],
    run: ({ args, request, services }) => {
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
    },
  };
  const sources: CommandSpec = {
    id: "sources",
    usage: "sources",
    description: "the articles my answers come from",
    examples: [],
    run: () => {
      const base = deps.base();
      const list = [...base.sources.keys()].map((id) => base.sourceRef(id));
      const lines = list.map(
        (s) => `- ${s.headline}${s.descriptiveHeadline ? " [our title]" : ""} (${citeSource(s)})`,
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
    },
  };
  return { ask, commands: [ask, help, status, sources] };
}

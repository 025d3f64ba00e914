import type { BotCore } from "../../../src/adapter.ts";
import type { Reply } from "../../../src/commands/reply.ts";
import type { ChatRequest } from "../../../src/commands/request.ts";
import { answerReply, answers, helpReply } from "./fixtures.ts";

/**
 * A BotCore test double: records every request and answers like the engine does for the Kyiv
 * embassy (captured answers), "help", and unknown subjects, whose text echoes the words asked
 * about exactly as the real engine's does ("I don't have any reports on …").
 */
export class RecordingBot implements BotCore {
  readonly requests: ChatRequest[] = [];
  /** Milliseconds to take before answering, to exercise the ack deadline. */
  delayMs = 0;
  /** When set, `handle` throws this, as a core outage would. */
  failWith: Error | undefined;

  async handle(request: ChatRequest): Promise<Reply> {
    this.requests.push(request);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failWith) throw this.failWith;
    const text = request.text.trim().toLowerCase();
    if (text === "help") return helpReply;
    if (text.includes("kyiv") && /open|closed/.test(text)) return answerReply(answers.kyivClosed());
    const unknown = answers.unknownEntity();
    unknown.text = `I don't have any reports on ${request.text}. I track the status of the US Embassy in Kyiv.`;
    return answerReply(unknown);
  }
}

import type { BotCore } from "../../../src/adapter.ts";
import type { Reply } from "../../../src/commands/reply.ts";
import type { ChatRequest } from "../../../src/commands/request.ts";

/** A BotCore double for transport tests: records each request and answers with a scripted reply. */
export class RecordingBot implements BotCore {
  readonly requests: ChatRequest[] = [];

  constructor(private readonly respond: (request: ChatRequest) => Reply | Promise<Reply>) {}

  async handle(request: ChatRequest): Promise<Reply> {
    this.requests.push(request);
    return this.respond(request);
  }
}

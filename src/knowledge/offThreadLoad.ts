import { Worker } from "node:worker_threads";
import { runInSlices } from "../runtime/steps.ts";
import { type BaseTopic, KnowledgeBase, type ResolvedEvent } from "./base.ts";
import type { KnowledgeProblem } from "./load.ts";
import type { Entity, Fact, Source } from "./schema.ts";

/** One piece of an assembled base, as the loader's thread hands it over. */
export type LoadPart =
  | { kind: "topic"; topic: BaseTopic; sources: Source[] }
  | { kind: "entities"; entities: Entity[] }
  | { kind: "timelines"; timelines: [string, readonly ResolvedEvent[]][] }
  | { kind: "facts"; facts: Fact[] };

export type ToWorker = { type: "load"; dir: string; keepParsed: boolean } | { type: "next" };
export type ToLoader =
  | { type: "problems"; problems: KnowledgeProblem[] }
  | { type: "ready"; facts: number }
  | { type: "part"; part: LoadPart }
  | { type: "done" }
  | { type: "failed"; message: string };

export type LoadResult = { ok: true; base: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] };

/**
 * Loads knowledge folders on a thread of their own: reading, parsing, validating and assembling
 * (seconds for a large base) never hold the thread that answers. The base comes back in parts, each
 * unpacked between two turns of the event loop, and is indexed in slices. With `keepParsed`, the
 * thread stays up between loads and re-parses only the files whose text changed.
 */
export class KnowledgeLoader {
  #worker: Worker | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(private readonly options: { keepParsed: boolean } = { keepParsed: false }) {}

  /** Loads `dir`; loads run one at a time, in the order asked. */
  load(dir: string): Promise<LoadResult> {
    const run = this.#queue.then(() => this.#load(dir));
    this.#queue = run.catch(() => {});
    return run;
  }

  /** Ends the loader's thread; a load under way fails. */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  async #load(dir: string): Promise<LoadResult> {
    if (this.#closed) throw new Error("the knowledge loader is closed");
    this.#worker ??= new Worker(new URL("./loadWorkerBoot.mjs", import.meta.url));
    const worker = this.#worker;
    worker.unref();
    try {
      return await this.#exchange(worker, dir);
    } finally {
      if (!this.options.keepParsed && this.#worker === worker) {
        this.#worker = undefined;
        void worker.terminate();
      }
    }
  }

  #exchange(worker: Worker, dir: string): Promise<LoadResult> {
    return new Promise<LoadResult>((resolve, reject) => {
      let topic: BaseTopic | undefined;
      const sources = new Map<string, Source>();
      const entities = new Map<string, Entity>();
      const timelines = new Map<string, readonly ResolvedEvent[]>();
      const facts: Fact[] = [];
      const finish = (error: Error | undefined, result?: LoadResult) => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        worker.unref();
        if (error) {
          if (this.#worker === worker) this.#worker = undefined;
          reject(error);
        } else resolve(result as LoadResult);
      };
      const onError = (error: Error) => finish(error);
      const onExit = (code: number) =>
        finish(new Error(`the knowledge loader's thread stopped (exit code ${code})`));
      // The next part is asked for only after this one is unpacked and the event loop has had a turn.
      const next = () => setImmediate(() => worker.postMessage({ type: "next" } satisfies ToWorker));
      const onMessage = (message: ToLoader) => {
        switch (message.type) {
          case "problems":
            return finish(undefined, { ok: false, problems: message.problems });
          case "failed":
            return finish(new Error(message.message));
          case "ready":
            return next();
          case "part": {
            const part = message.part;
            if (part.kind === "topic") {
              topic = part.topic;
              for (const source of part.sources) sources.set(source.id, source);
            } else if (part.kind === "entities") for (const e of part.entities) entities.set(e.id, e);
            else if (part.kind === "timelines")
              for (const [id, events] of part.timelines) timelines.set(id, events);
            else for (const fact of part.facts) facts.push(fact);
            return next();
          }
          case "done": {
            const base = new KnowledgeBase(entities, sources, facts, timelines, topic, true);
            return void runInSlices(base.build()).then(
              () => finish(undefined, { ok: true, base }),
              (error: Error) => finish(error),
            );
          }
        }
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.ref();
      worker.postMessage({ type: "load", dir, keepParsed: this.options.keepParsed } satisfies ToWorker);
    });
  }
}

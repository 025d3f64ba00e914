import { parentPort } from "node:worker_threads";
import { type ParseCache, readKnowledgeDir } from "./load.ts";
import { assembleRead } from "./loadBase.ts";
import type { LoadPart, ToLoader, ToWorker } from "./offThreadLoad.ts";

/** Items per message: each takes the receiving thread a few milliseconds to unpack. */
const ITEMS_PER_PART = 1_000;

/**
 * The knowledge loader's thread: reads, parses, validates and assembles a folder, then hands the
 * base over in parts, one when asked for, so that the thread that answers unpacks it a slice at a
 * time. Files it parsed before and whose text is unchanged are not parsed again.
 */
const port = parentPort;
if (!port) throw new Error("loadWorker.ts runs as a worker thread");
const cache: ParseCache = new Map();
let parts: LoadPart[] = [];

const send = (message: ToLoader) => port.postMessage(message);

port.on("message", (message: ToWorker) => {
  if (message.type === "next") {
    const part = parts.shift();
    send(part ? { type: "part", part } : { type: "done" });
    return;
  }
  parts = [];
  try {
    const assembled = assembleRead(readKnowledgeDir(message.dir, message.keepParsed ? cache : undefined));
    if (!assembled.ok) return send({ type: "problems", problems: assembled.problems });
    const { entities, sources, facts, timelines, topic } = assembled.base;
    parts.push({ kind: "topic", topic, sources: [...sources.values()] });
    const chunks = <T>(items: T[], wrap: (chunk: T[]) => LoadPart) => {
      for (let i = 0; i < items.length; i += ITEMS_PER_PART)
        parts.push(wrap(items.slice(i, i + ITEMS_PER_PART)));
    };
    chunks([...entities.values()], (chunk) => ({ kind: "entities", entities: chunk }));
    chunks([...timelines], (chunk) => ({ kind: "timelines", timelines: chunk }));
    chunks([...facts], (chunk) => ({ kind: "facts", facts: chunk }));
    send({ type: "ready", facts: facts.length });
  } catch (error) {
    send({ type: "failed", message: (error as Error).message ?? String(error) });
  }
});

import { MAX_QUESTION_LENGTH } from "../engine/normalise/text.ts";
import { STATES } from "../knowledge/schema.ts";
import { MAX_ENTITY_ARGUMENT } from "./trackedEntities.ts";

/**
 * Longest question a chat message may ask: what the engine reads, so that nothing typed is ignored.
 * A longer paste is declined with the limit, not cut silently; Discord's ask box takes no more.
 */
export const MAX_QUESTION = MAX_QUESTION_LENGTH;
/** Longest reason an update may give; a notice quotes it whole. */
export const MAX_REASON = 500;
/** Longest source URL an update may give. */
export const MAX_URL = 500;

/** What kind of value an argument takes; adapters map each to their own input (Discord options). */
export type ArgType = "text" | "entity" | "choice" | "url";

export interface ArgSpec {
  name: string;
  /** How usage lines name it, when not by `name` ("source URL"). */
  label?: string;
  type: ArgType;
  description: string;
  required: boolean;
  /** The values a `choice` takes. */
  choices?: readonly string[];
  /**
   * The values come from the base (the states its kinds declare, beside the four in `choices`), so
   * platforms suggest them as one types rather than fix them when the command is registered.
   */
  fromBase?: boolean;
  /** An `entity` that also takes "all" (every tracked status). */
  allowAll?: boolean;
  /** Only entities with a status timeline make sense here (what `status` and `subscribe` take). */
  withStatus?: boolean;
  maxLength?: number;
}

/** A command as data: everything but what it does. Help, usage, parsing and slash options come from it. */
export interface CommandDeclaration {
  id: string;
  aliases?: string[];
  description: string;
  examples: string[];
  adminOnly?: boolean;
  /** Only curators (BRIEFBOT_CURATORS) and admins may run it: it shows what people asked and thought. */
  curatorOnly?: boolean;
  /** Changes what a channel receives, so it needs a channel, not a direct message. */
  changesChannel?: boolean;
  args: ArgSpec[];
}

const entity = (required: boolean, description: string, extra: Partial<ArgSpec> = {}): ArgSpec => ({
  name: "entity",
  type: "entity",
  description,
  required,
  maxLength: MAX_ENTITY_ARGUMENT,
  ...extra,
});

/** Every command, in the order help lists them. */
export const COMMAND_DECLARATIONS: readonly CommandDeclaration[] = [
  {
    id: "ask",
    description: "Answer a question from the sourced fact base (the default: just type the question).",
    examples: [
      "is the US embassy in Kyiv open?",
      "why is the Italian embassy in Kyiv closed?",
      "who is Bridget Brink?",
    ],
    args: [
      {
        name: "question",
        type: "text",
        description: "e.g. is the Kyiv embassy open?",
        required: true,
        maxLength: MAX_QUESTION,
      },
    ],
  },
  {
    id: "help",
    aliases: ["commands"],
    description: "List what I can do.",
    examples: [],
    args: [],
  },
  {
    id: "status",
    description: "The latest reported status of one tracked entity, or of every one.",
    examples: ["status", "status italian embassy"],
    args: [entity(false, "e.g. kyiv embassy; leave empty for every tracked status", { withStatus: true })],
  },
  {
    id: "sources",
    description: "The articles my answers come from.",
    examples: [],
    args: [],
  },
  {
    id: "subscribe",
    description: "Post status changes of an entity (or of every tracked status) in this channel.",
    examples: ["subscribe kyiv embassy", "subscribe all"],
    changesChannel: true,
    args: [entity(true, "e.g. kyiv embassy, or all", { allowAll: true, withStatus: true })],
  },
  {
    id: "unsubscribe",
    description: "Stop posting an entity's status changes (or all of them) in this channel.",
    examples: ["unsubscribe kyiv embassy", "unsubscribe all"],
    changesChannel: true,
    args: [entity(true, "e.g. kyiv embassy, or all", { allowAll: true })],
  },
  {
    id: "subscriptions",
    aliases: ["subs"],
    description: "List what this channel follows, the last notice posted, and any delivery problem.",
    examples: ["subscriptions"],
    args: [],
  },
  {
    id: "update",
    description: "Record a status change reported in chat and notify subscribed channels (admins only).",
    examples: [
      "update kyiv embassy closed Air raid warnings https://example.org/report",
      "update kyiv embassy open Reopened after the alert ended",
    ],
    adminOnly: true,
    args: [
      entity(true, "e.g. us-embassy-kyiv"),
      {
        name: "state",
        type: "choice",
        description: "The new status",
        required: true,
        choices: STATES,
        fromBase: true,
      },
      {
        name: "reason",
        type: "text",
        description: "Why, and who says so",
        required: true,
        maxLength: MAX_REASON,
      },
      {
        name: "url",
        label: "source URL",
        type: "url",
        description: "Link to the report",
        required: false,
        maxLength: MAX_URL,
      },
    ],
  },
  {
    id: "confirm",
    description:
      "Record the update or approval you asked for and post its notice (admins; curators for approvals).",
    examples: ["confirm"],
    // Curators confirm their approvals; the handler keeps an update's confirm to admins.
    curatorOnly: true,
    args: [],
  },
  {
    id: "gaps",
    description:
      "Questions the base could not answer, most asked first, near-same wordings together (curators).",
    examples: ["gaps"],
    curatorOnly: true,
    args: [],
  },
  {
    id: "feedback",
    description:
      "Answers people marked wrong, newest first, with the facts and timeline entries to check (curators).",
    examples: ["feedback"],
    curatorOnly: true,
    args: [],
  },
  {
    id: "review",
    description:
      "Drafted status changes and facts waiting for review; approve or reject one by its id (curators).",
    examples: ["review", "review approve c1a2b3c4", "review reject f5d6e7a8"],
    curatorOnly: true,
    args: [
      {
        name: "action",
        type: "choice",
        description: "approve or reject (leave out to list)",
        required: false,
        choices: ["approve", "reject"],
      },
      {
        name: "item",
        type: "text",
        description: "The item's id, as the list shows it",
        required: false,
        maxLength: 40,
      },
    ],
  },
  {
    id: "feeds",
    description: "The news feeds drafted from: last polled, last read, items seen, last problem (curators).",
    examples: ["feeds"],
    curatorOnly: true,
    args: [],
  },
];

export function declaration(id: string): CommandDeclaration {
  const found = COMMAND_DECLARATIONS.find((d) => d.id === id);
  if (!found) throw new Error(`no command declared as "${id}"`);
  return found;
}

/** "update <entity> <open|closed|limited|suspended> <reason> [url]", from the arguments. */
export function usageOf(command: CommandDeclaration): string {
  const args = command.args.map((arg) => {
    const inner =
      arg.type === "choice" && arg.choices
        ? arg.choices.join("|")
        : arg.allowAll
          ? `${arg.label ?? arg.name} | all`
          : (arg.label ?? arg.name);
    return arg.required ? `<${inner}>` : `[${inner}]`;
  });
  return [command.id, ...args].join(" ");
}

export type ParsedArgs = { ok: true; values: Record<string, string> } | { ok: false };

const isUrl = (word: string) => {
  if (!/^https?:\/\//i.test(word)) return false;
  try {
    new URL(word);
    return true;
  } catch {
    return false;
  }
};

/**
 * Reads a command's arguments from what follows its word. Choices and URLs are one word; an entity
 * or text runs up to the next choice word (so names need no quotes), or to the end less a trailing
 * URL when one may follow. Fails when a required argument is missing or a choice is not one.
 */
export function parseArgs(command: CommandDeclaration, text: string): ParsedArgs {
  const words = text.split(/\s+/).filter((word) => word !== "");
  const values: Record<string, string> = {};
  let at = 0;
  for (const [index, arg] of command.args.entries()) {
    const later = command.args.slice(index + 1);
    if (arg.type === "choice") {
      const word = words[at]?.toLowerCase();
      if (word !== undefined && arg.choices?.includes(word)) {
        values[arg.name] = word;
        at += 1;
      } else if (arg.required) return { ok: false };
      continue;
    }
    if (arg.type === "url") {
      const word = words[at];
      if (word !== undefined && isUrl(word) && at === words.length - 1) {
        values[arg.name] = word;
        at += 1;
      } else if (arg.required) return { ok: false };
      continue;
    }
    const choice = later.find((a) => a.type === "choice");
    let end = words.length;
    if (choice) {
      const found = words.findIndex((word, i) => i > at && choice.choices?.includes(word.toLowerCase()));
      end = found === -1 ? words.length : found;
    } else if (later.some((a) => a.type === "url") && isUrl(words.at(-1) ?? "")) {
      end = words.length - 1;
    }
    const value = words.slice(at, end).join(" ");
    if (value !== "") values[arg.name] = value;
    else if (arg.required) return { ok: false };
    at = end;
  }
  return at >= words.length ? { ok: true, values } : { ok: false };
}

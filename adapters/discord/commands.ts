import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

/** One slash option; its value is appended to the command words in declaration order. */
export interface SlashOption {
  name: string;
  description: string;
  required: boolean;
  choices?: string[];
  maxLength?: number;
}

/** A `/brief` subcommand and the words it becomes for the core. */
export interface Subcommand {
  name: string;
  description: string;
  /** The command word the core reads. */
  words: string;
  options: SlashOption[];
}

/** The one top-level command; everything else is a subcommand so it all lives under `/brief`. */
export const BRIEF_COMMAND = "brief";

const entity = (required: boolean, description: string): SlashOption => ({
  name: "entity",
  description,
  required,
  maxLength: 100,
});

/**
 * The slash commands, as data. They mirror the words a user can type after a mention, and
 * `translateInteraction` turns each back into those words, so the core parses one syntax.
 */
export const SUBCOMMANDS: Subcommand[] = [
  {
    name: "ask",
    description: "Ask a briefing question",
    /** Spelled out so a question that starts with a command word ("help me…") is still a question. */
    words: "ask",
    options: [
      { name: "question", description: "e.g. is the Kyiv embassy open?", required: true, maxLength: 500 },
    ],
  },
  {
    name: "status",
    description: "Current status of an embassy or other tracked entity",
    words: "status",
    options: [entity(false, "e.g. kyiv embassy; leave empty for every tracked status")],
  },
  {
    name: "subscribe",
    description: "Post status changes to this channel (needs Manage Channels)",
    words: "subscribe",
    options: [entity(true, "e.g. kyiv embassy, or all")],
  },
  {
    name: "unsubscribe",
    description: "Stop posting status changes to this channel (needs Manage Channels)",
    words: "unsubscribe",
    options: [entity(true, "e.g. kyiv embassy, or all")],
  },
  {
    name: "subscriptions",
    description: "What this channel is subscribed to",
    words: "subscriptions",
    options: [],
  },
  { name: "sources", description: "The articles the answers come from", words: "sources", options: [] },
  { name: "help", description: "What briefbot can do", words: "help", options: [] },
  {
    name: "update",
    description: "Report a status change (briefbot admins only)",
    words: "update",
    options: [
      entity(true, "e.g. us-embassy-kyiv"),
      {
        name: "state",
        description: "The new status",
        required: true,
        choices: ["open", "closed", "limited", "suspended"],
      },
      { name: "reason", description: "Why, and who says so", required: true, maxLength: 500 },
      { name: "url", description: "Link to the report", required: false, maxLength: 500 },
    ],
  },
  {
    name: "confirm",
    description: "Record the update you just asked for and notify channels (briefbot admins only)",
    words: "confirm",
    options: [],
  },
];

/**
 * The payload for Discord's bulk-overwrite endpoint. Guild-only: subscriptions belong to
 * server channels, and the bot asks for no DM intent. No default member permissions, so every
 * member sees the commands; the core and `canManageSubscriptions` decide what each may do.
 */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: BRIEF_COMMAND,
      description: "Sourced briefings: embassy status, facts and status-change notices",
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: SUBCOMMANDS.map((sub) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: sub.name,
        description: sub.description,
        options: sub.options.map((option) => ({
          type: ApplicationCommandOptionType.String,
          name: option.name,
          description: option.description,
          required: option.required,
          ...(option.maxLength ? { max_length: option.maxLength } : {}),
          ...(option.choices ? { choices: option.choices.map((c) => ({ name: c, value: c })) } : {}),
        })),
      })),
    },
  ];
}

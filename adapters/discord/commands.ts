import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import {
  type ArgSpec,
  COMMAND_DECLARATIONS,
  type CommandDeclaration,
} from "../../src/commands/declarations.ts";

/** One slash option; its value is appended to the command words in declaration order. */
export interface SlashOption {
  name: string;
  description: string;
  required: boolean;
  choices?: readonly string[];
  maxLength?: number;
  /** Discord asks the bot for suggestions as the member types (entities of the base). */
  autocomplete: boolean;
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

/** Discord caps descriptions at 100 characters. */
const MAX_DESCRIPTION = 100;

const describe = (text: string) =>
  text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…`;

function slashOption(arg: ArgSpec): SlashOption {
  return {
    name: arg.name,
    description: describe(arg.description),
    required: arg.required,
    ...(arg.choices ? { choices: arg.choices } : {}),
    ...(arg.maxLength ? { maxLength: arg.maxLength } : {}),
    // A base's own states are suggested as one types: fixed choices would be the four alone.
    autocomplete: arg.type === "entity" || arg.fromBase === true,
  };
}

/** A core command as a subcommand: same name, same description, one option per declared argument. */
export function subcommandOf(command: CommandDeclaration): Subcommand {
  return {
    name: command.id,
    description: describe(command.description),
    // Spelled out, so a question that starts with a command word ("help me…") is still a question.
    words: command.id,
    options: command.args.map(slashOption),
  };
}

/**
 * The slash commands, from the core's command declarations: the words a user can type after a
 * mention, and `translateInteraction` turns each back into those words, so the core parses one syntax.
 */
export const SUBCOMMANDS: Subcommand[] = COMMAND_DECLARATIONS.map(subcommandOf);

/** A string option: with its choices, or with autocomplete (Discord allows one or the other). */
function stringOption(option: SlashOption): APIApplicationCommandBasicOption {
  const base = {
    type: ApplicationCommandOptionType.String as const,
    name: option.name,
    description: option.description,
    required: option.required,
    ...(option.maxLength ? { max_length: option.maxLength } : {}),
  };
  if (option.autocomplete) return { ...base, autocomplete: true };
  return option.choices ? { ...base, choices: option.choices.map((c) => ({ name: c, value: c })) } : base;
}

/**
 * The payload for Discord's bulk-overwrite endpoint. Guild-only: subscriptions belong to server
 * channels, and direct messages are answered as messages. No default member permissions, so every
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
        options: sub.options.map(stringOption),
      })),
    },
  ];
}

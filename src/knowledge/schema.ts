import { z } from "zod";

// Validation runs once per load on small files; compiling each schema to code first costs more than it saves.
z.config({ jitless: true });

/**
 * Schemas for the curated fact base. Every knowledge file is validated against these at load;
 * anything they reject never reaches the engine.
 */

/** Text a curator writes: trimmed, and not empty once trimmed ("   " is as missing as ""). */
const text = z.string().trim().min(1, "must not be empty or only white space");

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens, e.g. us-embassy-kyiv");

/** How exact a date is. A month-precision date names the month, not its first day. */
export const precisionSchema = z.enum(["day", "month", "year"]);
/**
 * How exact a status change's `effective` date is: a calendar precision, or a time of day the source
 * gives ("at 7pm": `hour`, "at 19:50": `minute`).
 */
export const timedPrecisionSchema = z.enum(["minute", "hour", "day", "month", "year"]);
export type Precision = z.infer<typeof timedPrecisionSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD")
  .refine(isRealDate, "is not a real date");

/** "2024-02-30" or "2024-13" match the pattern but name no day or month. */
function isRealDate(value: string): boolean {
  const [y, m = 1, d = 1] = value.split("-").map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A date as precise as the article allows: "2024-11-20" with day, "2022-05" with month. */
export const datedSchema = z
  .object({ date: isoDate, precision: precisionSchema })
  .strict()
  .refine((d) => d.date.split("-").length === { year: 1, month: 2, day: 3 }[d.precision], {
    message: "date and precision disagree (day needs YYYY-MM-DD, month YYYY-MM, year YYYY)",
    path: ["precision"],
  });
/**
 * A date, or a date with the time of day in the base's time zone ("2026-03-05T19:50"); `zone` gives
 * another IANA zone the source states the time in ("UTC"), and answers then give it in the base's.
 */
export interface Dated {
  date: string;
  precision: Precision;
  zone?: string;
  /** The last date it may be, when the source gives only a range ("between 10 and 14 May"). */
  until?: string;
  /**
   * A date the source gives only as a bound: `by` (no later than it: "reopened by mid-May") or
   * `not-before` (no earlier than it: "not before 10 May").
   */
  bound?: Bound;
  /** A part of a month-precision date: "early" (1-10), "mid" (11-20) or "late" (21 to the end): "mid-May". */
  part?: MonthPart;
}

/** How a date bounds a change the source does not date exactly. */
export const boundSchema = z.enum(["by", "not-before"]);
export type Bound = z.infer<typeof boundSchema>;
/** The third of a month a source names ("early May", "mid-May", "late May"). */
export const monthPartSchema = z.enum(["early", "mid", "late"]);
export type MonthPart = z.infer<typeof monthPartSchema>;

/** Is `zone` an IANA time zone name Node knows ("Europe/Stockholm", "UTC")? */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return zone.includes("/") || zone.toUpperCase() === "UTC";
  } catch {
    return false;
  }
}

const timeZone = z
  .string()
  .trim()
  .refine(isTimeZone, "is not an IANA time zone name, e.g. Europe/Stockholm or UTC");

/** How many parts ("2026", "03", "05") a calendar date of each precision has. */
const CALENDAR_PARTS: Record<string, number> = { year: 1, month: 2, day: 3 };

const TIME_PART: Record<string, RegExp> = {
  hour: /^T([01]\d|2[0-3])(?::00)?$/,
  minute: /^T([01]\d|2[0-3]):[0-5]\d$/,
};

/**
 * When a status change took effect: a date as `datedSchema`, or with the time the source gives,
 * "2026-03-05T19:50" with precision `minute` ("T19" or "T19:00" with `hour`).
 */
export const effectiveSchema = z
  .object({
    date: z
      .string()
      .regex(
        /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}(?::\d{2})?)?)?)?$/,
        "must be YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDTHH:MM with a time",
      )
      .refine((value) => isRealDate(value.slice(0, 10)), "is not a real date"),
    precision: timedPrecisionSchema,
    zone: timeZone.optional(),
    /** A date known only as a range ("between 10 and 14 May"): its last date, with the same precision. */
    until: isoDate.optional(),
    /** A date known only as a bound: `by` ("by mid-May", no later than) or `not-before` (no earlier than). */
    bound: boundSchema.optional(),
    /** With precision month: the part of it the source names ("mid" for "mid-May"). */
    part: monthPartSchema.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    const day = d.date.slice(0, 10);
    const time = d.date.slice(10);
    const timed = d.precision === "hour" || d.precision === "minute";
    const pattern = TIME_PART[d.precision];
    const fits = timed
      ? day.split("-").length === 3 && pattern !== undefined && pattern.test(time)
      : time === "" && day.split("-").length === CALENDAR_PARTS[d.precision];
    if (!fits)
      ctx.addIssue({
        code: "custom",
        path: ["precision"],
        message:
          "date and precision disagree (day needs YYYY-MM-DD, month YYYY-MM, year YYYY, hour YYYY-MM-DDTHH, minute YYYY-MM-DDTHH:MM)",
      });
    if (
      d.until !== undefined &&
      (timed || d.until.split("-").length !== d.date.split("-").length || d.until <= d.date)
    )
      ctx.addIssue({
        code: "custom",
        path: ["until"],
        message: "must be a later date of the same precision as `date` (a range of days, months or years)",
      });
    if (d.bound !== undefined && (timed || d.until !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["bound"],
        message:
          'goes with one date, not a time or a range: `{ date: "2026-05-15", precision: day, bound: by }` for "by 15 May"',
      });
    if (d.part !== undefined && (d.precision !== "month" || d.until !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["part"],
        message:
          'goes with precision month: `{ date: "2026-05", precision: month, part: mid }` for "mid-May"',
      });
    if (d.zone !== undefined && !timed)
      ctx.addIssue({
        code: "custom",
        path: ["zone"],
        message: "goes only with a time (precision hour or minute)",
      });
  });

export const sourceSchema = z
  .object({
    id,
    publisher: text,
    headline: text,
    /** True when the article has no headline of its own and `headline` describes it instead. */
    descriptiveHeadline: z.boolean().default(false),
    author: text.optional(),
    relays: text.optional(),
    published: datedSchema,
    /** Required when the article carries no date of its own: how the date was worked out. */
    dateInferred: text.optional(),
    notes: z.array(text).default([]),
  })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

/**
 * Kinds every base may use without declaring them. A base declares its own kinds of tracked thing
 * (an embassy, a port, an emergency department) in `kinds`; "embassy" stays built in so that bases
 * written before kinds could be declared still load.
 */
export const BUILT_IN_KINDS = [
  "person",
  "organisation",
  "country",
  "city",
  "region",
  "place",
  "weapon",
  "event",
  "military-unit",
  "group",
  "embassy",
] as const;
/** Built-in kinds too broad to be a noun in a question ("the organisation" names nothing). */
export const GENERIC_KINDS: ReadonlySet<string> = new Set(BUILT_IN_KINDS.filter((k) => k !== "embassy"));
/** Kinds that name a place: questions use them to say where or whose something is. */
export const PLACE_KINDS: ReadonlySet<string> = new Set(["country", "city", "region", "place"]);
/** The kinds of entity that are bodies of people: they may own things or say whose a thing is. */
export const BODY_KINDS: ReadonlySet<string> = new Set(["organisation", "group", "military-unit"]);
export const entityKindSchema = id;
export type EntityKind = string;

/**
 * One state a kind's things can be in ("Level 4: Do not travel", "reduced service"): how answers
 * name it, the words readers use for it, its place in the order of severity, and a colour and emoji
 * for the platforms.
 */
export const stateDeclarationSchema = z
  .object({
    /** Lower-case words joined by hyphens: "level-4", "reduced-service". */
    id,
    /** How answers and notices name it: "Level 4: Do not travel". The id when left out. */
    label: text.optional(),
    /** How a sentence says it after "is" or "was", when the label does not read so: "at Level 4: Do not travel". */
    phrase: text.optional(),
    /** Words readers use for it, beside its id: "level 4", "do not travel". */
    words: z.array(text).default([]),
    /** Its place in the order of severity, higher for worse; the order of the list when left out. */
    severity: z.number().int().optional(),
    /** A colour for platforms that show one, as #rrggbb. */
    colour: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour written #rrggbb, e.g. #d32f2f")
      .optional(),
    /** An emoji for platforms that show one, e.g. ":red_circle:" or "🔴". */
    emoji: text.optional(),
  })
  .strict();
export type StateDeclaration = z.infer<typeof stateDeclarationSchema>;

/**
 * A yes-or-no question readers ask of a kind's things ("can I travel there", "is it safe"): the words
 * that ask it, and which states answer yes, which only partly, and which no.
 */
export const stateQuestionSchema = z
  .object({
    id,
    words: z.array(text).min(1),
    yes: z.array(id).default([]),
    partly: z.array(id).default([]),
    no: z.array(id).default([]),
  })
  .strict();
export type StateQuestion = z.infer<typeof stateQuestionSchema>;

/** A kind of thing the base tracks, and the words readers use for it. */
export const kindSchema = z
  .object({
    id,
    /**
     * Nouns for one thing of this kind, first the usual one: "embassy", "mission", "emb". Plurals are
     * derived. A kind without any loads (`brief check` warns): its things are then named only by name.
     */
    nouns: z.array(text).default([]),
    /** Plurals the usual rules do not give ("A&Es"). */
    plurals: z.array(text).default([]),
    description: text.optional(),
    /**
     * The states its things can be in, least severe first; without them, the four of every kind
     * (open, limited, suspended, closed).
     */
    states: z.array(stateDeclarationSchema).min(1).optional(),
    /** The yes-or-no questions readers ask of its things, and how each state answers them. */
    questions: z.array(stateQuestionSchema).default([]),
  })
  .strict();
export type Kind = z.infer<typeof kindSchema>;

/** What the base is about, and the words its readers use for its terms. */
export const baseInfoSchema = z
  .object({
    /** One line for help and declines: "I answer questions about the status of ports around the Kattegat." */
    scope: text.optional(),
    /** Example questions for help; made from the tracked entities when left out. */
    examples: z.array(text).default([]),
    /** Reader words mapped to the word the sources use: { security: [guards, guarded] }. */
    synonyms: z.record(text, z.array(text)).default({}),
    /** Reader words for the states, beside the usual ones: { open: [sailing, running] }. */
    stateWords: z.record(text, z.array(text)).default({}),
    /**
     * The IANA time zone the base's times are in ("Europe/Stockholm"): an `effective` with a time is
     * read in it unless it gives its own `zone`, and answers give times in it.
     */
    timeZone: timeZone.optional(),
  })
  .strict();
export type BaseInfo = z.infer<typeof baseInfoSchema>;

/**
 * A curator's correction of how an article writes a name or a term. The article's words stay where
 * the article is reported (a fact's statement, an entity's name), and every answer that uses them
 * says, as the curator's note, what the curator takes them to be: "Christina Quinn (the article's
 * spelling; the curator notes this is Kristina Kvien)".
 */
export const correctionSchema = z
  .object({
    /** The article's own words, exactly as the statement (or the entity's name or an alias) has them. */
    article: text,
    /** What the curator takes them to be: "Kristina Kvien", "the US State Department". */
    curator: text,
    /** `spelling`: the article misspells a name (the default); `wording`: it uses the wrong term for the thing. */
    kind: z.enum(["spelling", "wording"]).default("spelling"),
  })
  .strict();
export type Correction = z.infer<typeof correctionSchema>;

export const entitySchema = z
  .object({
    id,
    kind: entityKindSchema,
    name: text,
    /** Spellings people type. Typos are handled by the engine, not listed here. */
    aliases: z.array(text).default([]),
    /** Words for people or things of this country ("Italian"), used to compose "the Italian embassy". */
    demonyms: z.array(text).default([]),
    /** One line on what or who this is, in our own words. */
    description: text.optional(),
    /**
     * Where it is and whose it is. `country` and `city` are the older fields: on a thing whose
     * `country` differs from its city's, the country is taken as its owner (an embassy's).
     */
    country: id.optional(),
    city: id.optional(),
    /** The place it is in (a city, region or country entity). */
    location: id.optional(),
    /** The country, organisation or person it belongs to or represents. */
    owner: id.optional(),
    /** The larger thing it is part of (a hospital's department, a port's terminal). */
    partOf: id.optional(),
    /** People: their role as the source gives it. */
    role: text.optional(),
    /** The entity to assume when a question names only a kind and place ("the embassy in Kyiv"); without one, all that fit are answered. */
    primary: z.boolean().default(false),
    /**
     * How the articles misspell this thing's name, with the curator's correction: each `article` is
     * its name or one of its aliases, and the curator's spelling is also read as a name for it.
     */
    corrections: z.array(correctionSchema).optional(),
  })
  .strict();
export type Entity = z.infer<typeof entitySchema>;

export const certaintySchema = z.enum(["confirmed", "reported", "under-consideration", "disputed"]);
export type Certainty = z.infer<typeof certaintySchema>;

export const factSchema = z
  .object({
    id,
    about: z.array(id).min(1),
    statement: text,
    /** The date the fact refers to, when the article gives or implies one. */
    when: datedSchema.optional(),
    source: id,
    paragraph: z.number().int().positive(),
    /** Who said it ("Pentagon spokesman John Kirby"), or "reported by <publisher>". */
    attribution: text,
    certainty: certaintySchema,
    /** The qualifier a claim must keep when repeated ("called disinformation by Ukraine's intelligence"). */
    qualifier: text.optional(),
    /** Extra words a reader might use for this fact that its statement does not contain. */
    keywords: z.array(text).default([]),
    /** What kind of question this fact answers best. */
    answers: z
      .array(z.enum(["who", "what", "when", "why", "where", "how-many", "advice", "yes-no"]))
      .default([]),
    /** Words of the statement that are the article's own, with the curator's correction of them. */
    corrections: z.array(correctionSchema).optional(),
  })
  .strict();
export type Fact = z.infer<typeof factSchema>;

/**
 * The states of a kind that declares none: the list every surface takes them from for such a kind.
 * "limited" covers reduced or shelter-in-place operations.
 */
export const STATES = ["open", "closed", "limited", "suspended"] as const;
/** A state's id: one of a kind's declared states, or of the four when it declares none. */
export const stateSchema = id;
export type State = string;

/**
 * What a timeline entry records: a change of state (the default); a later report that the state
 * still holds ("still suspended as of 14 Feb"), which moves the "as of" date and may give a new
 * reason; or a change a source expects, answered as an expectation and never as a fact.
 */
export const eventTypeSchema = z.enum(["change", "still", "expected"]);
export type EventType = z.infer<typeof eventTypeSchema>;

export const statusEventSchema = z
  .object({
    type: eventTypeSchema.default("change"),
    state: stateSchema,
    effective: effectiveSchema,
    temporary: z.boolean().default(false),
    /** The cause the source gives; left out when it gives none, and answers then say so. */
    reason: text.optional(),
    source: id,
    paragraph: z.number().int().positive(),
    certainty: certaintySchema.default("reported"),
    /** What must be said whenever this event is repeated ("Ukraine's intelligence called the warning disinformation"). */
    qualifier: text.optional(),
    /** Who approved it from a draft in review: its notice says so, beside the article it cites. */
    approvedBy: text.optional(),
    /**
     * A name the curator gives a point on which sources disagree ("reopening-date"): the entries of
     * one thing's timeline that carry it, each from another source, are that thing's rival accounts,
     * kept side by side. Answers say the sources disagree and cite each, and give a yes or no only
     * where every account agrees.
     */
    disagreement: id.optional(),
  })
  .strict();
export type StatusEvent = z.infer<typeof statusEventSchema>;

/**
 * A thing's timeline, or one announcement about many things: `entity` names one thing; `entities`
 * several; `kind` every tracked thing of a kind, and with `at` only those at a place (in it, or part
 * of something there). A shared entry is written and cited once; at load its events join the
 * timeline of each thing it names.
 */
export const timelineSchema = z
  .object({
    entity: id.optional(),
    entities: z.array(id).min(1).optional(),
    kind: entityKindSchema.optional(),
    at: id.optional(),
    events: z.array(statusEventSchema).min(1),
  })
  .strict()
  .superRefine((timeline, ctx) => {
    const named = (["entity", "entities", "kind"] as const).filter((key) => timeline[key] !== undefined);
    if (named.length !== 1)
      ctx.addIssue({
        code: "custom",
        path: named.length === 0 ? ["entity"] : [named[1] as string],
        message:
          named.length === 0
            ? "is required: name the thing (`entity`), the things (`entities`) or their kind (`kind`, with `at` for a place)"
            : `give one of entity, entities or kind, not ${named.join(" and ")}`,
      });
    if (timeline.at !== undefined && timeline.kind === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["at"],
        message: "goes with `kind` (every thing of that kind at the place)",
      });
  });
export type Timeline = z.infer<typeof timelineSchema>;

/** One knowledge file. Each section is optional so curators can split the base as they like. */
export const knowledgeFileSchema = z
  .object({
    base: baseInfoSchema.optional(),
    kinds: z.array(kindSchema).default([]),
    sources: z.array(sourceSchema).default([]),
    entities: z.array(entitySchema).default([]),
    facts: z.array(factSchema).default([]),
    timelines: z.array(timelineSchema).default([]),
  })
  .strict();
export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;

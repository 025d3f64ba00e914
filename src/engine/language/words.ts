import { eng } from "stopword";

/**
 * Words that carry no topic of their own. A question made only of these and entity names is
 * about the entity; any other word must match the base or the question is not covered.
 */
const OWN_STOPWORDS = new Set(
  `tonight tomorrow moment instead according via per whether
  a an the this that these those it its it's is are was were be been being am do does did doing done
  have has had having will would shall should can could may might must i me my we our you your he him his she her
  they them their what whats which who whom whose when where why how there here and or but if then so as
  of in on at to for from by with about into onto over under after before since until during than
  any some all each every both either neither not no nor yes please tell me know let give show say said
  speak speaks spoke spoken speaking talk talks talked talking
  up down out off involved involvement
  yesterday ago last week weeks month months year years anything something everything nothing
  currently current right now today still yet already just also even ever really actually again anymore
  latest news update updates info information details detail status situation state
  thanks thank hi hello hey ok okay kindly quick quickly briefly brief summary summarize summarise
  go going get got like mean means much many more most very well good happen happened happening occur occurred
  exactly lol um uh erm explain remind cc pls plz btw basically literally guys folks bro mate thx ty
  rn yo nah y n vs versus tbh fyi asap idk imo ya yeah yep nope fr`.split(/\s+/),
);

/**
 * Words that carry no topic of their own: the `stopword` package's English list and the chat words
 * above. A question made only of these and entity names is about the entity; any other word must
 * match the base or the question is not covered.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...OWN_STOPWORDS,
  ...eng.map((w) => w.replace(/'/g, "")),
]);

/** Words asking whether something is open or closed. */
export const STATUS_WORDS: ReadonlySet<string> = new Set(
  `open opened opening reopen reopened reopening reopens closed close closing closes closure shut shuts
  shutting shutdown shuttered
  operating operational operate functioning working running accessible resumed resume status
  suspended suspend suspension halted limited restricted partly partially restart restarted restarts normal normally back`.split(
    /\s+/,
  ),
);

/** Words for a change of status, mapped to the state they describe. */
export const CHANGE_WORDS: ReadonlyMap<string, "open" | "closed" | "limited" | "suspended"> = new Map([
  ["suspend", "suspended"],
  ["suspended", "suspended"],
  ["suspension", "suspended"],
  ["halted", "suspended"],
  ["limited", "limited"],
  ["restricted", "limited"],
  ["partly", "limited"],
  ["partially", "limited"],
  ["open", "open"],
  ["opened", "open"],
  ["reopen", "open"],
  ["reopened", "open"],
  ["reopening", "open"],
  ["reopens", "open"],
  ["resume", "open"],
  ["restart", "open"],
  ["restarted", "open"],
  ["restarts", "open"],
  ["back", "open"],
  ["running", "open"],
  ["operating", "open"],
  ["working", "open"],
  ["functioning", "open"],
  ["normal", "open"],
  ["normally", "open"],
  ["resumed", "open"],
  ["return", "open"],
  ["returned", "open"],
  ["close", "closed"],
  ["closed", "closed"],
  ["closing", "closed"],
  ["closes", "closed"],
  ["closure", "closed"],
  ["shut", "closed"],
  ["shuts", "closed"],
  ["shutting", "closed"],
  ["shutdown", "closed"],
  ["shuttered", "closed"],
  ["evacuated", "closed"],
]);

/**
 * Irregular and short forms the stemmer cannot join to their word, and plain English equivalents
 * ("shut" is "close"). A base adds its own readers' words under `base.synonyms`.
 */
export const SYNONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    shut: "close",
    shuttered: "close",
    shuts: "close",
    shutting: "close",
    shutdown: "close",
    closure: "close",
    closures: "close",
    closing: "close",
    reopen: "open",
    reopened: "open",
    reopening: "open",
    permit: "allow",
    permitted: "allow",
    authorize: "allow",
    authorise: "allow",
    authorized: "allow",
    authorised: "allow",
    approve: "allow",
    approved: "allow",
    let: "allow",
    advise: "advice",
    advised: "advice",
    recommend: "advice",
    recommends: "advice",
    recommendation: "advice",
    recommended: "advice",
    warning: "warn",
    warned: "warn",
    warns: "warn",
    used: "use",
    uses: "use",
    using: "use",
    given: "supply",
    gave: "supply",
    gives: "supply",
    giving: "supply",
    provide: "supply",
    provided: "supply",
    provides: "supply",
    providing: "supply",
    supplied: "supply",
    supplies: "supply",
    supplying: "supply",
    deliver: "supply",
    delivered: "supply",
    receive: "supply",
    received: "supply",
    receiving: "supply",
    sent: "send",
    sending: "send",
    sends: "send",
    hurt: "injure",
    injured: "injure",
    injuries: "injure",
    wounded: "injure",
    died: "die",
    dead: "die",
    death: "die",
    deaths: "die",
    killed: "kill",
    threaten: "threat",
    threatened: "threat",
    threatens: "threat",
    threatening: "threat",
  }),
);

/**
 * Words too vague to carry a match alone: a fact sharing only "time" or "sources" with a
 * question is a coincidence, not an answer.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  "time times true false source sources thing things way ways people person day days part number lot kind type place".split(
    " ",
  ),
);

/**
 * Words that steer what a question asks without naming anything it is about: the cause asked for,
 * advice, permanence, a forecast, a briefing, a repetition. The coverage accounting does not look for
 * them in the answer's facts.
 */
export const QUESTION_CUES: ReadonlySet<string> = new Set(
  `reason reasons cause caused causes prompted triggered because due why
  advice advise advised should safe safety precautions recommend recommended
  permanent permanently temporary temporarily good
  long date dates day days time
  brief briefing overview summary summarise summarize story deal news happen happened happening
  expected expect expecting soon next later first again too also either
  yes no true false sure certain confirm confirmed know knew
  list compare comparison check name names difference
  isnt arent wasnt werent hasnt havent hadnt didnt doesnt dont cant wont couldnt wouldnt shouldnt aint
  thats whats theres heres`.split(/\s+/),
);

/**
 * Verbs that open a request for information ("tell me", "list the closures", "compare them"). Any
 * other verb opening a line ("write a poem", "ignore your sources") is an instruction the bot does
 * not take: it answers from its sources and does nothing else.
 */
export const REQUEST_VERBS: ReadonlySet<string> = new Set(
  `tell show give list explain describe summarise summarize brief check update compare find name remind
  let help confirm clarify recap outline detail report say`.split(/\s+/),
);

/** Words that soften a request before its verb ("please write", "can you list"). */
export const REQUEST_OPENERS: ReadonlySet<string> = new Set(
  "please pls plz can could would will you u kindly just now ok okay so hey hi".split(" "),
);

/** Words opening a question about whether one can do something ("can I visit", "could we drive over"). */
export const ACCESS_MODALS: ReadonlySet<string> = new Set("can could may might is are".split(" "));

/** Determiners that make a noun any one of its kind ("a medical emergency"), not a named one. */
export const INDEFINITE: ReadonlySet<string> = new Set("a an any some another".split(" "));

/** Words that leave something out of a question ("which besides the US", "all except Greece"). */
export const EXCLUSIONS: ReadonlySet<string> = new Set([
  "besides",
  "except",
  "excluding",
  "apart from",
  "aside from",
  "other than",
  "not counting",
]);

/** Words that may stand before a kind noun without naming whose or where it is ("the main embassy"). */
export const NOUN_FILLERS: ReadonlySet<string> = new Set(
  "the a an this that these those its their his her our your my and or any all every which both each main local new old".split(
    " ",
  ),
);

/** Words opening a yes-or-no question, whatever else it asks ("did anyone die because of the storm"). */
export const YES_NO_OPENERS: ReadonlySet<string> = new Set(
  "is are was were do does did has have had will would can could should may might".split(" "),
);

/** Words asking whether one is able to do something ("can I visit", "could we cross"): a status question. */
export const ABILITY_MODALS: ReadonlySet<string> = new Set(["can", "could"]);

/** Words relating a person to another in time ("who was ambassador before Brink"): the other is not the answer. */
export const SUCCESSION_WORDS: ReadonlySet<string> = new Set([
  "before",
  "after",
  "prior to",
  "instead of",
  "replaced",
]);

/** Number words, for telling whether a fact gives a figure ("dozens", "three"). */
export const NUMBER_WORDS: readonly string[] =
  `none zero one two three four five six seven eight nine ten eleven twelve
  fifteen twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions
  dozen dozens`.split(/\s+/);

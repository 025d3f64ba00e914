import { eng } from "stopword";

/**
 * Words that carry no topic of their own. A question made only of these and entity names is
 * about the entity; any other word must match the base or the question is not covered.
 */
const OWN_STOPWORDS = new Set([
  ...`tonight tomorrow moment instead according via per whether
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
  rn yo nah y n vs versus tbh fyi asap idk imo ya yeah yep nope fr re wrt atm`.split(/\s+/),
  // The link word of names in Spanish and French ("Consulado de Chile en Mendoza").
  "en",
]);

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
 * English idioms for a state, read as the state's own word before anything else ("is it open for
 * business" asks whether it is open). A base adds its own under `base.stateWords`.
 */
export const STATE_PHRASES: ReadonlyMap<string, "open" | "closed"> = new Map([
  ["open for business", "open"],
  ["up and running", "open"],
  ["in operation", "open"],
  ["out of operation", "closed"],
  ["out of action", "closed"],
  ["closed for business", "closed"],
]);

/** Question phrases read in the words reports use ("how well does it work": how effective it is). */
export const QUESTION_PHRASES: ReadonlyMap<string, string> = new Map([["how well", "how effective"]]);

/** Phrases asking the bot's own view ("do you think they were right"), which no source gives. */
export const OPINION_PHRASES: ReadonlySet<string> = new Set([
  "you think",
  "you believe",
  "you reckon",
  "you feel",
  "your opinion",
  "your view",
  "your take",
]);

/** Chat shorthand, read as the words it stands for ("any advice for ppl travelling"). */
export const CHAT_SHORTHAND: ReadonlyMap<string, string> = new Map([
  ["ppl", "people"],
  ["temp", "temporary"],
  ["ft", "foot"],
  ["secs", "seconds"],
  ["hrs", "hours"],
  ["mins", "minutes"],
  ["yrs", "years"],
  ["approx", "approximately"],
  ["xmas", "christmas"],
  ["govt", "government"],
  ["intl", "international"],
  ["info", "information"],
  ["pls", "please"],
  ["plz", "please"],
  ["thx", "thanks"],
  ["rn", "right now"],
  ["atm", "at the moment"],
  ["tmrw", "tomorrow"],
  ["tmr", "tomorrow"],
  ["yday", "yesterday"],
  ["wk", "week"],
  ["b4", "before"],
  ["bc", "because"],
  ["bcos", "because"],
  ["cuz", "because"],
  ["coz", "because"],
  ["abt", "about"],
  ["ur", "your"],
  ["u", "you"],
  ["r", "are"],
  ["w", "with"],
  ["wo", "without"],
  ["whyd", "why did"],
  ["whys", "why is"],
  ["hows", "how is"],
  ["whens", "when is"],
  ["wheres", "where is"],
  ["whos", "who is"],
  ["isnt", "is not"],
  ["wasnt", "was not"],
  ["didnt", "did not"],
]);

/**
 * Irregular and short forms the stemmer cannot join to their word, and plain English equivalents
 * ("shut" is "close"). A base adds its own readers' words under `base.synonyms`.
 */
export const SYNONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    shut: "close",
    feet: "foot",
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
    afraid: "fear",
    feared: "fear",
    fears: "fear",
    greenlight: "allow",
    greenlighted: "allow",
    greenlit: "allow",
    threaten: "threat",
    threatened: "threat",
    threatens: "threat",
    threatening: "threat",
    // "Who runs the airport": whoever operates it.
    runs: "operate",
    operator: "operate",
    operators: "operate",
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
  expected expect expecting supposed scheduled planned soon next later first again too also either
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

/** Words that make an opening a return ("when did it reopen", "back open"), not a first opening. */
export const RETURN_WORDS: ReadonlySet<string> = new Set(
  "reopen reopened reopening reopens back again resume resumed resumes restart restarted restarts".split(" "),
);

/** Words that make what follows the owner of the noun before ("the population of Iceland"). */
export const POSSESSIVE_LINKS: ReadonlySet<string> = new Set(["of"]);

/** Words that ask for the first of several changes ("why was it evacuated in the first place"). */
export const FIRST_WORDS: ReadonlySet<string> = new Set(["first", "initially", "originally", "firstly"]);

/** Words that ask for the latest of several changes ("why was it evacuated again"). */
export const LATEST_WORDS: ReadonlySet<string> = new Set(["again", "latest", "last", "recently", "second"]);

/** The plain forms of "open": "when was it opened" asks for a first opening unless a return word is used. */
export const OPEN_FORMS: ReadonlySet<string> = new Set(["open", "opened", "opening", "opens"]);

/** Words too common in why-questions to be a cause put forward ("why is it only partly open"). */
export const NOT_CAUSES: ReadonlySet<string> = new Set([
  "only",
  "first",
  "place",
  "still",
  "again",
  "really",
  "exactly",
  "actually",
  "stay",
  "stayed",
  "remain",
  "remained",
  "keep",
  "kept",
  "go",
  "went",
  "take",
  "taking",
  "took",
  "get",
  "getting",
  "make",
  "making",
  "happen",
  "happened",
]);

/** Words asking about plans and proposals, which then may lead an answer. */
export const PLAN_WORDS: ReadonlySet<string> = new Set([
  "plan",
  "planned",
  "plans",
  "consider",
  "considered",
  "considering",
  "proposal",
  "propos",
  "will",
]);

/** Words that ask about an article itself: who wrote it, when it came out, what it covered. */
export const SOURCE_WORDS: ReadonlySet<string> = new Set(
  `write wrote written writer author article articles story stories piece pieces report reports reported reporter
  reporting journalist publish published publication byline headline paper newspaper cover covered
  source sources date dated outlet site`.split(/\s+/),
);

/** "How does/do/can …": a question in the general present, about how things are rather than what happened. */
export const GENERAL_HOW: ReadonlySet<string> = new Set(["does", "do", "can"]);

/** The word after "how" that asks for a count of things ("how many troops"). */
export const COUNT_WORDS: ReadonlySet<string> = new Set(["many"]);

/** Words opening an attribution ("according to the Courier, …", "per the WSJ, …"): no question of its own. */
export const ATTRIBUTION_OPENERS: ReadonlySet<string> = new Set(["according", "per", "citing"]);

/** Words setting one date against another ("its status in May 2022 vs Nov 2024"): each is asked. */
export const VERSUS_WORDS: ReadonlySet<string> = new Set(["vs", "versus", "v"]);

/** Words that open a question of its own inside a longer one ("…, and why did it close"). */
export const PART_STARTS: ReadonlySet<string> = new Set(
  "why when how what who whom whose where which is are was were did does do has have had will would can could should".split(
    " ",
  ),
);

/** Words standing for a noun already said ("the Greek one", "the other ones"). */
export const ONE_WORDS: ReadonlySet<string> = new Set(["one", "ones"]);

/** Who would do something, after "can" ("can I hike it", "can we visit"): the next word is the verb. */
export const ASKERS: ReadonlySet<string> = new Set([
  "i",
  "we",
  "you",
  "they",
  "people",
  "visitors",
  "someone",
]);

/** Words pointing back to what was just asked about ("why did it close", "are they open"). */
export const PRONOUNS: ReadonlySet<string> = new Set(
  "it its they them their there that this one these those".split(" "),
);

/** Words asking for the news on something rather than a fact ("what's the latest", "any update"). */
export const BRIEFING_CUES: ReadonlySet<string> = new Set(
  "news new latest happen update brief overview situation deal story going".split(" "),
);

/** Opening words of a yes-no question about a change that happened ("did the storm close it"). */
export const PAST_CHANGE_OPENERS: ReadonlySet<string> = new Set(["did"]);

/** "The day before", "the day after": a day counted from an event. */
export const DAY_WORDS: ReadonlySet<string> = new Set(["day"]);

/** The word that counts that day backwards from the event. */
export const DAYS_BEFORE: ReadonlySet<string> = new Set(["before"]);
/** …and "after", together with "before", the words that count a day from an event. */
export const RELATIVE_DAY_WORDS: ReadonlySet<string> = new Set(["before", "after"]);

/** Words by which a question points back to its subject ("did Spain close its embassy"). */
export const POSSESSIVES: ReadonlySet<string> = new Set(["its", "their", "his", "her", "own"]);
/** Words that make a noun mean every thing of its kind ("any embassy", "which ports"). */
export const EVERY: ReadonlySet<string> = new Set(["any", "all", "which", "every", "both", "each"]);
/** Words that link a noun to where or whose it is ("the port of Aarhus", "the ER at the hospital"). */
export const LINKS: ReadonlySet<string> = new Set([
  "of",
  "in",
  "at",
  "to",
  "from",
  "between",
  "near",
  "inside",
]);

/** Words that join names in a list ("the US and Italy", "Spain or Greece"). */
export const JOINERS: ReadonlySet<string> = new Set(["and", "or"]);

/** The article that may stand before a name ("the Port of Aarhus"). */
export const ARTICLES: ReadonlySet<string> = new Set(["the"]);

/** Question words that make "before" and "after" leave a person out ("who was ambassador before Brink"). */
export const WHO_WORDS: ReadonlySet<string> = new Set(["who"]);

/** Words that link a head noun to what qualifies it in a name ("Port of Gothenburg", "embassy in Kyiv"). */
export const NAME_LINKS: ReadonlySet<string> = new Set([
  "of",
  "in",
  "at",
  "on",
  "for",
  "between",
  "to",
  "from",
  "near",
]);

/** Words opening a question, and what kind of question each opens (read by the shape of a question). */
export const QUESTION_OPENERS: ReadonlyMap<string, string> = new Map([
  ["who", "who"],
  ["whom", "who"],
  ["whose", "who"],
  ["why", "why"],
  ["when", "when"],
  ["where", "where"],
  ["how", "how"],
  ["what", "what"],
  ["which", "what"],
  ["whats", "what"],
]);

/** Words a question may open with before its question word ("so when …", "please tell me why …"). */
export const LEAD_FILLERS: ReadonlySet<string> = new Set("so and but please hey ok tell me".split(" "));

/** Words after "how" that ask for an amount ("how many", "how much"). */
export const QUANTITY_WORDS: ReadonlySet<string> = new Set(["many", "much"]);

/** Phrases asking when ("since when"). */
export const WHEN_PHRASES: ReadonlySet<string> = new Set(["since when"]);

/** Words asking which one ("what date", "which day"). */
export const WHICH_WORDS: ReadonlySet<string> = new Set(["what", "which"]);

/** Prepositions before a date asked for ("on what day"). */
export const DATE_PREPOSITIONS: ReadonlySet<string> = new Set(["on"]);

/** Nouns for a place ("what country", "which city"): the question asks where. */
export const PLACE_NOUNS: ReadonlySet<string> = new Set([
  "country",
  "city",
  "town",
  "place",
  "location",
  "region",
]);

/** Nouns for a date ("what date", "which day"). */
export const DATE_NOUNS: ReadonlySet<string> = new Set(["date", "day", "month", "year", "time"]);

/** Words after a date noun that ask for the date of a change ("a date for the reopening"). */
export const PURPOSE_WORDS: ReadonlySet<string> = new Set(["for"]);

/** Units after "how many" that ask how long ("how many days"). */
export const DURATION_UNITS: ReadonlySet<string> = new Set(["days", "weeks", "months", "years", "time"]);

/** The unit a report counts a closure's length in ("lasted 37 days"). */
export const DAY_UNITS: ReadonlySet<string> = new Set(["day", "days"]);

/** Words after "how" that ask how long ("how long"). */
export const LENGTH_WORDS: ReadonlySet<string> = new Set(["long"]);

/** Words that put a cause forward ("because of", "due to"). */
export const CAUSE_TRIGGERS: ReadonlySet<string> = new Set(["because", "due"]);

/** Words that put an earlier event forward as a cause in a why-question ("after the strike"). */
export const PREMISE_LINKS: ReadonlySet<string> = new Set(["after", "following"]);

/** Words between a cause trigger and the cause ("because of", "due to"). */
export const CAUSE_LINKS: ReadonlySet<string> = new Set(["of", "to"]);

/** Words that end a cause put forward ("because of the storm and …"). */
export const CAUSE_BREAKS: ReadonlySet<string> = new Set(["and", "or", "so", "but"]);

/** Words that make a question ask why, wherever they stand ("closed because of what?"). */
export const CAUSE_WORDS: ReadonlySet<string> = new Set([
  "because",
  "due",
  "reason",
  "reasons",
  "cause",
  "caused",
  "causes",
]);

/** "What was the reason …", "what caused …": a why-question worded as a what-question. */
export const CAUSE_NOUNS: ReadonlySet<string> = new Set([
  "reason",
  "reasons",
  "cause",
  "caused",
  "causes",
  "prompted",
  "triggered",
]);

/** Words that ask for a summary. */
export const BRIEFING_WORDS: ReadonlySet<string> = new Set(
  "brief briefing overview summary summarise summarize about latest".split(" "),
);

/** Whole questions that ask what the bot does: help, a greeting, "who are you". */
export const HELP_PHRASES: ReadonlySet<string> = new Set([
  "help",
  "help me",
  "what can you do",
  "what do you know",
  "how do i use you",
  "commands",
  "what can i ask",
  "hello",
  "hi",
  "hey",
  "hi there",
  "hello there",
  "good morning",
  "good afternoon",
  "good evening",
  "who are you",
  "what are you",
]);

/** Words asking for advice ("what should I do", "is it safe"). */
export const ADVICE_WORDS: ReadonlySet<string> = new Set(
  "should advice advise advised advises advisory recommends recommend recommended safe precautions".split(
    " ",
  ),
);

/** Phrases asking for advice. */
export const ADVICE_PHRASES: ReadonlySet<string> = new Set(["what to do"]);

/** Words about what is to come ("when will it reopen"). */
export const FUTURE_WORDS: ReadonlySet<string> = new Set([
  "will",
  "tomorrow",
  "soon",
  "expected",
  "next",
  "later",
]);

/** Phrases about what is to come. */
export const FUTURE_PHRASES: ReadonlySet<string> = new Set([
  "going to",
  "supposed to",
  "scheduled to",
  "planned to",
  "meant to",
]);

/** Words asking one thing or another ("open or closed?"), which yes or no cannot answer. */
export const EITHER_WORDS: ReadonlySet<string> = new Set(["or"]);

/** Phrases asking whether a closure is for good. */
export const PERMANENCE_PHRASES: ReadonlySet<string> = new Set(["permanently", "permanent", "for good"]);

/** Words of negation ("isn't it open", "hasn't it reopened"). */
export const NEGATIONS: ReadonlySet<string> = new Set(
  "not no never isnt arent wasnt werent hasnt havent hadnt didnt doesnt dont cant wont nt".split(" "),
);

/** Status words that name no state ("what's the status"). */
export const STATUS_NOUNS: ReadonlySet<string> = new Set(["status"]);

/** Words asking who wrote or published an article, or when ("who wrote", "the byline", "published"). */
export const SOURCE_DETAIL_WORDS: ReadonlySet<string> = new Set(
  "wrote write written writer author byline journalist reporter published publish headline run ran".split(
    " ",
  ),
);

/** Words asking what someone's role is ("what was Kirby's job"). */
export const ROLE_NOUNS: ReadonlySet<string> = new Set("job role position title post".split(" "));

/** Words asking who wrote an article ("who wrote it", "the reporters behind it"). */
export const AUTHOR_WORDS: ReadonlySet<string> = new Set(
  "wrote write written writer writers author authors byline journalist journalists reporter reporters".split(
    " ",
  ),
);

/** Words that start a period running to now ("closed since November"). */
export const SINCE_WORDS: ReadonlySet<string> = new Set(["since"]);

/** "Still", said of now ("is it still shut"), unless the question is in the past ("was it still shut then"). */
export const STILL_NOW: ReadonlySet<string> = new Set(["still"]);
/** Verbs that put a question in the past. */
export const PAST_VERBS: ReadonlySet<string> = new Set(["did", "was", "were", "had", "stayed", "remained"]);

/** Phrases saying a state held over the whole of what the sources cover ("stayed open the whole time"). */
export const THROUGHOUT_PHRASES: ReadonlySet<string> = new Set([
  "the whole time",
  "the entire time",
  "all along",
  "throughout",
  "all the time",
  "the whole way through",
  "at all times",
]);

/** Words of a state that held on ("why did it stay shut", "still closed", "remained"). */
export const PERSISTENCE_WORDS: ReadonlySet<string> = new Set(
  "stay stayed stays remain remained remains still kept keep".split(" "),
);

/** Words of stopping that turn a word of running into its end ("stopped running", "ceased operating"). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  "stop stops stopped stopping cease ceased halt quit".split(" "),
);

/** Words that give a count of none right before what is counted ("no patient was hurt"). */
export const ZERO_WORDS: ReadonlySet<string> = new Set(["no", "zero"]);

/**
 * Days known by a name rather than a date, as the date they fall on ("before Christmas 2023"): only
 * those on the same day every year.
 */
export const NAMED_DAYS: readonly (readonly [RegExp, string])[] = [
  [/\bchristmas eve\b/gi, "24 December"],
  [/\b(?:christmas|xmas)(?: day)?\b/gi, "25 December"],
  [/\bboxing day\b/gi, "26 December"],
  [/\bnew year'?s eve\b/gi, "31 December"],
  [/\bnew year'?s(?: day)?\b/gi, "1 January"],
  [/\bhalloween\b/gi, "31 October"],
];

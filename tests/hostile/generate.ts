/**
 * Hostile chat input, generated from a seed so every run sees the same inputs: random code points
 * across the planes, ZWJ sequences, combining marks, bidi and zero-width characters, lone
 * surrogates and invalid UTF-8, huge messages, Markdown and mrkdwn control characters, both
 * platforms' mention syntaxes, SQL, HTML and YAML fragments, and malformed commands.
 */

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface HostileInput {
  kind: string;
  text: string;
  /** True when the input names nothing the bot tracks, so no status may come back for it. */
  garbage: boolean;
}

const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T;
const int = (random: () => number, max: number) => Math.floor(random() * max);

/** Code points from every plane, including noncharacters, private use and unassigned ones. */
function randomUnicode(random: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    const plane = pick(random, [0, 0, 0, 1, 1, 2, 14, 15, 16]);
    let cp = plane * 0x10000 + int(random, 0x10000);
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    out += String.fromCodePoint(cp);
  }
  return out;
}

const ZWJ = ["👩‍👩‍👧‍👦", "🏳️‍🌈", "👨🏽‍🚀", "🧑‍🤝‍🧑", "❤️‍🔥", "🇺🇦", "🇺🇸", "👍🏿", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"];
const COMBINING = ["\u0301", "\u0308", "\u0327", "\u20DD", "\u0489", "\u036F", "\u1AB0", "\uFE20"];
const INVISIBLE = [
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u061C",
  "\u00AD",
];
const CONTROL = [
  "\u0000",
  "\u0007",
  "\u0008",
  "\u001B[31m",
  "\u001B[2J",
  "\u001B]0;title\u0007",
  "\r",
  "\u007F",
  "\u0085",
];
const MARKUP = [
  "*",
  "_",
  "~",
  "`",
  "```",
  "||",
  ">",
  "#",
  "- ",
  "1. ",
  "[x](https://evil.example)",
  "&lt;",
  "&amp;",
  "<",
  ">",
  "\\",
];
const MENTIONS = [
  "@everyone",
  "@here",
  "<@402538212356866048>",
  "<@!402538212356866048>",
  "<@&1186216000000000001>",
  "<#1186215190437879999>",
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U0123ABCD>",
  "<!subteam^S0123|@team>",
  "<#C0123|general>",
  "<https://evil.example|click>",
];
const FRAGMENTS = [
  "'; DROP TABLE subscriptions; --",
  "1 OR 1=1",
  '" UNION SELECT token FROM secrets --',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "&#x3C;b&#x3E;",
  "--- !!python/object:os.system ['rm -rf /']",
  "&a [*a, *a, *a]",
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, typed as text.
  "${process.env.DISCORD_TOKEN}",
  "%s%s%s%n",
  "../../../etc/passwd",
  "\\u0000",
];
const MALFORMED = [
  "update",
  "update open",
  "update closed because",
  "update embassy of narnia open Reopened",
  "update the embassy of the united kingdom open Reopened",
  "update what is the weather in kyiv? open Yes",
  "subscribe",
  "subscribe embassy of narnia",
  "subscribe @everyone",
  "unsubscribe <!channel>",
  "unsubscribe",
  "confirm",
  "status narnia",
  "ask",
  "/brief",
  "/brief /brief /brief",
  "help me hack",
  "-x",
  "--execute",
  "subscriptions please now",
];

const WORDS = ["lorem", "ipsum", "zorp", "qwfp", "blarg", "xyzzy", "frobnicate", "wibble", "quux", "snark"];

/** One hostile input of the given category. */
function make(kind: string, random: () => number): HostileInput {
  switch (kind) {
    case "unicode":
      return { kind, text: randomUnicode(random, 1 + int(random, 60)), garbage: true };
    case "zwj":
      return {
        kind,
        text: Array.from({ length: 1 + int(random, 30) }, () => pick(random, ZWJ)).join(""),
        garbage: true,
      };
    case "combining": {
      const base = pick(random, WORDS);
      const text = [...base]
        .map((c) => c + Array.from({ length: int(random, 12) }, () => pick(random, COMBINING)).join(""))
        .join("");
      return { kind, text, garbage: true };
    }
    case "invisible":
      return {
        kind,
        text: Array.from(
          { length: 1 + int(random, 20) },
          () => `${pick(random, INVISIBLE)}${pick(random, WORDS)}`,
        ).join(""),
        garbage: true,
      };
    case "control":
      return {
        kind,
        text: Array.from(
          { length: 1 + int(random, 12) },
          () => `${pick(random, CONTROL)}${pick(random, WORDS)}`,
        ).join(" "),
        garbage: true,
      };
    case "surrogates": {
      // Lone surrogates, and what a decoder makes of invalid UTF-8.
      const units = Array.from({ length: 1 + int(random, 20) }, () =>
        String.fromCharCode(random() < 0.5 ? 0xd800 + int(random, 0x400) : 0xdc00 + int(random, 0x400)),
      ).join("");
      const bytes = Uint8Array.from({ length: 1 + int(random, 30) }, () => 0x80 + int(random, 0x80));
      return {
        kind,
        text: `${units}${new TextDecoder().decode(bytes)}${pick(random, WORDS)}`,
        garbage: true,
      };
    }
    case "markup":
      return {
        kind,
        text: Array.from({ length: 1 + int(random, 40) }, () => pick(random, [...MARKUP, ...WORDS])).join(
          random() < 0.5 ? "" : " ",
        ),
        garbage: true,
      };
    case "mentions":
      return {
        kind,
        text: Array.from({ length: 1 + int(random, 8) }, () => pick(random, [...MENTIONS, ...WORDS])).join(
          " ",
        ),
        garbage: true,
      };
    case "fragments":
      return { kind, text: `${pick(random, FRAGMENTS)} ${pick(random, FRAGMENTS)}`, garbage: true };
    case "malformed":
      return {
        kind,
        text: `${pick(random, MALFORMED)} ${random() < 0.5 ? pick(random, [...MENTIONS, ...FRAGMENTS]) : ""}`.trim(),
        garbage: true,
      };
    case "mixed": {
      // Real questions wrapped in hostile characters: these may be answered, with a status.
      const question = pick(random, [
        "is the us embassy in kyiv open?",
        "why did the italian embassy close",
        "status",
        "who is bridget brink",
      ]);
      return {
        kind,
        text: `${pick(random, INVISIBLE)}${question}${pick(random, ZWJ)} ${pick(random, MENTIONS)}`,
        garbage: false,
      };
    }
    default:
      throw new Error(`no generator for ${kind}`);
  }
}

export const KINDS = [
  "unicode",
  "zwj",
  "combining",
  "invisible",
  "control",
  "surrogates",
  "markup",
  "mentions",
  "fragments",
  "malformed",
  "mixed",
] as const;

/** `count` inputs from `seed`, every category in turn, with a few huge ones among them. */
export function hostileInputs(count: number, seed = 12): HostileInput[] {
  const random = rng(seed);
  const inputs: HostileInput[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 500 === 499) {
      // A 100,000-character message.
      const unit =
        make(
          pick(
            random,
            KINDS.filter((k) => k !== "mixed"),
          ),
          random,
        ).text || "x";
      inputs.push({
        kind: "huge",
        text: unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000),
        garbage: true,
      });
      continue;
    }
    inputs.push(make(KINDS[i % KINDS.length] as string, random));
  }
  return inputs;
}

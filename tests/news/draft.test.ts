import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runBrief } from "../../src/cli/brief.ts";
import { loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { knowledgeFileSchema } from "../../src/knowledge/schema.ts";
import { ArticleProblem, readArticle } from "../../src/news/article.ts";
import { BaseReader, draftArticle } from "../../src/news/draft.ts";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

const FIXTURE = path.join(REPO_ROOT, "tests", "fixtures", "bases", "border-crossings");
const ARTICLE = path.join(FIXTURE, "articles", "2026-01-19-iberian-logistics-weekly.txt");
const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-draft-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the border-crossings base (without its articles), to draft into. */
function baseCopy(name: string): string {
  const dir = path.join(scratch, name);
  cpSync(FIXTURE, dir, { recursive: true });
  rmSync(path.join(dir, "articles"), { recursive: true });
  return dir;
}

async function brief(args: string[], knowledgeDir: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => {
    out += c;
  });
  stderr.on("data", (c) => {
    err += c;
  });
  const env = {
    BRIEFBOT_KNOWLEDGE_DIR: knowledgeDir,
    BRIEFBOT_DB_PATH: path.join(scratch, "none.db"),
    DATABASE_URL: "",
  };
  const code = await runBrief(args, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, stdout: out, stderr: err };
}

function loaded(dir: string) {
  const result = loadKnowledgeBase(dir);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("; "));
  return result.base;
}

describe("drafting an article against a base", () => {
  const base = loaded(FIXTURE);
  const article = readArticle(readFileSync(ARTICLE), { name: "article" });
  const draft = draftArticle(article, new BaseReader(base));

  it("reads the header: publisher, headline, byline and dateline, and numbers the body as it is numbered", () => {
    expect(draft.source.publisher).toBe("Iberian Logistics Weekly");
    expect(draft.source.author).toBe("Pau Soler");
    expect(draft.source.published).toEqual({ date: "2026-01-19", precision: "day" });
    expect(article.paragraphs.map((p) => p.n)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("drafts the reopening the first paragraph reports, dated from its weekday and date, with its sentence", () => {
    const reopening = draft.changes.find((c) => c.entity === "le-perthus-crossing" && c.state === "open");
    expect(reopening?.effective.date.slice(0, 10)).toBe("2026-01-17");
    expect(reopening?.paragraph).toBe(1);
    expect(reopening?.previous).toBeDefined();
  });

  it("quotes every item's sentence verbatim from the paragraph it cites", () => {
    expect(draft.changes.length + draft.facts.length).toBeGreaterThan(0);
    for (const item of [...draft.changes, ...draft.facts]) {
      const paragraph = article.paragraphs.find((p) => p.n === item.paragraph);
      expect(paragraph?.text).toContain(item.sentence);
    }
  });
});

describe("brief draft", () => {
  it("writes the numbered article beside the base and a draft in the base's schema that the bot does not load", async () => {
    const dir = baseCopy("cli");
    const before = loaded(dir);
    const { code, stdout, stderr } = await brief(["draft", ARTICLE], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const drafts = readdirSync(path.join(dir, "drafts"));
    expect(drafts).toHaveLength(1);
    expect(stdout).toContain(path.join(dir, "drafts", drafts[0] as string));
    const text = readFileSync(path.join(dir, "drafts", drafts[0] as string), "utf8");
    // Every section validates against the base's own schema, so an approved item moves in as it is.
    expect(knowledgeFileSchema.safeParse(parse(text)).success).toBe(true);
    expect(text).toMatch(
      /# le-perthus-crossing\n.*\n.*\n *# ¶1 \(limited before this in the base\): "The motorway border crossing/,
    );
    const stored = readdirSync(path.join(dir, "articles"));
    expect(readFileSync(path.join(dir, "articles", stored[0] as string), "utf8")).toMatch(
      /^\[1\] The motorway/m,
    );
    // The live base is what it was: the draft is not loaded.
    const after = loaded(dir);
    expect([...after.timelines.values()].flat().length).toBe([...before.timelines.values()].flat().length);
    // Moved into the base as it is, it loads: each thing's events join its timeline from the other files.
    cpSync(path.join(dir, "drafts", drafts[0] as string), path.join(dir, drafts[0] as string));
    const approved = loaded(dir);
    const events = (base: typeof approved, id: string) => base.timelines.get(id)?.length ?? 0;
    expect(events(approved, "le-perthus-crossing")).toBeGreaterThan(events(before, "le-perthus-crossing"));
  });

  it("reads an HTML page through Readability", () => {
    const body = readArticle(readFileSync(ARTICLE), { name: "a" })
      .paragraphs.map((p) => `<p>${p.text}</p>`)
      .join("\n");
    const html = `<!doctype html><html><head><title>Le Perthus back to normal</title>
      <meta property="og:site_name" content="Iberian Logistics Weekly">
      <meta property="article:published_time" content="2026-01-19T08:00:00Z"></head>
      <body><nav><a href="/">Home</a></nav><article><h1>Le Perthus back to normal</h1>${body}</article></body></html>`;
    const page = readArticle(new TextEncoder().encode(html), { name: "page.html" });
    expect(page.publisher).toBe("Iberian Logistics Weekly");
    expect(page.published).toEqual({ date: "2026-01-19", precision: "day" });
    expect(page.paragraphs[0]?.text).toMatch(/^The motorway border crossing/);
  });

  it.each([
    [
      "a file that is not UTF-8",
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e]),
      /is not UTF-8 \(byte 0xe9 at offset 3\)/,
    ],
    [
      "a paywall stub",
      Buffer.from("Subscribe to read this article.\n\nAlready a subscriber? Sign in."),
      /has no article text/,
    ],
    ["a huge file", Buffer.alloc(3 * 1024 * 1024, 0x61), /over the 2 MB limit/],
  ])("refuses %s in one line and writes nothing", async (_label, bytes, message) => {
    const dir = baseCopy(`bad-${_label.replace(/\W+/g, "-")}`);
    const file = path.join(scratch, `${_label.replace(/\W+/g, "-")}.txt`);
    writeFileSync(file, bytes);
    const { code, stdout, stderr } = await brief(["draft", file], dir);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(existsSync(path.join(dir, "drafts"))).toBe(false);
    expect(existsSync(path.join(dir, "articles"))).toBe(false);
  });

  it("names a missing file and asks for one article when given none", async () => {
    const dir = baseCopy("usage");
    const missing = await brief(["draft", path.join(scratch, "nope.txt")], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist; give an article's file or URL/);
    const none = await brief(["draft"], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give one article/);
  });

  it("raises a problem, not a crash, for text with no body", () => {
    expect(() => readArticle(new TextEncoder().encode("Headline only"), { name: "x" })).toThrow(
      ArticleProblem,
    );
  });
});

describe("brief draft of a URL", () => {
  it("drafts a page served over HTTP, and names a server error in one line", async () => {
    const { createServer } = await import("node:http");
    const body = readArticle(readFileSync(ARTICLE), { name: "a" })
      .paragraphs.map((p) => `<p>${p.text}</p>`)
      .join("\n");
    const page = `<!doctype html><html><head><title>Le Perthus back to normal</title>
      <meta property="og:site_name" content="Iberian Logistics Weekly">
      <meta property="article:published_time" content="2026-01-19T08:00:00Z"></head>
      <body><article><h1>Le Perthus back to normal</h1>${body}</article></body></html>`;
    const server = createServer((request, response) => {
      if (request.url === "/article") response.writeHead(200, { "content-type": "text/html" }).end(page);
      else response.writeHead(500).end("oops");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const dir = baseCopy("url");
      const ok = await brief(["draft", `http://127.0.0.1:${port}/article`], dir);
      expect(ok.stderr).toBe("");
      expect(ok.stdout).toMatch(/from Iberian Logistics Weekly \(2026-01-19\)/);
      expect(ok.stdout).toMatch(/le-perthus-crossing: \w+ -> open 2026-01-17/);
      const failing = baseCopy("url-error");
      const bad = await brief(["draft", `http://127.0.0.1:${port}/gone`], failing);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toBe(
        `brief draft: http://127.0.0.1:${port}/gone answered 500; check the address, or save the article to a file and draft that\n`,
      );
      expect(existsSync(path.join(failing, "drafts"))).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

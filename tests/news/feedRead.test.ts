import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFeed } from "../../src/news/feedRead.ts";
import { addressLabel, FetchProblem, fetchLimited } from "../../src/news/fetchLimited.ts";
import { atom, NewsSite, rss } from "./support/newsSite.ts";

let site: NewsSite;
beforeAll(async () => {
  site = await NewsSite.start();
});
afterAll(async () => {
  await site.close();
});

const LIMITS = { timeoutMs: 1_000, maxBytes: 256 * 1024, accept: "application/rss+xml" };

/** The one line a fetch or read of `path` fails with. */
async function problemOf(path: string): Promise<string> {
  try {
    const { bytes } = await fetchLimited(site.url(path), addressLabel(site.url(path)), LIMITS);
    readFeed(bytes, addressLabel(site.url(path)));
  } catch (error) {
    expect(error).toBeInstanceOf(FetchProblem);
    return (error as Error).message;
  }
  throw new Error(`${path} was read`);
}

describe("reading a feed", () => {
  it("an RSS feed gives each item's guid and link; an Atom feed each entry's id and link", async () => {
    site.pages.set(
      "/news.rss",
      rss("Wire", [
        { guid: "a-1", link: "https://news.example/a", title: "A", date: "2024-11-21T09:00:00Z" },
      ]),
    );
    site.pages.set(
      "/desk.atom",
      atom("Desk", [
        { id: "urn:b", link: "https://news.example/b", title: "B", date: "2024-11-22T08:00:00Z" },
      ]),
    );
    const read = async (path: string) =>
      readFeed((await fetchLimited(site.url(path), path, LIMITS)).bytes, path).items;
    expect(await read("/news.rss")).toMatchObject([{ key: "a-1", link: "https://news.example/a" }]);
    expect(await read("/desk.atom")).toMatchObject([{ key: "urn:b", link: "https://news.example/b" }]);
  });

  it("a relative link is read against the feed's address", () => {
    const body = Buffer.from(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>T</title><link>/2024/11/21/story</link><guid>s</guid></item></channel></rss>',
    );
    expect(readFeed(body, "f", "https://news.example/feeds/main.rss").items).toMatchObject([
      { key: "s", link: "https://news.example/2024/11/21/story" },
    ]);
  });

  it("an item without a guid is known by its link, whatever its date says", async () => {
    const feed = (date: string) => ({
      type: "application/rss+xml",
      body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>W</title><item><title>T</title><link>https://news.example/t</link><pubDate>${date}</pubDate></item></channel></rss>`,
    });
    site.pages.set("/noguid.rss", feed("Thu, 21 Nov 2024 09:00:00 GMT"));
    const first = readFeed((await fetchLimited(site.url("/noguid.rss"), "f", LIMITS)).bytes, "f").items;
    site.pages.set("/noguid.rss", feed("Fri, 22 Nov 2024 10:00:00 GMT"));
    const edited = readFeed((await fetchLimited(site.url("/noguid.rss"), "f", LIMITS)).bytes, "f").items;
    expect(first).toMatchObject([{ key: "https://news.example/t" }]);
    expect(edited[0]?.key).toBe(first[0]?.key);
  });

  it("a feed in the Latin-1 its XML declaration names is read; bytes that are not UTF-8 and name nothing are refused", async () => {
    const latin = (declaration: string) =>
      Buffer.from(
        `<?xml version="1.0"${declaration}?><rss version="2.0"><channel><title>Caf\xe9</title><item><title>Caf\xe9 reopens</title><link>https://news.example/cafe</link><guid>c</guid></item></channel></rss>`,
        "latin1",
      );
    site.pages.set("/latin.rss", { type: "application/rss+xml", body: latin(' encoding="ISO-8859-1"') });
    const { bytes } = await fetchLimited(site.url("/latin.rss"), "latin", LIMITS);
    expect(readFeed(bytes, "latin").items[0]).toMatchObject({ title: "Café reopens", key: "c" });

    site.pages.set("/mislabelled.rss", { type: "application/rss+xml", body: latin("") });
    const line = await problemOf("/mislabelled.rss");
    expect(line).toMatch(/is not UTF-8 \(byte 0xe9 at offset \d+\) and names no other encoding$/);
  });

  it("a timeout, an HTTP error, a huge body, an HTML page and XML that is no feed are each one line naming the address", async () => {
    site.pages.set("/slow.rss", { hang: true });
    site.pages.set("/huge.rss", { huge: 4 * 1024 * 1024 });
    site.pages.set("/broken.rss", { type: "text/plain", body: "oops", status: 503 });
    site.pages.set("/home", {
      type: "text/html",
      body: "<!DOCTYPE html><html><head></head><body>hi</body></html>",
    });
    site.pages.set("/sitemap.xml", {
      type: "application/xml",
      body: '<?xml version="1.0"?><urlset><url><loc>https://news.example/</loc></url></urlset>',
    });
    const lines = {
      slow: await problemOf("/slow.rss"),
      huge: await problemOf("/huge.rss"),
      broken: await problemOf("/broken.rss"),
      home: await problemOf("/home"),
      sitemap: await problemOf("/sitemap.xml"),
    };
    expect(lines.slow).toBe(`${site.url("/slow.rss")} did not answer within 1 s`);
    expect(lines.huge).toContain("is over the 256 KB limit");
    expect(lines.broken).toBe(`${site.url("/broken.rss")} answered HTTP 503`);
    expect(lines.home).toContain("is an HTML page, not an RSS or Atom feed; set the feed's own address");
    expect(lines.sitemap).toContain("is not an RSS or Atom feed");
    for (const line of Object.values(lines)) expect(line).not.toContain("\n");
  });

  it("an address is shown without its user, password or query", () => {
    expect(addressLabel("https://reader:s3cret@news.example/feed.rss?key=abc123")).toBe(
      "https://news.example/feed.rss?…",
    );
  });
});

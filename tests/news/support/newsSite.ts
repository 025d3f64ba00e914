import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One page of the fake site: its body and type, or a behaviour (never answer, an HTTP error, a huge body). */
export type Page =
  | { body: string | Uint8Array; type: string; status?: number }
  | { hang: true }
  | { huge: number };

/**
 * A news site on 127.0.0.1, started by the test: feeds and article pages served from a table the
 * test edits, with every request counted by path. Nothing leaves the machine.
 */
export class NewsSite {
  readonly pages = new Map<string, Page>();
  readonly requests: string[] = [];
  readonly #hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<NewsSite> {
    let site: NewsSite | undefined;
    const server = createServer((req, res) => site?.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    site = new NewsSite(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return site;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** How many times `path` was asked for. */
  hits(path: string): number {
    return this.requests.filter((p) => p === path).length;
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? "/", this.origin).pathname;
    this.requests.push(path);
    const page = this.pages.get(path);
    if (!page) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if ("hang" in page) {
      this.#hanging.add(res);
      res.on("close", () => this.#hanging.delete(res));
      return;
    }
    if ("huge" in page) {
      // No length given: the body streams until the reader gives up.
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < page.huge) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end();
      };
      res.on("error", () => {});
      more();
      return;
    }
    res.writeHead(page.status ?? 200, { "content-type": page.type }).end(page.body);
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An RSS 2.0 feed of `items`. */
export function rss(
  title: string,
  items: { guid: string; link: string; title: string; date: string }[],
): Page {
  const entries = items
    .map(
      (item) =>
        `<item><title>${item.title}</title><link>${item.link}</link><guid isPermaLink="false">${item.guid}</guid><pubDate>${new Date(item.date).toUTCString()}</pubDate></item>`,
    )
    .join("\n");
  return {
    type: "application/rss+xml; charset=utf-8",
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://news.example/</link><description>News</description>\n${entries}\n</channel></rss>`,
  };
}

/** An Atom feed of `entries`. */
export function atom(
  title: string,
  entries: { id: string; link: string; title: string; date: string }[],
): Page {
  const body = entries
    .map(
      (entry) =>
        `<entry><id>${entry.id}</id><title>${entry.title}</title><link href="${entry.link}"/><updated>${entry.date}</updated></entry>`,
    )
    .join("\n");
  return {
    type: "application/atom+xml",
    body: `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title><id>urn:feed:${title}</id><updated>2024-11-21T10:00:00Z</updated>\n${body}\n</feed>`,
  };
}

/** A news article page: metadata in its head, paragraphs in an <article>. */
export function articlePage(article: {
  publisher: string;
  headline: string;
  published: string;
  paragraphs: string[];
}): Page {
  return {
    type: "text/html; charset=utf-8",
    body: `<!doctype html><html><head><title>${article.headline}</title>
<meta property="og:site_name" content="${article.publisher}">
<meta property="og:title" content="${article.headline}">
<meta property="article:published_time" content="${article.published}">
</head><body><article><h1>${article.headline}</h1>
${article.paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</article></body></html>`,
  };
}

/** The US embassy reopens; the Italian one stays closed: two status changes against the Kyiv base. */
export const EMBASSY_REOPENS = articlePage({
  publisher: "Kyiv Wire Service",
  headline: "US Embassy in Kyiv reopens after air alert",
  published: "2024-11-21T09:00:00Z",
  paragraphs: [
    "The U.S. Embassy in Kyiv reopened on Thursday, a day after it closed because of a warning of a significant air attack, the State Department said in a statement to reporters.",
    "Staff returned to work at the embassy building in the morning, and consular appointments that had been cancelled on Wednesday were offered again to applicants who had booked them earlier in the month.",
    "The Italian Embassy in Kyiv remains closed, according to officials in Rome, who said they would review the security situation over the coming days before deciding when the mission would open again.",
  ],
});

/** The Spanish embassy reopens, from another publisher, served through an Atom feed. */
export const SPAIN_REOPENS = articlePage({
  publisher: "Iberia Desk",
  headline: "Spain reopens its embassy in Kyiv",
  published: "2024-11-22T08:00:00Z",
  paragraphs: [
    "The Spanish Embassy in Kyiv reopened on Friday after two days closed, the foreign ministry in Madrid said, adding that the decision followed a review of the threat of air attacks on the capital.",
    "Diplomats who had worked from home during the closure went back to the embassy, and the ministry said its consular section would see visitors by appointment for the rest of the week.",
  ],
});

/** A paywall stub: a headline and a line asking to subscribe, no article text. */
export const PAYWALL_STUB = articlePage({
  publisher: "Locked Times",
  headline: "Embassies weigh their next move",
  published: "2024-11-21T07:00:00Z",
  paragraphs: ["Subscribe to keep reading this article and every other story on our site."],
});

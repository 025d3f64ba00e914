import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A two-port base: both ports closed by a storm on 10 Jan 2026, as the Harbour Gazette reported. */
const BASE = `base:
  scope: I answer questions about the ports of Alby and Brill.
kinds:
  - id: port
    nouns: [port, harbour]
sources:
  - id: harbour-gazette-2026-01-10
    publisher: Harbour Gazette
    headline: Storm shuts both ports
    published: { date: "2026-01-10", precision: day }
entities:
  - id: alby
    kind: city
    name: Alby
  - id: port-of-alby
    kind: port
    name: Port of Alby
    location: alby
  - id: port-of-brill
    kind: port
    name: Port of Brill
timelines:
  - entity: port-of-alby
    events:
      - state: closed
        effective: { date: "2026-01-10", precision: day }
        reason: a storm
        source: harbour-gazette-2026-01-10
        paragraph: 1
  - entity: port-of-brill
    events:
      - state: closed
        effective: { date: "2026-01-10", precision: day }
        reason: a storm
        source: harbour-gazette-2026-01-10
        paragraph: 2
`;

/** A draft as \`brief draft\` writes it: both ports reopen, a new ferry terminal closes, one candidate fact. */
export const DRAFT = `# Draft from coast-news.txt: 3 status changes and 1 candidate fact.
sources:
  - id: coast-news-2026-01-20
    publisher: Coast News
    headline: Ports reopen after the storm
    published: { date: "2026-01-20", precision: day }
entities:
  - id: brill-ferry-terminal
    kind: port
    name: Brill Ferry Terminal
timelines:
  # port-of-alby
  - entity: port-of-alby
    events:
      # ¶1 (closed before this in the base): "The Port of Alby reopened on Monday."
      - state: open
        effective: { date: "2026-01-19", precision: day }
        source: coast-news-2026-01-20
        paragraph: 1
        certainty: reported
  # port-of-brill
  - entity: port-of-brill
    events:
      # ¶2 (closed before this in the base): "Brill reopened to cargo on Tuesday."
      - state: open
        effective: { date: "2026-01-20", precision: day }
        source: coast-news-2026-01-20
        paragraph: 2
        certainty: reported
  # brill-ferry-terminal (a new port: "Brill Ferry Terminal")
  - entity: brill-ferry-terminal
    events:
      # ¶3 (no earlier status in the base): "The Brill Ferry Terminal stays shut for repairs."
      - type: still
        state: closed
        effective: { date: "2026-01-20", precision: day }
        reason: repairs
        source: coast-news-2026-01-20
        paragraph: 3
        certainty: reported
facts:
  # ¶4: "Dockworkers cleared debris overnight, said harbourmaster Ada Lind."
  - id: alby-debris-cleared
    about: [port-of-alby]
    statement: Dockworkers cleared debris overnight, said harbourmaster Ada Lind.
    source: coast-news-2026-01-20
    paragraph: 4
    attribution: harbourmaster Ada Lind
    certainty: reported
`;

export const ARTICLE =
  "[1] The Port of Alby reopened on Monday.\n\n[2] Brill reopened to cargo on Tuesday.\n";

/** A scratch folder: \`knowledge/\` with the base, its \`drafts/\` with the draft, and a database path. */
export function reviewScratch(): {
  dir: string;
  knowledgeDir: string;
  draftsDir: string;
  draftFile: string;
  dbPath: string;
  cleanup(): void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), "briefbot-review-"));
  const knowledgeDir = path.join(dir, "knowledge");
  const draftsDir = path.join(knowledgeDir, "drafts");
  mkdirSync(path.join(knowledgeDir, "articles"), { recursive: true });
  mkdirSync(draftsDir, { recursive: true });
  writeFileSync(path.join(knowledgeDir, "base.yaml"), BASE);
  writeFileSync(path.join(knowledgeDir, "articles", "coast-news-2026-01-20.txt"), ARTICLE);
  const draftFile = path.join(draftsDir, "coast-news-2026-01-20.yaml");
  writeFileSync(draftFile, DRAFT);
  return {
    dir,
    knowledgeDir,
    draftsDir,
    draftFile,
    dbPath: path.join(dir, "briefbot.db"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

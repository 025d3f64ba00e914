import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runBrief } from "../../src/cli/brief.ts";
import type { Answer } from "../../src/engine/answer.ts";
import { statusesOf } from "../../src/engine/engine.ts";
import { statusSnapshots } from "../../src/engine/retrieve/status.ts";
import { checkKnowledgeFolder, loadKnowledgeBase } from "../../src/knowledge/loadBase.ts";
import { statusEventSchema } from "../../src/knowledge/schema.ts";
import { summariseBase } from "../../src/knowledge/summary.ts";
import { buildNotice } from "../../src/subscriptions/buildNotice.ts";
import { fixtureBase, fixtureDir, fixtureEngine } from "../support/fixtureBases.ts";

/**
 * Dates known only roughly and sources that disagree, over the invented Tessel canal locks
 * (tests/fixtures/bases/canal-locks): the Orm lock reopened "between 10 and 14 May", the Vik lock "by
 * mid-May", the Sund lock "not before 12 May"; the Gazette has the Hamn lock reopened on 3 April and
 * the Courier on the 6th; the Gazette has the Mjol lock shut on 20 April and the Courier has it still
 * open on the 21st.
 */
const engine = fixtureEngine("canal-locks");
const base = fixtureBase("canal-locks");
const NOW = new Date("2026-06-10T12:00:00Z");
const ask = (q: string): Answer => engine.ask(q, { now: NOW });
const sourceIds = (a: Answer) => a.sources.map((s) => s.id).sort();
const statusOf = (a: Answer, id: string) => a.statuses.find((s) => s.entity.id === id);

describe("rough dates in the schema", () => {
  const event = (effective: object) =>
    statusEventSchema.safeParse({ state: "open", effective, source: "s", paragraph: 1 });

  it("takes a bound on one date and a part of a month", () => {
    expect(event({ date: "2026-05-15", precision: "day", bound: "by" }).success).toBe(true);
    expect(event({ date: "2026-05-12", precision: "day", bound: "not-before" }).success).toBe(true);
    expect(event({ date: "2026-05", precision: "month", part: "mid", bound: "by" }).success).toBe(true);
    expect(event({ date: "2026-05", precision: "month", part: "late" }).success).toBe(true);
  });

  it("refuses a bound on a range or a time, a part of a day, and an unknown bound, each on its field", () => {
    const issue = (effective: object) => event(effective).error?.issues[0];
    expect(issue({ date: "2026-05-10", until: "2026-05-14", precision: "day", bound: "by" })?.path).toEqual([
      "effective",
      "bound",
    ]);
    expect(issue({ date: "2026-05-10T10:00", precision: "minute", bound: "by" })?.message).toMatch(
      /not a time or a range/,
    );
    expect(issue({ date: "2026-05-10", precision: "day", part: "mid" })?.message).toMatch(/precision month/);
    expect(issue({ date: "2026-05-10", precision: "day", bound: "before" })?.path).toEqual([
      "effective",
      "bound",
    ]);
  });
});

describe("a change dated only roughly", () => {
  it("orders a 'by' change by the latest it can have been", () => {
    const vik = base.timelines.get("vik-lock") ?? [];
    expect(vik.map((e) => e.state)).toEqual(["closed", "open"]);
    expect(vik[1]?.effective).toEqual({ date: "2026-05", precision: "month", part: "mid", bound: "by" });
  });

  it("answers now with the range, a bound or a part as the source gave them, never a day", () => {
    const orm = ask("is the Orm lock open?");
    expect(orm.verdict).toBe("yes");
    expect(orm.status?.since).toEqual({ date: "2026-05-10", until: "2026-05-14", precision: "day" });
    expect(orm.text).toMatch(/between 10 and 14 May 2026/);
    const vik = ask("is the Vik lock open?");
    expect(vik.verdict).toBe("yes");
    expect(vik.text).toMatch(/by mid-May 2026/);
    expect(vik.text).not.toMatch(/\b(1[0-9]|20) May/);
    expect(ask("is the Sund lock open?").text).toMatch(/not before 12 May 2026/);
  });

  it("says 'the sources don't say' for a day within a range, and yes or no outside it", () => {
    const within = ask("was the Orm lock open on 12 May?");
    expect(within.answered).toBe(true);
    expect(within.verdict).toBe("not-given");
    expect(within.text).toMatch(/don't say/);
    expect(sourceIds(within)).toEqual(["bladet-2026-05-20"]);
    expect(ask("was the Orm lock open on 8 May?").verdict).toBe("no");
    expect(ask("was the Orm lock open on 16 May?").verdict).toBe("yes");
  });

  it("gives no yes or no before a 'by' bound, back to the change before it, and one after it", () => {
    expect(ask("was the Vik lock open on 5 May?").verdict).toBe("not-given");
    expect(ask("was the Vik lock open on 25 May?").verdict).toBe("yes");
  });

  it("gives no yes or no after a 'not before' bound until the report of the change, and a no before it", () => {
    expect(ask("was the Sund lock open on 10 May?").verdict).toBe("no");
    const after = ask("was the Sund lock open on 14 May?");
    expect(after.verdict).toBe("not-given");
    expect(after.text).toMatch(/not before 12 May 2026/);
  });

  it("says when it reopened no more exactly than the source", () => {
    expect(ask("when did the Orm lock reopen?").text).toMatch(/reopened between 10 and 14 May 2026/);
    const vik = ask("when did the Vik lock reopen?");
    expect(vik.text).toMatch(/reopened by mid-May 2026/);
    expect(sourceIds(vik)).toEqual(["courier-2026-05-28"]);
    expect(ask("when did the Sund lock reopen?").text).toMatch(/reopened not before 12 May 2026/);
  });

  it("counts no days from a change dated only roughly", () => {
    const a = ask("how long was the Orm lock closed?");
    expect(a.text).toMatch(/no exact length/);
    expect(a.text).not.toMatch(/\d+ days/);
  });

  it("posts a notice dated as the source dates it", () => {
    const snapshot = statusSnapshots(base, NOW).find((s) => s.entityId === "vik-lock");
    if (!snapshot) throw new Error("no snapshot of the Vik lock");
    const notice = buildNotice({
      id: "n1",
      snapshot,
      previous: { state: "closed", key: "k", noticeId: null } as never,
      createdAt: NOW,
    });
    expect(notice.to).toBe("open");
    expect(notice.effective).toMatchObject({ bound: "by", part: "mid" });
    expect(notice.text).toContain("effective by mid-May 2026");
  });
});

describe("sources that disagree", () => {
  it("on the day between two reported reopenings, says the sources disagree and cites both", () => {
    const a = ask("was the Hamn lock open on 4 April?");
    expect(a.verdict).toBe("disputed");
    expect(a.caveats.map((c) => c.kind)).toContain("disagreement");
    expect(a.text).toMatch(/disagree/);
    expect(a.text).toMatch(/3 Apr 2026/);
    expect(a.text).toMatch(/6 Apr 2026/);
    expect(sourceIds(a)).toEqual(["courier-2026-04-07", "gazette-2026-04-04"]);
  });

  it("gives a yes or no where they agree: before both, and after both, with the dates they disagree on", () => {
    expect(ask("was the Hamn lock open on 2 April?").verdict).toBe("no");
    const after = ask("was the Hamn lock open on 7 April?");
    expect(after.verdict).toBe("yes");
    expect(after.caveats.map((c) => c.kind)).toContain("disagreement");
    const now = ask("is the Hamn lock open?");
    expect(now.verdict).toBe("yes");
    expect(now.status?.disputed?.kind).toBe("date");
    expect(sourceIds(now)).toEqual(["courier-2026-04-07", "gazette-2026-04-04"]);
  });

  it("says when it reopened by each source", () => {
    const a = ask("when did the Hamn lock reopen?");
    expect(a.text).toMatch(/Canal Gazette reports that it reopened on 3 Apr 2026/);
    expect(a.text).toMatch(/Tessel Courier reports that it reopened on 6 Apr 2026/);
    expect(sourceIds(a)).toEqual(["courier-2026-04-07", "gazette-2026-04-04"]);
  });

  it("gives no yes or no while they disagree on the state, and each account with its source", () => {
    const a = ask("is the Mjol lock open?");
    expect(a.verdict).toBe("disputed");
    expect(a.status?.disputed?.kind).toBe("state");
    expect(a.status?.disputed?.accounts.map((x) => [x.source.id, x.state])).toEqual([
      ["gazette-2026-04-21", "closed"],
      ["courier-2026-04-22", "open"],
    ]);
    expect(a.text).not.toMatch(/^(Yes|No)\b/);
    expect(sourceIds(a)).toEqual(["courier-2026-04-22", "gazette-2026-04-21"]);
    expect(ask("was the Mjol lock open on 10 April?").verdict).toBe("yes");
    expect(ask("was the Mjol lock open on 21 April?").verdict).toBe("disputed");
  });

  it("says in a notice that the sources disagree on the state, with each account", () => {
    const snapshot = statusSnapshots(base, NOW).find((s) => s.entityId === "mjol-lock");
    if (!snapshot) throw new Error("no snapshot of the Mjol lock");
    expect(snapshot.key).toMatch(/\|disputed$/);
    const notice = buildNotice({ id: "n2", snapshot, previous: undefined, createdAt: NOW });
    expect(notice.text).toContain(
      "My sources disagree: Canal Gazette has it closed; Tessel Courier has it open.",
    );
    const agreed = statusSnapshots(base, NOW).find((s) => s.entityId === "hamn-lock");
    expect(agreed?.key).not.toMatch(/disputed/);
  });

  it("counts no days to a change the sources date differently, and gives each date", () => {
    const a = ask("how long was the Hamn lock closed?");
    expect(a.text).toMatch(/disagree on until when/);
    expect(a.text).not.toMatch(/\d+ days?\b/);
    expect(sourceIds(a)).toEqual(["bladet-2026-04-02", "courier-2026-04-07", "gazette-2026-04-04"]);
  });

  it("carries the dispute in the answer's JSON", () => {
    const json = JSON.parse(JSON.stringify(ask("is the Mjol lock open?")));
    expect(json.verdict).toBe("disputed");
    expect(json.status.disputed.accounts).toHaveLength(2);
  });
});

describe("several things at once", () => {
  it("answers 'are the locks open' with the disagreement, not a yes", () => {
    const a = ask("are the locks open?");
    expect(a.verdict).toBe("disputed");
    expect(a.statuses).toHaveLength(5);
    expect(statusOf(a, "mjol-lock")?.disputed?.kind).toBe("state");
    expect(statusOf(a, "orm-lock")?.since.until).toBe("2026-05-14");
  });

  it("lists every lock for 'which locks are closed', the disputed one with both accounts", () => {
    const a = ask("which locks are closed?");
    expect(a.answered).toBe(true);
    expect(a.statuses.map((s) => s.entity.id).sort()).toEqual([
      "hamn-lock",
      "mjol-lock",
      "orm-lock",
      "sund-lock",
      "vik-lock",
    ]);
    expect(a.text).toMatch(/disagree about the Mjol lock/);
  });

  it("shows every status in 'status', the rough dates as given and the dispute", () => {
    const a = statusesOf(engine, NOW);
    expect(a.statuses).toHaveLength(5);
    expect(a.text).toMatch(/a date by mid-May 2026/);
    expect(a.text).toMatch(/a date between 10 and 14 May 2026/);
    expect(a.caveats.filter((c) => c.kind === "disagreement")).toHaveLength(2);
  });
});

describe("brief check", () => {
  it("summarises rough dates as given and lists the disagreements it keeps", () => {
    const summary = summariseBase(base);
    expect(summary).toMatch(/Orm lock: open since a date between 10 and 14 May 2026/);
    expect(summary).toMatch(/Vik lock: open since a date by mid-May 2026/);
    expect(summary).toMatch(
      /Hamn lock \(hamn-reopening\): Canal Gazette: open from 3 Apr 2026; Tessel Courier/,
    );
    // A marked rival "still" account is a disagreement, not a slip to warn of.
    const checked = checkKnowledgeFolder(fixtureDir("canal-locks"));
    expect(checked.ok && checked.warnings).toEqual([]);
  });

  function withBase(lines: string[], check: (dir: string) => void) {
    const dir = mkdtempSync(path.join(tmpdir(), "briefbot-rough-"));
    try {
      writeFileSync(path.join(dir, "base.yaml"), [...lines, ""].join("\n"));
      check(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const head = [
    "sources:",
    "  - { id: a, publisher: Paper A, headline: H, published: { date: '2026-04-04', precision: day } }",
    "  - { id: b, publisher: Paper B, headline: H, published: { date: '2026-04-07', precision: day } }",
    "entities:",
    "  - { id: x, kind: place, name: Weir }",
    "timelines:",
    "  - entity: x",
    "    events:",
    "      - { state: closed, effective: { date: '2026-04-01', precision: day }, source: a, paragraph: 1 }",
  ];

  it("reports two unmarked reports of one change on different dates as information", () => {
    withBase(
      [
        ...head,
        "      - { state: open, effective: { date: '2026-04-03', precision: day }, source: a, paragraph: 2 }",
        "      - { state: open, effective: { date: '2026-04-06', precision: day }, source: b, paragraph: 1 }",
      ],
      (dir) => {
        const loaded = loadKnowledgeBase(dir);
        if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
        expect(summariseBase(loaded.base)).toMatch(
          /may disagree[^\n]*\n {2}Weir: Paper A: open from 3 Apr 2026 \[a\]; Paper B/,
        );
      },
    );
  });

  it("refuses a disagreement with one account, or two from one source, naming the field", () => {
    withBase(
      [
        ...head,
        "      - { state: open, effective: { date: '2026-04-03', precision: day }, source: a, paragraph: 2, disagreement: reopening }",
        "      - { state: open, effective: { date: '2026-04-04', precision: day }, source: a, paragraph: 3, disagreement: reopening }",
        "      - { state: open, effective: { date: '2026-04-06', precision: day }, source: b, paragraph: 1, disagreement: lonely }",
      ],
      (dir) => {
        const loaded = loadKnowledgeBase(dir);
        expect(loaded.ok).toBe(false);
        if (!loaded.ok) {
          expect(loaded.problems.map((p) => p.field)).toEqual([
            "timelines[0].events[2].disagreement",
            "timelines[0].events[3].disagreement",
          ]);
          expect(loaded.problems.map((p) => p.message)).toEqual([
            expect.stringMatching(/two accounts from source "a"/),
            expect.stringMatching(/no other entry of "x" names the disagreement "lonely"/),
          ]);
        }
      },
    );
  });
});

describe("the command line on the canal-locks base", () => {
  async function brief(args: string[]): Promise<{ code: number; out: string }> {
    const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-rough-cli-"));
    let out = "";
    try {
      const stdout = new PassThrough().on("data", (chunk) => {
        out += chunk;
      });
      const code = await runBrief(args, {
        stdout,
        stderr: new PassThrough(),
        stdin: new PassThrough(),
        env: {
          PATH: process.env.PATH ?? "",
          BRIEFBOT_KNOWLEDGE_DIR: fixtureDir("canal-locks"),
          BRIEFBOT_DB_PATH: path.join(scratch, "none.db"),
        },
      });
      return { code, out };
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  it("check lists the kept disagreements after the summary, with no warning", async () => {
    const { code, out } = await brief(["check"]);
    expect(code).toBe(0);
    expect(out).toMatch(/\nSources that disagree, kept side by side:\n/);
    expect(out).toMatch(
      /Mjol lock \(mjol-state\): Canal Gazette: closed from 20 Apr 2026; Tessel Courier: still open/,
    );
    expect(out).not.toMatch(/warning/);
  });

  it("ask --json gives the disputed verdict and each account", async () => {
    const { code, out } = await brief(["ask", "--json", "was the Hamn lock open on 4 April 2026?"]);
    expect(code).toBe(0);
    const answer = JSON.parse(out);
    expect(answer.verdict).toBe("disputed");
    expect(answer.sources.map((s: { id: string }) => s.id).sort()).toEqual([
      "courier-2026-04-07",
      "gazette-2026-04-04",
    ]);
  });
});

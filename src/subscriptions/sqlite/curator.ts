import { randomBytes } from "node:crypto";
import type {
  AnswerRecord,
  CuratorLog,
  GapGroup,
  GapSighting,
  GapWording,
  NewVote,
  Pruned,
  Vote,
  VoteOutcome,
  WrongAnswer,
} from "../../curator/types.ts";
import type { SqliteDatabase, SqlStatement } from "./database.ts";

/** Wordings listed under each group. */
export const WORDINGS_PER_GROUP = 5;

export interface GapRow {
  normalised: string;
  count: number;
  code: string;
  unplaced: string;
  first_seen: string;
  last_seen: string;
}

export const wordingOf = (row: GapRow): GapWording => ({
  normalised: row.normalised,
  count: Number(row.count),
  code: row.code,
  unplaced: JSON.parse(row.unplaced) as string[],
  firstSeen: row.first_seen,
  lastSeen: row.last_seen,
});

export const UPSERT_GAP_SQL = (p: (n: number) => string) => `
  INSERT INTO question_gaps (base_version, normalised, group_key, code, unplaced, count, first_seen, last_seen)
  VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, 1, ${p(6)}, ${p(6)})
  ON CONFLICT (base_version, normalised) DO UPDATE SET count = question_gaps.count + 1,
    last_seen = excluded.last_seen, code = excluded.code,
    unplaced = CASE WHEN excluded.unplaced = '[]' THEN question_gaps.unplaced ELSE excluded.unplaced END`;

/** Each group's running total, kept beside its wordings so the list reads a few rows, not every wording. */
export const UPSERT_GROUP_SQL = (p: (n: number) => string) => `
  INSERT INTO question_gap_groups (base_version, group_key, total, first_seen, last_seen)
  VALUES (${p(1)}, ${p(2)}, 1, ${p(3)}, ${p(3)})
  ON CONFLICT (base_version, group_key) DO UPDATE SET total = question_gap_groups.total + 1,
    last_seen = excluded.last_seen`;

export const GROUPS_SQL = (p: (n: number) => string) => `
  SELECT group_key, total, first_seen, last_seen FROM question_gap_groups WHERE base_version = ${p(1)}
  ORDER BY total DESC, last_seen DESC LIMIT ${p(2)}`;

/** After retention removed wordings, the groups are counted again from those left. */
export const REBUILD_GROUPS_SQL = [
  "DELETE FROM question_gap_groups",
  `INSERT INTO question_gap_groups (base_version, group_key, total, first_seen, last_seen)
    SELECT base_version, group_key, sum(count), min(first_seen), max(last_seen) FROM question_gaps
    GROUP BY base_version, group_key`,
];

export const WORDINGS_SQL = (p: (n: number) => string) => `
  SELECT normalised, count, code, unplaced, first_seen, last_seen FROM question_gaps
  WHERE base_version = ${p(1)} AND group_key = ${p(2)} ORDER BY count DESC, last_seen DESC LIMIT ${p(3)}`;

export const WRONG_SQL = (p: (n: number) => string) => `
  SELECT v.reason, v.at, a.body FROM answer_votes v JOIN answers_shown a ON a.id = v.answer_id
  WHERE v.vote = 'wrong' ORDER BY v.at DESC LIMIT ${p(1)}`;

const q = (n: number) => `@p${n}`;
/** The values for `@p1`, `@p2`, …, in order. */
const named = (...values: unknown[]) => Object.fromEntries(values.map((value, i) => [`p${i + 1}`, value]));

/** The curator's loop in SQLite: gaps, answers shown and votes. */
export class SqliteCuratorLog implements CuratorLog {
  readonly #db: SqliteDatabase;
  readonly #sql: (sql: string) => SqlStatement;

  constructor(db: SqliteDatabase, sql: (sql: string) => SqlStatement) {
    this.#db = db;
    this.#sql = sql;
  }

  async recordGaps(sightings: GapSighting[], at: Date): Promise<void> {
    if (sightings.length === 0) return;
    const upsert = this.#sql(UPSERT_GAP_SQL(q));
    const group = this.#sql(UPSERT_GROUP_SQL(q));
    const when = at.toISOString();
    this.#db.transaction(() => {
      for (const s of sightings) {
        upsert.run(named(s.baseVersion, s.normalised, s.groupKey, s.code, JSON.stringify(s.unplaced), when));
        group.run(named(s.baseVersion, s.groupKey, when));
      }
    })();
  }

  async gapGroups(baseVersion: string, limit: number): Promise<GapGroup[]> {
    const groups = this.#sql(GROUPS_SQL(q)).all(named(baseVersion, limit)) as {
      group_key: string;
      total: number;
      first_seen: string;
      last_seen: string;
    }[];
    const wordings = this.#sql(WORDINGS_SQL(q));
    return groups.map((group) => ({
      groupKey: group.group_key,
      count: group.total,
      firstSeen: group.first_seen,
      lastSeen: group.last_seen,
      wordings: (wordings.all(named(baseVersion, group.group_key, WORDINGS_PER_GROUP)) as GapRow[]).map(
        wordingOf,
      ),
    }));
  }

  async otherVersionGaps(baseVersion: string): Promise<number> {
    return this.#sql("SELECT count(*) AS n FROM question_gaps WHERE base_version <> ?")
      .pluck()
      .get(baseVersion) as number;
  }

  async recordAnswer(record: AnswerRecord): Promise<void> {
    this.#sql("INSERT INTO answers_shown (id, at, body) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING").run(
      record.id,
      record.at,
      JSON.stringify(record),
    );
  }

  async answerRecord(id: string): Promise<AnswerRecord | null> {
    const body = this.#sql("SELECT body FROM answers_shown WHERE id = ?").pluck().get(id) as
      | string
      | undefined;
    return body ? (JSON.parse(body) as AnswerRecord) : null;
  }

  async vote(vote: NewVote): Promise<VoteOutcome> {
    return this.#db.transaction((): VoteOutcome => {
      if (!this.#sql("SELECT 1 FROM answers_shown WHERE id = ?").get(vote.answerId)) return "unknown";
      const earlier = this.#sql("SELECT 1 FROM answer_votes WHERE answer_id = ? AND voter_hash = ?").get(
        vote.answerId,
        vote.voterHash,
      );
      this.#sql(`INSERT INTO answer_votes (answer_id, voter_hash, vote, reason, at) VALUES (?, ?, ?, NULL, ?)
        ON CONFLICT (answer_id, voter_hash) DO UPDATE SET vote = excluded.vote, reason = NULL, at = excluded.at`).run(
        vote.answerId,
        vote.voterHash,
        vote.vote,
        vote.at.toISOString(),
      );
      return earlier ? "replaced" : "recorded";
    })();
  }

  async giveReason(answerId: string, voterHash: string, reason: string, at: Date): Promise<boolean> {
    return (
      this.#sql(
        "UPDATE answer_votes SET reason = ?, at = ? WHERE answer_id = ? AND voter_hash = ? AND vote = 'wrong'",
      ).run(reason, at.toISOString(), answerId, voterHash).changes > 0
    );
  }

  async wrongAnswers(limit: number): Promise<WrongAnswer[]> {
    const rows = this.#sql(WRONG_SQL(q)).all(named(limit)) as {
      reason: string | null;
      at: string;
      body: string;
    }[];
    return rows.map((row) => ({
      answer: JSON.parse(row.body) as AnswerRecord,
      reason: row.reason,
      at: row.at,
    }));
  }

  async voteCounts(): Promise<Record<Vote, number>> {
    const rows = this.#sql("SELECT vote, count(*) AS n FROM answer_votes GROUP BY vote").all() as {
      vote: Vote;
      n: number;
    }[];
    const counts: Record<Vote, number> = { helpful: 0, wrong: 0 };
    for (const row of rows) counts[row.vote] = row.n;
    return counts;
  }

  async voterSalt(): Promise<string> {
    this.#sql("INSERT INTO meta (key, value) VALUES ('voter_salt', ?) ON CONFLICT (key) DO NOTHING").run(
      randomBytes(32).toString("base64url"),
    );
    return this.#sql("SELECT value FROM meta WHERE key = 'voter_salt'").pluck().get() as string;
  }

  async claimDigest(now: number, everyMs: number): Promise<boolean> {
    return this.#db.transaction((): boolean => {
      const last = this.#sql("SELECT value FROM meta WHERE key = 'curator_digest_at'").pluck().get() as
        | string
        | undefined;
      if (last !== undefined && now - Number(last) < everyMs) return false;
      this.#sql(
        "INSERT INTO meta (key, value) VALUES ('curator_digest_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(String(now));
      return last !== undefined;
    })();
  }

  async pruneCurator(before: Date): Promise<Pruned> {
    const cutoff = before.toISOString();
    return this.#db.transaction((): Pruned => {
      const gaps = this.#sql("DELETE FROM question_gaps WHERE last_seen < ?").run(cutoff).changes;
      if (gaps > 0) for (const statement of REBUILD_GROUPS_SQL) this.#sql(statement).run();
      const votes = this.#sql(
        `DELETE FROM answer_votes WHERE at < ?
          OR answer_id IN (SELECT id FROM answers_shown WHERE at < ?)`,
      ).run(cutoff, cutoff).changes;
      const answers = this.#sql("DELETE FROM answers_shown WHERE at < ?").run(cutoff).changes;
      return { gaps, answers, votes };
    })();
  }
}

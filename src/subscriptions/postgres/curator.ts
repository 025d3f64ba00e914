import { randomBytes } from "node:crypto";
import type pg from "pg";
import type {
  AnswerRecord,
  CuratorLog,
  GapGroup,
  GapSighting,
  NewVote,
  Pruned,
  Vote,
  VoteOutcome,
  WrongAnswer,
} from "../../curator/types.ts";
import {
  type GapRow,
  GROUPS_SQL,
  REBUILD_GROUPS_SQL,
  UPSERT_GAP_SQL,
  UPSERT_GROUP_SQL,
  WORDINGS_PER_GROUP,
  WORDINGS_SQL,
  WRONG_SQL,
  wordingOf,
} from "../sqlite/curator.ts";

const $ = (n: number) => `$${n}`;

/** The curator's loop in PostgreSQL: the same statements as SQLite's, each one statement or one transaction. */
export class PostgresCuratorLog implements CuratorLog {
  readonly #pool: pg.Pool;
  readonly #transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

  constructor(pool: pg.Pool, transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>) {
    this.#pool = pool;
    this.#transaction = transaction;
  }

  async recordGaps(sightings: GapSighting[], at: Date): Promise<void> {
    if (sightings.length === 0) return;
    const when = at.toISOString();
    await this.#transaction(async (client) => {
      // A count lost in a crash matters less than an answer kept waiting on the disk.
      await client.query("SET LOCAL synchronous_commit TO OFF");
      for (const s of sightings) {
        await client.query(UPSERT_GAP_SQL($), [
          s.baseVersion,
          s.normalised,
          s.groupKey,
          s.code,
          JSON.stringify(s.unplaced),
          when,
        ]);
        await client.query(UPSERT_GROUP_SQL($), [s.baseVersion, s.groupKey, when]);
      }
    });
  }

  async gapGroups(baseVersion: string, limit: number): Promise<GapGroup[]> {
    const { rows } = await this.#pool.query<{
      group_key: string;
      total: number;
      first_seen: string;
      last_seen: string;
    }>(GROUPS_SQL($), [baseVersion, limit]);
    return Promise.all(
      rows.map(async (group) => ({
        groupKey: group.group_key,
        count: Number(group.total),
        firstSeen: group.first_seen,
        lastSeen: group.last_seen,
        wordings: (
          await this.#pool.query<GapRow>(WORDINGS_SQL($), [baseVersion, group.group_key, WORDINGS_PER_GROUP])
        ).rows.map(wordingOf),
      })),
    );
  }

  async otherVersionGaps(baseVersion: string): Promise<number> {
    const { rows } = await this.#pool.query<{ n: number }>(
      "SELECT count(*) AS n FROM question_gaps WHERE base_version <> $1",
      [baseVersion],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async recordAnswer(record: AnswerRecord): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query("SET LOCAL synchronous_commit TO OFF");
      await client.query(
        "INSERT INTO answers_shown (id, at, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        [record.id, record.at, JSON.stringify(record)],
      );
    });
  }

  async answerRecord(id: string): Promise<AnswerRecord | null> {
    const { rows } = await this.#pool.query<{ body: string }>(
      "SELECT body FROM answers_shown WHERE id = $1",
      [id],
    );
    return rows[0] ? (JSON.parse(rows[0].body) as AnswerRecord) : null;
  }

  async vote(vote: NewVote): Promise<VoteOutcome> {
    // The answer's row is locked, so a vote and the retention that removes its answer never cross.
    return this.#transaction(async (client): Promise<VoteOutcome> => {
      const answer = await client.query("SELECT 1 FROM answers_shown WHERE id = $1 FOR SHARE", [
        vote.answerId,
      ]);
      if (answer.rowCount === 0) return "unknown";
      const { rows } = await client.query<{ inserted: boolean }>(
        `INSERT INTO answer_votes (answer_id, voter_hash, vote, reason, at) VALUES ($1, $2, $3, NULL, $4)
          ON CONFLICT (answer_id, voter_hash) DO UPDATE SET vote = excluded.vote, reason = NULL, at = excluded.at
          RETURNING (xmax = 0) AS inserted`,
        [vote.answerId, vote.voterHash, vote.vote, vote.at.toISOString()],
      );
      return rows[0]?.inserted ? "recorded" : "replaced";
    });
  }

  async giveReason(answerId: string, voterHash: string, reason: string, at: Date): Promise<boolean> {
    const updated = await this.#pool.query(
      "UPDATE answer_votes SET reason = $1, at = $2 WHERE answer_id = $3 AND voter_hash = $4 AND vote = 'wrong'",
      [reason, at.toISOString(), answerId, voterHash],
    );
    return (updated.rowCount ?? 0) > 0;
  }

  async wrongAnswers(limit: number): Promise<WrongAnswer[]> {
    const { rows } = await this.#pool.query<{ reason: string | null; at: string; body: string }>(
      WRONG_SQL($),
      [limit],
    );
    return rows.map((row) => ({
      answer: JSON.parse(row.body) as AnswerRecord,
      reason: row.reason,
      at: row.at,
    }));
  }

  async voteCounts(): Promise<Record<Vote, number>> {
    const { rows } = await this.#pool.query<{ vote: Vote; n: number }>(
      "SELECT vote, count(*) AS n FROM answer_votes GROUP BY vote",
    );
    const counts: Record<Vote, number> = { helpful: 0, wrong: 0 };
    for (const row of rows) counts[row.vote] = Number(row.n);
    return counts;
  }

  async voterSalt(): Promise<string> {
    await this.#pool.query(
      "INSERT INTO meta (key, value) VALUES ('voter_salt', $1) ON CONFLICT (key) DO NOTHING",
      [randomBytes(32).toString("base64url")],
    );
    const { rows } = await this.#pool.query<{ value: string }>(
      "SELECT value FROM meta WHERE key = 'voter_salt'",
    );
    return rows[0]?.value as string;
  }

  async claimDigest(now: number, everyMs: number): Promise<boolean> {
    const started = await this.#pool.query(
      "INSERT INTO meta (key, value) VALUES ('curator_digest_at', $1) ON CONFLICT (key) DO NOTHING",
      [String(now)],
    );
    if ((started.rowCount ?? 0) > 0) return false;
    const claimed = await this.#pool.query(
      "UPDATE meta SET value = $1 WHERE key = 'curator_digest_at' AND value::bigint <= $2::bigint",
      [String(now), now - everyMs],
    );
    return (claimed.rowCount ?? 0) > 0;
  }

  async pruneCurator(before: Date): Promise<Pruned> {
    const cutoff = before.toISOString();
    return this.#transaction(async (client): Promise<Pruned> => {
      const gaps = await client.query("DELETE FROM question_gaps WHERE last_seen < $1", [cutoff]);
      if ((gaps.rowCount ?? 0) > 0) for (const statement of REBUILD_GROUPS_SQL) await client.query(statement);
      const votes = await client.query(
        `DELETE FROM answer_votes WHERE at < $1
          OR answer_id IN (SELECT id FROM answers_shown WHERE at < $1)`,
        [cutoff],
      );
      const answers = await client.query("DELETE FROM answers_shown WHERE at < $1", [cutoff]);
      return { gaps: gaps.rowCount ?? 0, answers: answers.rowCount ?? 0, votes: votes.rowCount ?? 0 };
    });
  }
}

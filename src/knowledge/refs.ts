import type { Bound, MonthPart, Precision } from "./schema.ts";

/**
 * A date as the base knows it: the day, month or year it names, and how precise it is; for one the
 * source gives only roughly, the last date of its range (`until`), a bound ("by", "not-before") or
 * the part of its month ("mid").
 */
export interface DateRef {
  date: string;
  precision: Precision;
  until?: string;
  bound?: Bound;
  part?: MonthPart;
}

/** A source as answers cite it: who published it, its headline and when. */
export interface SourceRef {
  id: string;
  publisher: string;
  headline: string;
  /** The article has no headline of its own; `headline` describes it. */
  descriptiveHeadline?: boolean;
  published: DateRef;
  /** The outlet whose report this source relays ("The Wall Street Journal"). */
  relays?: string;
  /** Set when the report came from chat (`update` command) rather than an article. */
  reportedBy?: string;
  /** Set on a status change a curator approved from a draft (`review`): who approved it. */
  approvedBy?: string;
  url?: string;
}

import type { StatusChangeNotice } from "../delivery/notice.ts";
import type { StatusSnapshot } from "../engine/snapshot.ts";
import { formatDated } from "../knowledge/dates.ts";
import { messages } from "./messages.ts";
import type { AnnouncedStatus } from "./store.ts";

/** The notice for an entity whose snapshot differs from what was last announced (`previous`). */
export function buildNotice(input: {
  id: string;
  snapshot: StatusSnapshot;
  previous: AnnouncedStatus | undefined;
  createdAt: Date;
}): StatusChangeNotice {
  const { report } = input.snapshot;
  const from = input.previous?.state ?? null;
  return {
    id: input.id,
    entity: report.entity,
    from,
    to: report.state,
    effective: report.since,
    temporary: report.temporary,
    reason: report.reason,
    source: report.source,
    supersedes: input.previous?.noticeId ?? null,
    createdAt: input.createdAt.toISOString(),
    text: messages.noticeText({
      name: report.entity.name,
      from,
      to: report.state,
      temporary: report.temporary,
      effective: formatDated(report.since),
      reason: report.reason,
      source: messages.sourceName(report.source),
      url: report.source.url,
    }),
  };
}

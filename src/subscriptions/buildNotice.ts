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
  // A notice is about a change: it cites the report of the change, not a later one that it still held.
  const source = report.changeSource ?? report.source;
  const from = input.previous?.state ?? null;
  const fromLook = from === null ? undefined : input.snapshot.looks?.[from];
  return {
    id: input.id,
    entity: report.entity,
    from,
    to: report.state,
    ...(fromLook ? { fromLook } : {}),
    ...(report.look ? { toLook: report.look } : {}),
    effective: report.since,
    temporary: report.temporary,
    ...(report.reason ? { reason: report.reason } : {}),
    source,
    supersedes: input.previous?.noticeId ?? null,
    createdAt: input.createdAt.toISOString(),
    text: messages.noticeText({
      name: report.entity.name,
      from: fromLook?.label ?? from,
      to: report.look?.label ?? report.state,
      temporary: report.temporary,
      effective: formatDated(report.since),
      ...(report.reason ? { reason: report.reason } : {}),
      source: messages.sourceName(source),
      url: source.url,
      // Sources that disagree on the state: each account is said, so no one reads the change as settled.
      ...(report.disputed?.kind === "state"
        ? {
            disputed: report.disputed.accounts.map(
              (a) => `${messages.sourceName(a.source)} has it ${a.look?.label ?? a.state}`,
            ),
          }
        : {}),
    }),
  };
}

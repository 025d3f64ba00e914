import type { StatusChangeNotice } from "../delivery/notice.ts";

/** What one sync did: took the baseline, or announced these notices to this many channels. */
export interface SyncReport {
  baseline: boolean;
  notices: StatusChangeNotice[];
  deliveries: number;
}

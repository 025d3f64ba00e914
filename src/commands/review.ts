import path from "node:path";
import type { KnowledgeBase } from "../knowledge/base.ts";
import type { UserRef } from "../messages/addresses.ts";
import {
  approveItem,
  type Decision,
  editItem,
  listPending,
  planApproval,
  type ReviewEdit,
  type ReviewFolders,
  type ReviewMiss,
  rejectItem,
} from "../news/review.ts";
import { itemHeadline, itemSourceLine, type ReviewItem } from "../news/reviewItems.ts";
import { reviewMessages } from "../news/reviewMessages.ts";
import type { SubscriptionActions } from "../subscriptions/actions.ts";
import type { Reply, ReviewItemView } from "./reply.ts";
import type { ChatRequest } from "./request.ts";
import { type CommandContext, type CommandSpec, defineCommand } from "./spec.ts";
import { result } from "./subscriptions/result.ts";
import { CONFIRM_WINDOW_MS, pendingKey } from "./subscriptions/update.ts";

/** What review needs of the bot: the folders, the running file base, the store, and a reload. */
export interface ReviewDeps {
  folders: ReviewFolders;
  /** The live file base, for the names and current states items are shown with. */
  base(): KnowledgeBase;
  actions: Pick<SubscriptionActions, "audienceOf" | "holdUpdate">;
  /** Reloads the knowledge folder and announces what changed: how many channels a notice was queued for. */
  reload(): Promise<{ ok: boolean; deliveries: number }>;
}

/** An approval held for its confirm, in the store beside held updates. */
interface HeldApproval {
  review: string;
  expires: number;
}

const who = (user: UserRef) => `${user.platform}:${user.id}`;
const byName = (user: UserRef) => user.name ?? who(user);
const decisionOf = (request: ChatRequest): Decision => ({
  by: who(request.user),
  name: byName(request.user),
  at: request.now,
});

function view(item: ReviewItem): ReviewItemView {
  return {
    id: item.id,
    kind: item.kind,
    headline: itemHeadline(item),
    source: itemSourceLine(item),
    ...(item.sentence ? { sentence: item.sentence } : {}),
    editable: item.kind === "change",
  };
}

function missReply(miss: ReviewMiss, id: string, edit = false): Reply {
  if (miss.code === "unknown-item") return result("unknown-item", false, reviewMessages.unknownItem(id));
  if (miss.code === "not-editable") return result("usage", false, reviewMessages.notEditable);
  return result(
    "invalid",
    false,
    edit ? reviewMessages.invalidEdit(miss.problems) : reviewMessages.invalid(miss.problems),
  );
}

/** The pending items as a reply; drafts that cannot be read are named with file, field and line. */
export function reviewList(folders: ReviewFolders, base: KnowledgeBase): Reply {
  const { items, problems } = listPending(folders, base);
  const views = items.map(view);
  const lines = views.map(
    (item) => `${item.id}  ${item.headline} (${item.source})${item.sentence ? `: "${item.sentence}"` : ""}`,
  );
  const unreadable = problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ""} ${p.field}: ${p.message}`);
  const text = [
    views.length > 0
      ? reviewMessages.listHeading(views.length)
      : reviewMessages.nothingPending(folders.draftsDir),
    ...lines,
    ...(unreadable.length > 0 ? [reviewMessages.unreadable, ...unreadable] : []),
  ].join("\n");
  return { kind: "review", items: views, problems: unreadable, text, visibility: "private" };
}

/** Writes a planned approval, reloads, and says what was approved and who was told. */
async function approveNow(deps: ReviewDeps, request: ChatRequest, id: string): Promise<Reply> {
  const decision = decisionOf(request);
  const plan = approveItem(deps.folders, id, decision, deps.base());
  if (!plan.ok) return missReply(plan, id);
  const file = path.join(path.basename(deps.folders.knowledgeDir), path.basename(plan.liveFile));
  const reloaded = await deps.reload();
  if (!reloaded.ok) return result("invalid", false, reviewMessages.reloadFailed(file));
  const text = reviewMessages.approved(
    byName(request.user),
    itemHeadline(plan.item),
    itemSourceLine(plan.item),
    file,
    reloaded.deliveries,
  );
  return result("approved", true, text, "public");
}

/**
 * `review` (curators): lists what drafts propose; `review approve <id>` checks the item against the
 * whole base and writes it into the live base, except that a status change someone would be notified
 * of waits for `confirm`, as an `update` does; `review reject <id>` drops it from its draft.
 */
export function reviewCommands(deps: ReviewDeps): CommandSpec[] {
  const review = defineCommand("review", async ({ request, args }) => {
    const [action, id, ...rest] = args.split(/\s+/).filter(Boolean);
    if (!action) return reviewList(deps.folders, deps.base());
    if (!id || rest.length > 0 || (action !== "approve" && action !== "reject"))
      return result("usage", false, reviewMessages.usage);
    if (action === "reject") {
      const rejected = rejectItem(deps.folders, id, decisionOf(request), deps.base());
      if (!rejected.ok) return missReply(rejected, id);
      return result(
        "rejected",
        true,
        reviewMessages.rejected(byName(request.user), itemHeadline(rejected.item)),
      );
    }
    const plan = planApproval(deps.folders, id, decisionOf(request), deps.base());
    if (!plan.ok) return missReply(plan, id);
    const audience = plan.item.kind === "change" ? await deps.actions.audienceOf(plan.item.entityId) : 0;
    if (audience === 0) return approveNow(deps, request, id);
    const held: HeldApproval = { review: id, expires: request.now.getTime() + CONFIRM_WINDOW_MS };
    await deps.actions.holdUpdate(pendingKey(request), JSON.stringify(held), held.expires);
    return result(
      "confirm",
      true,
      reviewMessages.confirmApproval(
        itemHeadline(plan.item),
        itemSourceLine(plan.item),
        audience,
        CONFIRM_WINDOW_MS / 60_000,
      ),
    );
  });
  return [review];
}

/** The `confirm` of a held approval: approves it now (checked again), or undefined for a held update. */
export async function confirmApproval(
  deps: ReviewDeps,
  held: unknown,
  context: CommandContext,
): Promise<Reply | undefined> {
  const approval = held as Partial<HeldApproval>;
  if (typeof approval.review !== "string") return undefined;
  if (!context.isCurator) return result("not-curator", false, reviewMessages.usage);
  return approveNow(deps, context.request, approval.review);
}

/** An edit from a platform's form (state, date, reason) of a pending status change. */
export function reviewEdit(deps: ReviewDeps, id: string, edit: ReviewEdit): Reply {
  const edited = editItem(deps.folders, id, edit, deps.base());
  if (!edited.ok) return missReply(edited, id, true);
  return result("edited", true, reviewMessages.edited(itemHeadline(edited.item)));
}

import type { DateRef } from "../engine/answer.ts";

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "20 Nov 2024", "Nov 2024" or "2024": no more precise than the source. */
export function formatDateRef(ref: DateRef): string {
  const [year, month, day] = ref.date.split("-");
  const monthName = month ? months[Number(month) - 1] : undefined;
  if (ref.precision === "year" || !monthName) return `${year}`;
  if (ref.precision === "month" || !day) return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** An ISO timestamp as "20 Nov 2024 14:05 UTC". UTC so that every channel reads the same time. */
export function formatTimestamp(iso: string): string {
  const at = new Date(iso);
  const time = `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
  return `${at.getUTCDate()} ${months[at.getUTCMonth()]} ${at.getUTCFullYear()} ${time} UTC`;
}

import { execSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { formatAge, formatCalendarDate, formatTimestamp } from "../../src/messages/format.ts";

describe("dates and ages", () => {
  it("writes a calendar date no more precisely than it is known", () => {
    expect(formatCalendarDate("2024-11-20", "day")).toBe("20 Nov 2024");
    expect(formatCalendarDate("2022-05", "month")).toBe("May 2022");
    expect(formatCalendarDate("2022", "year")).toBe("2022");
  });

  it("keeps the calendar day whatever the server's time zone", () => {
    const printed = execSync(
      `node --import tsx -e "import('./src/messages/format.ts').then(m => process.stdout.write(m.formatCalendarDate('2024-11-20', 'day')))"`,
      { env: { ...process.env, TZ: "Pacific/Honolulu" } },
    ).toString();
    expect(printed).toBe("20 Nov 2024");
  });

  it("writes a timestamp in UTC with a 24-hour time", () => {
    expect(formatTimestamp("2024-11-20T14:05:00Z")).toBe("20 Nov 2024 14:05 UTC");
    expect(formatTimestamp("2024-11-20T00:00:00Z")).toBe("20 Nov 2024 00:00 UTC");
  });

  it("writes ages in whole units", () => {
    expect(formatAge(1)).toBe("1 day");
    expect(formatAge(12)).toBe("12 days");
    expect(formatAge(150)).toBe("5 months");
    expect(formatAge(400)).toBe("over a year");
    expect(formatAge(731)).toBe("2 years");
  });
});

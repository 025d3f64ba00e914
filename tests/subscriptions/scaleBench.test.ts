import { describe, expect, it } from "vitest";
import { fanoutScaleRun } from "../../bench/fanoutScale.ts";

describe("the fan-out bench on PostgreSQL", () => {
  it("when two instances fan out to 300 channels against a platform enforcing 100 posts a second, every channel gets the notice once", async () => {
    const run = await fanoutScaleRun({ instances: 2, rateScale: 2, platformLimit: 100 }, 300);
    expect(run.channels).toBe(300);
    expect(run.posts).toBe(300);
    expect(run.rateLimited).toBe(0);
    expect(run.floorMs).toBe(3_000);
    expect(run.ms).toBeGreaterThanOrEqual(2_000);
  }, 60_000);
});

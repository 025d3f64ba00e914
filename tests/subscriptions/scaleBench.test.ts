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

  it("when three instances fan out to 10,000 channels against a platform enforcing their shared rate, the platform never answers 429", async () => {
    const run = await fanoutScaleRun({ instances: 3, rateScale: 20, platformLimit: 1_000 }, 10_000);
    expect(run.posts).toBe(10_000);
    expect(run.rateLimited).toBe(0);
    // The pace booked is a little under the limit: never faster than the limit allows.
    expect(run.ms).toBeGreaterThanOrEqual(run.floorMs * 0.95);
  }, 180_000);
});

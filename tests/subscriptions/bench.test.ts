import { describe, expect, it } from "vitest";
import { fanoutBench } from "../../bench/fanout.ts";

describe("the fan-out bench", () => {
  it("when run on 1,000 channels, sends to every one and reports its time and memory", async () => {
    const figures = await fanoutBench({ channels: 1_000 });
    expect(figures.sent).toBe(1_000);
    expect(figures.ms).toBeGreaterThan(0);
    expect(figures.peakRssMb).toBeGreaterThan(0);
    expect(Number.isFinite(figures.heapUsedDeltaMb)).toBe(true);
  });
});

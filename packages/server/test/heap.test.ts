import { describe, expect, it } from "vitest";
import { tuneHeapForServing } from "../src/heap.js";

describe("tuneHeapForServing", () => {
  it("keeps a heap growth the operator gave node", () => {
    expect(tuneHeapForServing(["--heap-growing-percent=50"])).toBe(false);
    expect(tuneHeapForServing(["--max-old-space-size=512", "--heap_growing_percent=300"])).toBe(false);
  });

  it("sets its own otherwise", () => {
    expect(tuneHeapForServing(["--max-old-space-size=512"])).toBe(true);
  });
});

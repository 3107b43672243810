import { describe, expect, it } from "vitest";
import { mappedItems, validateMapping } from "../src/framework/mapping.js";
import { builtinFrameworks, builtinMappingDir, mappingsIn } from "../src/node.js";

const frameworks = builtinFrameworks();
const byId = (id: string) => frameworks.get(id);

describe("the shipped SPBE → Pemdi mapping", () => {
  const [mapping] = mappingsIn(builtinMappingDir, byId);

  it("names a decision for every one of the old indicators and only items Pemdi has", () => {
    expect(mapping).toBeDefined();
    if (!mapping) return;
    expect(mapping).toMatchObject({ from: "permenpanrb-59-2020", to: "pemdi-2026" });
    const old = byId(mapping.from);
    const covered = new Set(mapping.entries.map((e) => e.from));
    expect(old?.indicators.every((i) => covered.has(i.code))).toBe(true);
    // The coordination team's decree is the Pemdi team's decree; a review at level 4 goes to a review item.
    expect(mappedItems(mapping, "10", 2)).toEqual(["I4-L1-01"]);
    expect(mappedItems(mapping, "11", 4)).toEqual(["I1-L4-02"]);
    expect(mappedItems(mapping, "11", 1)).toEqual(["I1-L2-02", "I1-L3-02"]);
    // Where nothing corresponds the entry says so, and nothing is carried.
    expect(mappedItems(mapping, "21", 3)).toEqual([]);
    expect(mapping.entries.find((e) => e.from === "21")?.note.id).toMatch(/manajemen risiko/);
  });
});

describe("validateMapping", () => {
  const base = {
    format: "matang.mapping/v1",
    id: "test",
    title: { id: "Uji" },
    from: "permenpanrb-5-2018",
    to: "pemdi-2026",
    note: { id: "Uji" },
  };
  const codes = byId("permenpanrb-5-2018")?.indicators.map((i) => i.code) ?? [];
  const rest = codes.slice(2).map((code) => ({ from: code, items: [], note: { id: "tidak ada" } }));

  it("reports every problem with its path", () => {
    const result = validateMapping(
      {
        ...base,
        entries: [
          {
            from: codes[0],
            levels: [1, 1, 9],
            items: ["I4-L1-01", "I99-L1-01", "I4-L1-01"],
            note: { id: "x" },
          },
          { from: "zz", items: [], note: { id: "x" } },
          ...rest,
        ],
      },
      byId,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      "entries[0].levels[1] duplicate",
      "entries[0].levels[2] unknown_level",
      "entries[0].items[1] unknown_item",
      "entries[0].items[2] duplicate",
      "entries[1].from unknown_indicator",
      `entries unmapped_indicator`,
    ]);
    expect(result.problems.at(-1)?.message).toContain(`"${codes[1]}"`);
  });

  it("refuses a level mapped twice and an unknown framework", () => {
    const twice = validateMapping(
      {
        ...base,
        entries: [
          { from: codes[0], items: [], note: { id: "x" } },
          { from: codes[0], levels: [2], items: [], note: { id: "x" } },
          { from: codes[1], items: [], note: { id: "x" } },
          ...rest,
        ],
      },
      byId,
    );
    expect(twice.ok ? [] : twice.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      "entries[1].levels[0] duplicate",
    ]);
    const unknown = validateMapping({ ...base, to: "pemdi-2099", entries: rest }, byId);
    expect(unknown.ok ? [] : unknown.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      "to unknown_framework",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { formatFileProblem, InputFileError, parseConstraintsFile, parseLevelsFile } from "../src/index.js";
import { fw2020 } from "./helpers.js";

function problems(text: string, file = "levels.csv"): string[] {
  try {
    parseLevelsFile(text, file, fw2020());
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    return (error as InputFileError).problems.map(formatFileProblem);
  }
  return expect.fail("expected the file to be rejected");
}

describe("levels files", () => {
  it("reads CSV with a header, skipping blank lines; an empty level means not answered", () => {
    expect(parseLevelsFile("indicator,level\n1,3\n\n2,4\n3,\n", "a.csv", fw2020())).toEqual({
      "1": 3,
      "2": 4,
    });
  });

  it("reads CSV with a BOM, CRLF line ends, spaces, quotes and semicolons", () => {
    const f = fw2020();
    expect(parseLevelsFile('\uFEFFindicator,level\r\n"1", 3\r\n2,4\r\n', "a.csv", f)).toEqual({
      "1": 3,
      "2": 4,
    });
    expect(parseLevelsFile("Indicator;Level\n1;3\n2;4\n", "a.csv", f)).toEqual({ "1": 3, "2": 4 });
  });

  it("reads JSON objects, with null meaning not answered", () => {
    expect(parseLevelsFile('\uFEFF{"1": 3, "2": null, "47": 5}', "a.json", fw2020())).toEqual({
      "1": 3,
      "47": 5,
    });
  });

  it("names file, line and field for every bad row at once", () => {
    const csv = ["indicator,level", "1,3", "2,abc", "2,4", "99,1", "3,7", "4,2.5", "5,3,extra", ",2"].join(
      "\n",
    );
    expect(problems(csv)).toEqual([
      'levels.csv:3: level: "abc" is not a number',
      "levels.csv:4: indicator: indicator 2 is already given on line 3",
      'levels.csv:5: indicator: "99" is not an indicator of framework permenpanrb-59-2020',
      "levels.csv:6: level: 7 is not a level of indicator 3 (levels 1, 2, 3, 4, 5)",
      "levels.csv:7: level: 2.5 is not a level of indicator 4 (levels 1, 2, 3, 4, 5)",
      "levels.csv:8: row: expected 2 fields (indicator, level), found 3",
      "levels.csv:9: indicator: the indicator code is empty",
    ]);
  });

  it("keeps line numbers right with CRLF and a BOM", () => {
    expect(problems("\uFEFFindicator,level\r\n1,3\r\n2,x\r\n")).toEqual([
      'levels.csv:3: level: "x" is not a number',
    ]);
  });

  it("requires the header", () => {
    expect(problems("1,3\n2,4\n")).toEqual([
      'levels.csv:1: header: the first line must be the header "indicator,level" or "indicator,value" (found "1,3")',
    ]);
  });

  it("rejects an empty file", () => {
    expect(problems("")).toEqual(["levels.csv:1: file: the file is empty"]);
    expect(problems("\uFEFF  \r\n", "x.json")).toEqual(["x.json:1: file: the file is empty"]);
  });

  it("reports broken CSV quoting with its line", () => {
    expect(problems('indicator,level\n1,3\n"2,4\n')[0]).toMatch(/^levels\.csv:3: file: not valid CSV/);
  });

  it("reports JSON problems with their lines: syntax, non-numbers, duplicates", () => {
    expect(problems('{\n  "1": 3,\n  "2": 4,\n}', "l.json")).toEqual([
      "l.json:4: file: not valid JSON: PropertyNameExpected",
    ]);
    expect(problems('{\n  "1": "3",\n  "2": 4,\n  "2": 5,\n  "x": 1\n}', "l.json")).toEqual([
      'l.json:2: 1: the level must be a number, found string "3"',
      "l.json:4: indicator: indicator 2 is already given on line 3",
      'l.json:5: indicator: "x" is not an indicator of framework permenpanrb-59-2020',
    ]);
    expect(problems("[1, 2]", "l.json")).toEqual(["l.json:1: file: expected a JSON object"]);
  });
});

describe("constraints files", () => {
  it("reads maximum levels and costs", () => {
    expect(
      parseConstraintsFile('{"12": {"max": 3}, "40": {"cost": {"5": 8}}, "41": {"cost": 2}}', "c.json"),
    ).toEqual({
      "12": { max: 3 },
      "40": { cost: { "5": 8 } },
      "41": { cost: 2 },
    });
  });

  it("names line and field of each problem", () => {
    try {
      parseConstraintsFile('{\n"12": {"max": 3.5},\n"13": {"cost": -1, "speed": 2},\n"14": 4\n}', "c.json");
      expect.fail("should throw");
    } catch (error) {
      expect((error as InputFileError).problems.map(formatFileProblem)).toEqual([
        "c.json:2: 12.max: must be a whole number (a level)",
        'c.json:3: 13.cost: must be a number ≥ 0 or an object {"level": cost}',
        'c.json:3: 13.speed: unknown field (use "max", "cost", "maxStep", "earliest", "afterPrevious" or "budgeted")',
        'c.json:4: 14: expected an object such as {"max": 4, "cost": 2}',
      ]);
    }
  });
});

import { describe, expect, it } from "vitest";
import { spreadsheetText } from "../src/reports/cells.js";

describe("text in CSV and Excel exports", () => {
  it("keeps anything a spreadsheet would run as a formula as text, and leaves other text alone", () => {
    for (const typed of ["=1+1", "+62 812", "-1", "@SUM(A1)", "\t=1", "\r=1"])
      expect(spreadsheetText(typed)).toBe(`'${typed}`);
    for (const typed of ["Pemerintah Kota Bandung", "3.62", "", " =1", "a=b"])
      expect(spreadsheetText(typed)).toBe(typed);
  });
});

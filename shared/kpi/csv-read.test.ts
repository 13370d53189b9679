import { describe, expect, it } from "vitest";
import { readCsv } from "./csv-read";

describe("readCsv", () => {
  it("keeps the delimiter, commas and CRLF line breaks inside a quoted cell of a Dutch file", () => {
    const parsed = readCsv('datum;notitie;waarde\r\n04-03-2024;"eerst; dan, daarna\r\nde rest";3,2\r\n05-03-2024;kort;4,1\r\n');
    expect(parsed.delimiter).toBe(";");
    expect(parsed.rows).toEqual([
      { line: 2, cells: ["04-03-2024", "eerst; dan, daarna\nde rest", "3,2"] },
      { line: 4, cells: ["05-03-2024", "kort", "4,1"] },
    ]);
  });

  it("counts the line breaks of every multi-line cell in a row towards the next row's line", () => {
    const parsed = readCsv('a,b\n"1\n2","3\n\n4"\n5,6\n');
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 6]);
  });

  it("reports the line a never-closed quoted cell opens on, with its \"\" escapes read", () => {
    const parsed = readCsv('a;b\n"1\n2";3\n4;"he said ""hi""\n5;6\n');
    expect(parsed.unclosedQuoteLine).toBe(4);
    expect(parsed.rows.at(-1)).toEqual({ line: 4, cells: ["4", 'he said "hi"\n5;6\n'] });
  });

  it("has no unclosed quote when every quoted cell closes, also at the end of the file", () => {
    expect(readCsv('a,b\n1,"2"').unclosedQuoteLine).toBeNull();
  });
});

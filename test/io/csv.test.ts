import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { parseIntegerField, parseNumberField, requireColumns } from "../../src/io/columns"
import { csvField, readCsv } from "../../src/io/csv"
import { CsvError } from "../../src/io/csv-error"
import { tempDir } from "../temp-dir"

const dir = tempDir("il-csv-")

async function rows(
  text: string | Buffer,
  name = "t.csv",
): Promise<{ header: string[]; rows: string[][]; numbers: number[] }> {
  const path = join(dir, name)
  writeFileSync(path, text)
  const out = { header: [] as string[], rows: [] as string[][], numbers: [] as number[] }
  await readCsv(path, {
    header: (h) => (out.header = h),
    row: (f, r) => {
      out.rows.push(f.slice())
      out.numbers.push(r)
    },
  })
  return out
}

describe("readCsv", () => {
  it("parses quoted fields with delimiters, doubled quotes and line breaks, CRLF and LF, and skips blank lines", async () => {
    const r = await rows('a,b,c\r\n1,"x,\ny""z",3\r\n\n4,,"6"\n')
    expect(r.header).toEqual(["a", "b", "c"])
    expect(r.rows).toEqual([
      ["1", 'x,\ny"z', "3"],
      ["4", "", "6"],
    ])
    expect(r.numbers).toEqual([2, 3])
  })

  it("handles a last line without a newline, a BOM, and gzip", async () => {
    expect((await rows("\ufeffa,b\n1,2")).header).toEqual(["a", "b"])
    expect((await rows(gzipSync("a,b\n1,2\n3,4\n"), "t.csv.gz")).rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ])
  })

  it("parses records split across stream chunks identically", async () => {
    const lines = ["id,text"]
    for (let i = 0; i < 60_000; i++) lines.push(`${i},"quoted, ""text"" ${i}\nsecond line"`)
    const r = await rows(`${lines.join("\r\n")}\r\n`, "big.csv")
    expect(r.rows.length).toBe(60_000)
    expect(r.rows[54_321]).toEqual(["54321", 'quoted, "text" 54321\nsecond line'])
  })

  it("names file and row for a row with the wrong number of fields, and for an open quote", async () => {
    await expect(rows("a,b\n1,2\n3\n", "short.csv")).rejects.toThrow(
      /short\.csv:3: expected 2 fields as in the header, found 1/,
    )
    await expect(rows('a,b\n1,"2\n', "open.csv")).rejects.toThrow(/open\.csv:2: a quoted field is not closed/)
    await expect(rows("", "empty.csv")).rejects.toThrow(/empty\.csv:1: the file is empty/)
    await expect(readCsv(join(dir, "missing.csv"), { row: () => {} })).rejects.toThrow(
      /missing\.csv:1: cannot read the file \(ENOENT\)/,
    )
  })

  it("keeps multi-byte UTF-8 characters whole across 1 MiB read chunks", async () => {
    const lines = ["id,text"]
    // 3-byte characters at shifting offsets: some straddle a chunk boundary
    for (let i = 0; i < 120_000; i++) lines.push(`${i},兴趣${"é".repeat(i % 3)}`)
    const r = await rows(`${lines.join("\n")}\n`, "utf8.csv")
    expect(r.rows.length).toBe(120_000)
    for (let i = 0; i < 120_000; i += 997) expect(r.rows[i][1]).toBe(`兴趣${"é".repeat(i % 3)}`)
    expect(r.rows.every((row) => !row[1].includes("\ufffd"))).toBe(true)
  })

  it("quotes fields that need it when writing", () => {
    expect(csvField("plain")).toBe("plain")
    expect(csvField('a,"b"')).toBe('"a,""b"""')
    expect(csvField(3.5)).toBe("3.5")
    expect(csvField(-3.5)).toBe("-3.5")
  })

  it("csvField neutralises cells a spreadsheet would run (OWASP CSV injection)", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    for (const s of ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]) expect(csvField(s)).toBe(`"'${s}"`)
    expect(csvField("a=b")).toBe("a=b")
  })
})

describe("column helpers", () => {
  it("report a missing column and an unparsable or out-of-range number as file:row:column", () => {
    expect(() => requireColumns("f.csv", ["a", "b"], ["a", "c"])).toThrow(
      "f.csv:1:c: missing column 'c' (the header has: a, b)",
    )
    expect(() => parseNumberField("f.csv", 7, "price", "12,5")).toThrow("f.csv:7:price: '12,5' is not a number")
    expect(() => parseNumberField("f.csv", 7, "price", "")).toThrow(CsvError)
    expect(() => parseIntegerField("f.csv", 8, "position", "1.5")).toThrow("f.csv:8:position: '1.5' is not an integer")
    expect(() => parseNumberField("f.csv", 9, "p", "2", (x) => x <= 1 || "must be <= 1")).toThrow(
      "f.csv:9:p: 2 is out of range: must be <= 1",
    )
    expect(parseNumberField("f.csv", 9, "p", "0.25")).toBe(0.25)
  })
})

describe("csvField and readCsv round trip", () => {
  it("any text reads back as written, a cell a spreadsheet would run with its leading '", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({
            unit: fc.oneof(
              fc.constantFrom(",", '"', "\n", "\r", "\t", "=", "+", "-", "@", " "),
              fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
            ),
            maxLength: 20,
          }),
          { minLength: 1, maxLength: 5 },
        ),
        async (cells) => {
          const out = await rows(`a,b\n${cells.map((c) => `${csvField(c)},x`).join("\n")}\n`, "round-trip.csv")
          expect(out.rows).toEqual(cells.map((c) => [/^[=+\-@\t\r]/.test(c) ? `'${c}` : c, "x"]))
        },
      ),
      { numRuns: 200, seed: 13 },
    )
  })
})

import { describe, expect, it } from "vitest"
import { markdownHeadings, repoFiles, textLines } from "./repo-text"

// Every citation of a seed document ("seed 001 §二.2", "seeds 003 (§2, §4) and 004 (§5)",
// "seed 004 §9.3–9.4", "seed 000's …") in the code, notebooks, docs, README and tests must name a
// heading of docs/seed-documents.md, where a reader finds what that section of the article claims.

/** One cited place: the article ("001") and the section ("二.2"), or "" for the whole article. */
interface Citation {
  doc: string
  section: string
  where: string
}

const SEPARATOR = /(?:\s+|[,;:()/*]|and\b|&|['’]s\b)/y
const DOC = /(00\d)(?![\d.])/y
const SECTION = /§\s?([一二三四五六七八九十]+|\d+)((?:\.\d+)*)(?:\s?[–-]\s?(\d+(?:\.\d+)*))?/y

/** The last section of a range written short: "9.3" to "4" is "9.4", "1" to "3" is "3". */
function rangeEnd(start: string, end: string): string {
  const a = start.split(".")
  const b = end.split(".")
  return [...a.slice(0, Math.max(0, a.length - b.length)), ...b].join(".")
}

/**
 * The seed citations in one line of text: after the word "seed(s)" (or "seed document(s)"), a run of
 * article numbers 000–009 and § sections, joined by commas, brackets, "and" or "'s".
 * @example citationsIn("Seeds 001 §一 and 002 §4.2.", "x") // 001 §一, 002 §4.2
 */
function citationsIn(text: string, where: string): Citation[] {
  const found: Citation[] = []
  for (const m of text.matchAll(/\bseeds?\b(?:\s+documents?)?/gi)) {
    let at = (m.index ?? 0) + m[0].length
    let doc = ""
    for (;;) {
      const step = (re: RegExp): RegExpExecArray | null => {
        re.lastIndex = at
        const r = re.exec(text)
        if (r) at = re.lastIndex
        return r
      }
      const d = step(DOC)
      if (d) {
        doc = d[1]
        found.push({ doc, section: "", where })
        continue
      }
      const s = step(SECTION)
      if (s) {
        if (!doc) break
        const start = s[1] + s[2]
        found.push({ doc, section: start, where })
        if (s[3]) found.push({ doc, section: rangeEnd(start, s[3]), where })
        continue
      }
      if (!step(SEPARATOR)) break
    }
  }
  return found
}

/** "001" and "001 §二.2" for each heading "Seed 001 — …" / "001 §二.2 Title" of the seeds page. */
function citableHeadings(): Set<string> {
  const keys = new Set<string>()
  for (const h of markdownHeadings("docs/seed-documents.md")) {
    const m = /^(?:Seed\s+)?(00\d)(?:\s+§(\S+))?(?:\s|$)/.exec(h)
    if (m) keys.add(m[2] ? `${m[1]} §${m[2]}` : m[1])
  }
  return keys
}

describe("seed citations", () => {
  it("reads the citation forms the repository uses", () => {
    const keys = (t: string) => citationsIn(t, "x").map((c) => (c.section ? `${c.doc} §${c.section}` : c.doc))
    expect(keys("seed 001 §二.2's cleaning bug")).toEqual(["001", "001 §二.2"])
    expect(keys("Seeds 003 (§2, §4) and 004 (§5) propose")).toEqual(["003", "003 §2", "003 §4", "004", "004 §5"])
    expect(keys("seed 004 §2.1 and §9.3–9.4 ask")).toEqual(["004", "004 §2.1", "004 §9.3", "004 §9.4"])
    expect(keys("Seed 000 (§1–3) answers")).toEqual(["000", "000 §1", "000 §3"])
    expect(keys("The seeds (000 §2, 001 §三, 004 §2.4) recommend")).toEqual([
      "000",
      "000 §2",
      "001",
      "001 §三",
      "004",
      "004 §2.4",
    ])
    expect(keys("seed document 001 §二.2, why")).toEqual(["001", "001 §二.2"])
    expect(keys("the seed 004 §4.1/§4.4 errata")).toEqual(["004", "004 §4.1", "004 §4.4"])
    expect(keys("a seeded generator, seed 2026, --seed 0")).toEqual([])
  })

  it("names a heading of docs/seed-documents.md for every seed and section cited", () => {
    const headings = citableHeadings()
    expect(headings.size, "headings of docs/seed-documents.md").toBeGreaterThan(60)
    const files = [
      ...repoFiles(["src", "bench", "scripts", "experiments"], [".ts", ".js", ".cjs", ".mjs", ".yaml", ".py"]),
      ...repoFiles(["test"], [".ts", ".js", ".py"]).filter((f) => !f.startsWith("test/docs/")),
      ...repoFiles(["notebooks"], [".ipynb"]),
      ...repoFiles(["docs", "README.md"], [".md"]),
    ]
    const citations = files.flatMap((f) => textLines(f).flatMap((l) => citationsIn(l.text, l.where)))
    expect(citations.length, "citations found").toBeGreaterThan(100)
    const missing = citations.filter((c) => !headings.has(c.section ? `${c.doc} §${c.section}` : c.doc))
    expect(missing.map((c) => `${c.where}: seed ${c.doc}${c.section ? ` §${c.section}` : ""}`)).toEqual([])
  })
})

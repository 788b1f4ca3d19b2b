import { describe, expect, it } from "vitest"
import { repoFiles, textLines } from "./repo-text"

// The repository cites only what a reader of a fresh clone can open: no tracker issue numbers, no
// design notes or seed articles kept outside it, no paths of the machine it was written on. What such
// a reference meant belongs in docs/ (docs/seed-documents.md for the articles, docs/performance.md for
// measurements), in a test or in a notebook.
const OUTSIDE: [RegExp, string][] = [
  [/\bissues?\s+#?\d+/i, "a tracker issue"],
  [
    /\bdesign\/[\w-]+\.md\b|\b(?:models|architecture|style|environment)\.md\b/,
    "a design note kept outside the repository",
  ],
  [/\.\.\/shared\b|\bshared\/(?:seeds|data|design)\b/, "the shared folder beside the checkout"],
  [/\/work\/|HELPER_BRIEF/, "a path of the machine the code was written on"],
  [/\bseeds\/\d{3}_/, "a seed article's file (cite docs/seed-documents.md)"],
]

describe("references to things outside the repository", () => {
  const files = [
    ...repoFiles(
      ["src", "bench", "scripts", "experiments", "bin", "jupyter"],
      [".ts", ".js", ".cjs", ".mjs", ".yaml", ".json", ".py"],
    ),
    ...repoFiles(["test"], [".ts", ".js", ".py"]).filter((f) => f !== "test/docs/dangling-references.test.ts"),
    ...repoFiles(["notebooks"], [".ipynb"]),
    ...repoFiles(["docs", "README.md", "data"], [".md"]),
  ]

  it("scans the code, tests, notebooks and docs", () => {
    for (const f of ["src/index.ts", "README.md", "docs/seed-documents.md", "notebooks/00-tour.ipynb"])
      expect(files).toContain(f)
  })

  it("finds none", () => {
    const found: string[] = []
    for (const f of files) {
      for (const { where, text } of textLines(f)) {
        for (const [pattern, what] of OUTSIDE) {
          const m = pattern.exec(text)
          if (m) found.push(`${where}: "${m[0]}" (${what})`)
        }
      }
    }
    expect(found).toEqual([])
  })

  it("would catch each kind", () => {
    const samples = [
      "(issue 5, part 1)",
      "see design/models.md",
      "../shared/data",
      "/work/wt/docs",
      "seeds/001_6e8d.txt",
    ]
    samples.forEach((s, i) => expect(OUTSIDE[i][0].test(s), s).toBe(true))
  })
})

import { existsSync, statSync } from "node:fs"
import { dirname, join, normalize, relative, sep } from "node:path"
import { describe, expect, it } from "vitest"
import { markdownAnchors, repoFiles, ROOT, textLines } from "./repo-text"

// Every relative link of README.md and docs/ opens something: the file or folder exists, and a
// `#anchor` into a Markdown file names one of its headings (GitHub's anchors).

/**
 * Pages written by a generator rather than by hand: `docs/policies.md` is generated from the policy
 * registry, whose own test keeps it current. A link to one is checked once the page exists.
 */
const GENERATED = new Set(["docs/policies.md"])

interface Link {
  where: string
  file: string
  target: string
}

/** The Markdown links `[text](target)` and `<a href="target">` of a file, outside fenced code. */
function linksOf(file: string): Link[] {
  const links: Link[] = []
  let fenced = false
  for (const { where, text } of textLines(file)) {
    if (/^\s*```/.test(text)) fenced = !fenced
    if (fenced) continue
    for (const m of text.matchAll(
      /\[(?:[^\][]|\[[^\]]*\])*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)|<a\s[^>]*href="([^"]+)"/g,
    )) {
      links.push({ where, file, target: m[1] ?? m[2] })
    }
  }
  return links
}

/** Why a link does not resolve, or null when it does. */
function problem(link: Link): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link.target)) return null
  const [pathPart, anchor] = link.target.split("#", 2) as [string, string | undefined]
  const absolute =
    pathPart === "" ? join(ROOT, link.file) : normalize(join(dirname(join(ROOT, link.file)), decodeURI(pathPart)))
  const rel = relative(ROOT, absolute).split(sep).join("/")
  if (rel.startsWith("..")) return `${link.target} leaves the repository`
  if (!existsSync(absolute)) return GENERATED.has(rel) ? null : `${link.target}: no such file or folder`
  if (anchor === undefined || !rel.endsWith(".md") || statSync(absolute).isDirectory()) return null
  return markdownAnchors(rel).has(decodeURI(anchor)) ? null : `${link.target}: ${rel} has no heading with this anchor`
}

describe("links in README.md and docs/", () => {
  const files = repoFiles(["README.md", "docs"], [".md"])
  const links = files.flatMap(linksOf)

  it("finds the pages and their links", () => {
    for (const f of ["README.md", "docs/seed-documents.md", "docs/commands/simulate.md", "docs/modules/bandits.md"])
      expect(files).toContain(f)
    expect(links.length).toBeGreaterThan(300)
  })

  it("every relative link resolves, anchors included", () => {
    const broken = links.flatMap((l) => {
      const p = problem(l)
      return p ? [`${l.where}: ${p}`] : []
    })
    expect(broken).toEqual([])
  })

  it("would catch a missing file, a wrong anchor and a path out of the repository", () => {
    const at = { where: "x", file: "docs/README.md" }
    expect(problem({ ...at, target: "no-such-page.md" })).toMatch(/no such file/)
    expect(problem({ ...at, target: "seed-documents.md#no-such-heading" })).toMatch(/no heading/)
    expect(problem({ ...at, target: "seed-documents.md#001-二2-data-quality" })).toBeNull()
    expect(problem({ ...at, target: "../../etc/passwd" })).toMatch(/leaves the repository/)
    expect(problem({ ...at, target: "https://example.org/x" })).toBeNull()
  })
})

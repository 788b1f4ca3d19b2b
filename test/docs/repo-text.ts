import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative, sep } from "node:path"

/** The repository root. */
export const ROOT = join(__dirname, "..", "..")

const SKIPPED = new Set(["node_modules", "dist", "reports", ".git", ".stryker-tmp", ".ipynb_checkpoints"])

/** One line of prose or code to scan: where it is (`path:line`, relative to the root) and its text. */
export interface TextLine {
  where: string
  text: string
}

/**
 * Every file under `paths` (files or folders, relative to the root) with one of `extensions`, as
 * root-relative paths with `/` separators, sorted; build outputs and dependencies are skipped.
 * @example repoFiles(["src", "README.md"], [".ts", ".md"])
 */
export function repoFiles(paths: string[], extensions: string[]): string[] {
  const out: string[] = []
  const visit = (abs: string): void => {
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs)) if (!SKIPPED.has(name)) visit(join(abs, name))
    } else if (extensions.some((e) => abs.endsWith(e))) out.push(relative(ROOT, abs).split(sep).join("/"))
  }
  for (const p of paths) visit(join(ROOT, p))
  return out.sort()
}

/**
 * The lines a reader sees in a file: a notebook's cell sources (numbered by cell and line, since the
 * JSON escapes them), any other file's lines as they are.
 * @example textLines("notebooks/00-tour.ipynb")[0].where // "notebooks/00-tour.ipynb cell 1:1"
 */
export function textLines(file: string): TextLine[] {
  const raw = readFileSync(join(ROOT, file), "utf8")
  if (!file.endsWith(".ipynb")) return raw.split("\n").map((text, i) => ({ where: `${file}:${i + 1}`, text }))
  const cells = (JSON.parse(raw) as { cells: { source: string | string[] }[] }).cells
  return cells.flatMap((cell, c) => {
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source
    return source.split("\n").map((text, i) => ({ where: `${file} cell ${c + 1}:${i + 1}`, text }))
  })
}

/**
 * GitHub's anchor for a Markdown heading: lower case, punctuation and symbols dropped (letters of any
 * script, digits, `_`, `-` and spaces kept), each space a `-`.
 * @example headingSlug("Seed 000 — three questions") // "seed-000--three-questions"
 */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, "")
    .replace(/ /g, "-")
}

/**
 * The headings of a Markdown file (outside fenced code), as written after the `#`s, in order.
 * @example markdownHeadings("docs/seed-documents.md")[0] // "The seed documents"
 */
export function markdownHeadings(file: string): string[] {
  const headings: string[] = []
  let fenced = false
  for (const { text } of textLines(file)) {
    if (/^\s*```/.test(text)) fenced = !fenced
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)
    if (m) headings.push(m[1])
  }
  return headings
}

/**
 * The anchors of a Markdown file's headings as GitHub numbers them (a repeated slug gets `-1`, `-2`, …).
 * @example markdownAnchors("docs/seed-documents.md").has("seed-000--three-questions-on-large-models-for-interest-exploration")
 */
export function markdownAnchors(file: string): Set<string> {
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const h of markdownHeadings(file)) {
    const slug = headingSlug(h.replace(/`/g, ""))
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    anchors.add(n === 0 ? slug : `${slug}-${n}`)
  }
  return anchors
}

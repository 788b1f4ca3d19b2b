"use strict"
// node scripts/docs-modules.js [--check]: the "Files" table of each module page docs/modules/<folder>.md
// (one page per folder of src/) lists every source file of the folder with the names it exports
// (those marked @internal left out). This script rewrites those tables from src/; the rest of each
// page is written by hand. With --check it changes nothing and exits 1 naming each page whose table
// is out of date or missing (test/docs/module-pages.test.ts runs it so).
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require("node:fs")
const { join, relative, sep } = require("node:path")

const root = join(__dirname, "..")
const HEADER = "| file | exports |"
const MAX_NAMES = 12

/** Every .ts file under `dir`, sorted, as paths relative to `dir` with `/` separators. */
function sourceFiles(dir) {
  const out = []
  const visit = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) visit(p)
      else if (name.endsWith(".ts")) out.push(relative(dir, p).split(sep).join("/"))
    }
  }
  visit(dir)
  return out.sort()
}

/** The names a module exports by declaration, in source order, without those documented @internal. */
function exportedNames(text) {
  const names = []
  const declaration =
    /^export (?:declare )?(?:async )?(?:abstract )?(?:function\*?|class|const|let|interface|type|enum) +([A-Za-z_$][\w$]*)/gm
  for (const m of text.matchAll(declaration)) {
    const before = text.slice(0, m.index)
    const doc = before.lastIndexOf("/**")
    const docEnd = before.lastIndexOf("*/")
    const attached = doc >= 0 && docEnd > doc && before.slice(docEnd + 2).trim() === ""
    if (attached && before.slice(doc, docEnd).includes("@internal")) continue
    if (!names.includes(m[1])) names.push(m[1])
  }
  return names
}

/** The table rows for one folder of src/. */
function tableFor(folder) {
  const dir = join(root, "src", folder)
  const rows = [HEADER, "|---|---|"]
  for (const file of sourceFiles(dir)) {
    if (file === "index.ts") continue
    const names = exportedNames(readFileSync(join(dir, file), "utf8"))
    const shown = names
      .slice(0, MAX_NAMES)
      .map((n) => `\`${n}\``)
      .join(", ")
    const list = names.length > MAX_NAMES ? `${shown}, … (${names.length} in all)` : shown || "—"
    rows.push(`| [\`${file}\`](../../src/${folder}/${file}) | ${list} |`)
  }
  return rows
}

/** The page's text with its table replaced, or null when the page has no table to replace. */
function withTable(page, rows) {
  const lines = page.split("\n")
  const start = lines.indexOf(HEADER)
  if (start < 0) return null
  let end = start
  while (end < lines.length && lines[end].startsWith("|")) end++
  return [...lines.slice(0, start), ...rows, ...lines.slice(end)].join("\n")
}

function main() {
  const check = process.argv.includes("--check")
  const folders = readdirSync(join(root, "src"))
    .filter((f) => statSync(join(root, "src", f)).isDirectory())
    .sort()
  const problems = []
  for (const folder of folders) {
    const path = join(root, "docs", "modules", `${folder}.md`)
    const name = `docs/modules/${folder}.md`
    if (!existsSync(path)) {
      problems.push(
        `${name} is missing: write the page (what src/${folder}/ holds), with a "${HEADER}" table, then run node scripts/docs-modules.js`,
      )
      continue
    }
    const page = readFileSync(path, "utf8")
    const next = withTable(page, tableFor(folder))
    if (next === null) problems.push(`${name} has no "${HEADER}" table`)
    else if (next !== page) {
      if (check) problems.push(`${name}: its file table is out of date; run node scripts/docs-modules.js`)
      else writeFileSync(path, next)
    }
  }
  for (const p of problems) process.stderr.write(`docs-modules: ${p}\n`)
  process.exitCode = problems.length > 0 ? 1 : 0
}

if (require.main === module) main()

module.exports = { exportedNames, tableFor }

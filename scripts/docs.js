"use strict"
// npm run docs [-- --quick] [-- --out <dir>]: builds an offline gallery (default reports/docs/):
// an example report of each command, written by the CLI itself, and every notebook's HTML copy
// with outputs (made by `npm run notebooks:html`; the index names the ones not made yet), and the
// API reference that TypeDoc makes from the doc comments of src/index.ts (api/, options in
// typedoc.json), behind one index.html. Every report and notebook page is self-contained and the
// API pages load only their own assets/, so the folder opens from disk or any static host.
// --quick writes the reports from shortened runs (the browser test uses it).
const { spawnSync } = require("node:child_process")
const {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  renameSync,
  writeFileSync,
} = require("node:fs")
const { join, resolve } = require("node:path")
const { listNotebooks } = require("./notebook-runner")

const root = resolve(__dirname, "..")

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

/** The example of each command: its name, what it shows, and its arguments (full and --quick). */
function examples(quick) {
  const runs = quick ? ["--runs", "2", "--horizon", "2000"] : []
  return [
    {
      name: "simulate",
      title: "Exploration on synthetic e-commerce users (the main job, npm start)",
      args: ["simulate", "--config", "experiments/ecommerce-default.yaml", ...runs],
    },
    {
      name: "simulate-sutton-barto",
      title: "The 10-armed testbed (Sutton & Barto, figures 2.2–2.5)",
      args: ["simulate", "--config", "experiments/sutton-barto.yaml", ...runs],
    },
    {
      name: "world",
      title: "A synthetic world: funnel, categories, users, context",
      args: ["world", "--config", "experiments/world-default.yaml", "--quiet"],
    },
    {
      name: "segments",
      title: "RFM segments of the Online Retail customers",
      args: ["segments", "--data", "online-retail", "--k", "4"],
    },
    {
      name: "basket",
      title: "Basket rules (France)",
      args: [
        "basket",
        "--data",
        "online-retail",
        "--country",
        "France",
        "--min-support",
        "0.07",
        "--exclude",
        "POSTAGE",
      ],
    },
    {
      name: "benchmark",
      title: "Recommender benchmark on Online Retail",
      args: [
        "benchmark",
        "--data",
        "online-retail",
        "--split",
        "2011-09-01",
        "--models",
        quick ? "popularity,itemknn" : "popularity,itemknn,als,bpr,ease",
        "--k",
        "10",
        "--quiet",
      ],
    },
    {
      name: "evaluate",
      title: "Off-policy evaluation on the Open Bandit Dataset sample",
      args: [
        "evaluate",
        "--log",
        "data/open-bandit-dataset",
        "--campaign",
        "men",
        "--behavior",
        "random",
        "--target",
        "bts",
        "--estimators",
        "ipw,snipw,dm,dr",
        "--quiet",
      ],
    },
  ]
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}li{margin:.3em 0}code{background:#f4f4f4;padding:0 .2em}.missing{color:#777}</style>
</head><body>
${body}
</body></html>
`
}

/**
 * Points every TypeDoc icon at the sprite that the page's assets/icons.js inlines, instead of at
 * assets/icons.svg: Chromium refuses (with a console error) an SVG <use> of another file under
 * file://, before icons.js gets to rewrite them itself. The same inlined sprite serves any host.
 */
function inlineIconReferences(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) inlineIconReferences(path)
    else if (entry.name.endsWith(".html"))
      writeFileSync(
        path,
        readFileSync(path, "utf8").replace(/<use href="(?:\.\.\/)*assets\/icons\.svg#/g, '<use href="#'),
      )
  }
}

function main(argv) {
  const quick = argv.includes("--quick")
  const outIndex = argv.indexOf("--out")
  const out = resolve(outIndex >= 0 ? argv[outIndex + 1] : join(root, "reports", "docs"))
  if (!existsSync(join(root, "dist", "index.js"))) throw new Error("dist/ is missing: run npm run build first")
  if (!existsSync(join(root, "node_modules", "typedoc")))
    throw new Error("typedoc is missing: run npm install (it is a devDependency)")
  if (existsSync(out) && !existsSync(join(out, ".interest-lab-docs")))
    throw new Error(`${out} exists and was not written by npm run docs: choose another --out`)
  // Written next to the target and renamed at the end: a failed build leaves the old gallery as it was.
  const tmp = `${out}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(join(tmp, "reports"), { recursive: true })
  mkdirSync(join(tmp, "notebooks"), { recursive: true })
  try {
    const reportItems = []
    for (const ex of examples(quick)) {
      process.stderr.write(`docs: interest-lab ${ex.args.join(" ")}\n`)
      const dir = join(tmp, "reports", ex.name)
      const r = spawnSync(process.execPath, [join(root, "bin", "interest-lab.js"), ...ex.args, "--out", dir], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "ignore", "pipe"],
      })
      if (r.status !== 0)
        throw new Error(`interest-lab ${ex.args[0]} failed: ${(r.stderr || "").trim().split("\n").pop()}`)
      reportItems.push(
        `<li><a href="reports/${ex.name}/report.html">${escapeHtml(ex.title)}</a> — <code>interest-lab ${escapeHtml(ex.args.join(" "))}</code> (also <a href="reports/${ex.name}/summary.json">summary.json</a>)</li>`,
      )
    }
    process.stderr.write("docs: typedoc (API reference)\n")
    const typedoc = spawnSync(
      process.execPath,
      [
        join(root, "node_modules", "typedoc", "bin", "typedoc"),
        "--options",
        join(root, "typedoc.json"),
        "--out",
        join(tmp, "api"),
        "--logLevel",
        "Error",
      ],
      { cwd: root, encoding: "utf8" },
    )
    if (typedoc.status !== 0) throw new Error(`typedoc failed: ${`${typedoc.stdout}${typedoc.stderr}`.trim()}`)
    inlineIconReferences(join(tmp, "api"))
    const copies = join(root, "reports", "notebooks")
    const notebookItems = listNotebooks().map((name) => {
      const html = name.replace(/\.ipynb$/, ".html")
      const first = JSON.parse(readFileSync(join(root, "notebooks", name), "utf8")).cells[0]?.source ?? ""
      const title = (Array.isArray(first) ? first.join("") : first).split("\n")[0].replace(/^#\s*/, "") || name
      if (!existsSync(join(copies, html)))
        return `<li class="missing">${escapeHtml(title)} — no copy yet: <code>npm run notebooks:html -- ${escapeHtml(name)}</code></li>`
      copyFileSync(join(copies, html), join(tmp, "notebooks", html))
      return `<li><a href="notebooks/${html}">${escapeHtml(title)}</a></li>`
    })
    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version
    writeFileSync(
      join(tmp, "index.html"),
      page(
        "interest-lab gallery",
        `<h1>interest-lab ${escapeHtml(version)}: gallery</h1>
<p>Every page here is self-contained (plotly and KaTeX inlined): it opens offline, from disk. Built by <code>npm run docs</code>${quick ? " with --quick (shortened runs)" : ""}.</p>
<h2>Example reports, one per command</h2>
<ul>
${reportItems.join("\n")}
</ul>
<h2>API reference</h2>
<p><a href="api/index.html">Every export of <code>interest-lab</code></a>, with its doc comment (formula, source, example), made by TypeDoc.</p>
<h2>Notebooks, executed, with outputs</h2>
<ul>
${notebookItems.join("\n")}
</ul>`,
      ),
    )
    writeFileSync(join(tmp, ".interest-lab-docs"), "written by npm run docs\n")
    rmSync(out, { recursive: true, force: true })
    renameSync(tmp, out)
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true })
    throw e
  }
  console.log(`gallery in ${join(out, "index.html")} (${readdirSync(join(out, "notebooks")).length} notebook copies)`)
}

module.exports = { examples }

if (require.main === module) {
  try {
    main(process.argv.slice(2))
  } catch (e) {
    console.error(`docs: ${e.message}`)
    process.exit(1)
  }
}

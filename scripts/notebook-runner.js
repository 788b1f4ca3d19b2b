"use strict"
// Executes the TypeScript notebooks headless in a real Jupyter with this checkout's own tslab kernel,
// then writes self-contained HTML copies (math typeset by the bundled KaTeX, plotly inlined).
// Used by the notebook test (test/notebooks), by `npm run notebooks:html` and by `npm run docs`.
const { execFileSync, spawn } = require("node:child_process")
const { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } = require("node:fs")
const { join, resolve, dirname } = require("node:path")

const root = resolve(__dirname, "..")
const notebooksDir = join(root, "notebooks")
/** The project's Jupyter data folder: its kernels/ holds the kernelspec this checkout runs. */
const jupyterDataDir = join(root, "jupyter")
/** The kernel's name: project-specific, so a `tslab` kernel registered by another checkout is never used. */
const KERNEL_NAME = "interest-lab"

/** The jupyter executable, or null when Jupyter is not installed. */
function findJupyter() {
  for (const candidate of ["jupyter", "/usr/bin/jupyter", "/usr/local/bin/jupyter"]) {
    try {
      execFileSync(candidate, ["nbconvert", "--version"], { stdio: "ignore" })
      return candidate
    } catch {
      // try the next one
    }
  }
  return null
}

/**
 * The environment for Jupyter: JUPYTER_PATH starts with the project's `jupyter/` folder, which
 * Jupyter searches before the user's and the system's folders, so the kernelspec `interest-lab`
 * (argv relative to its own folder: `{resource_dir}/../../../node_modules/tslab/bin/tslab`) is
 * this checkout's whatever else is registered.
 */
function jupyterEnv(extra = {}) {
  const inherited = process.env.JUPYTER_PATH ? [process.env.JUPYTER_PATH] : []
  // The kernelspec starts `node`: this Node's folder goes last on PATH, so it is found without
  // changing which jupyter (or anything else) PATH resolves first.
  const bin = dirname(process.execPath)
  return {
    ...process.env,
    JUPYTER_PATH: [jupyterDataDir, ...inherited].join(":"),
    PATH: `${process.env.PATH ?? ""}:${bin}`,
    ...extra,
  }
}

/** Throws a one-line error unless the checkout's kernelspec and its tslab are in place. */
function checkKernel() {
  const spec = join(jupyterDataDir, "kernels", KERNEL_NAME, "kernel.json")
  if (!existsSync(spec))
    throw new Error(`${spec} is missing: the notebooks run on this checkout's kernel "${KERNEL_NAME}"`)
  const tslab = join(root, "node_modules", "tslab", "bin", "tslab")
  if (!existsSync(tslab)) throw new Error(`${tslab} is missing: run npm install`)
  if (!existsSync(join(root, "dist", "index.js")))
    throw new Error("dist/ is missing: run npm run build (the notebooks import ../dist)")
}

/** The notebooks, in teaching order. */
function listNotebooks() {
  return readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
}

function runJupyter(jupyter, args) {
  return new Promise((resolvePromise) => {
    const child = spawn(jupyter, args, { cwd: notebooksDir, env: jupyterEnv({ INTEREST_LAB_NOTEBOOK_TEST: "1" }) })
    let log = ""
    child.stdout.on("data", (d) => (log += d))
    child.stderr.on("data", (d) => (log += d))
    child.on("close", (code) => resolvePromise({ code, log }))
  })
}

/** The values a notebook recorded with `record(...)` (src/report/record.ts), merged over its cells. */
function recordedValues(nb) {
  const values = {}
  for (const cell of nb.cells) {
    for (const out of cell.outputs ?? []) {
      const html = out.data?.["text/html"]
      const text = Array.isArray(html) ? html.join("") : html
      if (typeof text !== "string") continue
      for (const m of text.matchAll(/data-il-record="([^"]*)"/g)) {
        Object.assign(
          values,
          JSON.parse(
            m[1]
              .replace(/&quot;/g, '"')
              .replace(/&lt;/g, "<")
              .replace(/&gt;/g, ">")
              .replace(/&amp;/g, "&"),
          ),
        )
      }
    }
  }
  return values
}

/**
 * tslab answers each execution with its count but does not announce it on IOPub, so nbclient
 * leaves every cell's count empty (`In [ ]:`): number the executed code cells in order, as a
 * top-to-bottom run would.
 */
function numberCells(nb) {
  let n = 0
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue
    n++
    if (cell.execution_count == null) cell.execution_count = n
    for (const out of cell.outputs ?? [])
      if (out.output_type === "execute_result" && out.execution_count == null) out.execution_count = n
  }
}

let katexAssets = null
/** KaTeX's script, auto-render and stylesheet with its woff2 fonts as data URLs: the page needs nothing else. */
function katexHead() {
  if (katexAssets) return katexAssets
  const dist = join(root, "node_modules", "katex", "dist")
  const css = readFileSync(join(dist, "katex.min.css"), "utf8")
    .replace(/url\(fonts\/([^)]+)\.woff2\) format\("woff2"\)/g, (_m, font) => {
      const data = readFileSync(join(dist, "fonts", `${font}.woff2`)).toString("base64")
      return `url(data:font/woff2;base64,${data}) format("woff2")`
    })
    // The woff and ttf fallbacks are relative URLs that would not resolve next to a copied page.
    .replace(/,url\(fonts\/[^)]+\.(woff|ttf)\) format\("(woff|truetype)"\)/g, "")
  const js = readFileSync(join(dist, "katex.min.js"), "utf8")
  const auto = readFileSync(join(dist, "contrib", "auto-render.min.js"), "utf8")
  const safe = (s) => s.replace(/<\/script/gi, "<\\/script")
  katexAssets = [
    `<style>${css}</style>`,
    // KaTeX and auto-render are UMD bundles: hide RequireJS's define so they set window globals.
    `<script>window.__ilDefine=window.define;window.define=undefined;</script>`,
    `<script>${safe(js)}</script>`,
    `<script>${safe(auto)}</script>`,
    `<script>window.define=window.__ilDefine;</script>`,
  ].join("\n")
  return katexAssets
}

/** Reading aids for the copies: wrap long code lines, let wide outputs scroll inside their cell. */
const COPY_STYLE = `<style>
.jp-InputArea-editor pre, .highlight pre, .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.jp-RenderedHTMLCommon table { display: block; max-width: 100%; overflow-x: auto; }
.jp-OutputArea-output { overflow-x: auto; }
.katex-display { overflow-x: auto; overflow-y: hidden; }
</style>`

const RENDER_MATH = `<script>
document.addEventListener("DOMContentLoaded", function () {
  renderMathInElement(document.body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\\\[", right: "\\\\]", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\\\(", right: "\\\\)", display: false }
    ],
    ignoredTags: ["script", "noscript", "style", "textarea", "pre", "code", "option"],
    ignoredClasses: ["jp-CodeCell", "jp-OutputArea"],
    throwOnError: false
  });
});
</script>`

/**
 * Makes an nbconvert HTML page self-contained: drops the scripts it loads from the machine's
 * file system (MathJax, RequireJS from Debian's libjs packages, absent elsewhere) and inlines
 * KaTeX instead, then adds the reading aids.
 */
function selfContained(html) {
  const withoutLocal = html
    .replace(/<script[^>]*src="file:\/\/[^"]*"[^>]*>\s*<\/script>\s*/g, "")
    .replace(/<!-- Load mathjax -->[\s\S]*?<!-- End of mathjax configuration -->\s*/g, "")
  // A function replacement: the inlined scripts contain `$$` and `$&`, which a replacement string would expand.
  return withoutLocal.replace("</head>", () => `${katexHead()}\n${COPY_STYLE}\n${RENDER_MATH}\n</head>`)
}

/**
 * Executes one notebook and writes, into `outDir`, the executed notebook (`<name>.ipynb`, with
 * its outputs and execution counts) and a self-contained HTML copy (`<name>.html`).
 * Resolves with { ok, seconds, html, log, recorded }; a cell error makes ok false.
 */
async function executeNotebook(jupyter, name, outDir, timeoutSeconds = 600) {
  mkdirSync(outDir, { recursive: true })
  const start = Date.now()
  const base = name.replace(/\.ipynb$/, "")
  const executed = join(outDir, `${base}.ipynb`)
  const html = join(outDir, `${base}.html`)
  const run = await runJupyter(jupyter, [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
    `--ExecutePreprocessor.timeout=${timeoutSeconds}`,
    "--output-dir",
    outDir,
    join(notebooksDir, name),
  ])
  let log = run.log
  let recorded = {}
  let ok = run.code === 0
  if (ok) {
    const nb = JSON.parse(readFileSync(executed, "utf8"))
    numberCells(nb)
    recorded = recordedValues(nb)
    writeFileSync(executed, `${JSON.stringify(nb, null, 1)}\n`)
    const convert = await runJupyter(jupyter, ["nbconvert", "--to", "html", "--output-dir", outDir, executed])
    log += convert.log
    ok = convert.code === 0
    if (ok) writeFileSync(html, selfContained(readFileSync(html, "utf8")))
  }
  return { ok, seconds: (Date.now() - start) / 1000, html, log, recorded }
}

module.exports = {
  findJupyter,
  checkKernel,
  jupyterEnv,
  listNotebooks,
  executeNotebook,
  selfContained,
  numberCells,
  recordedValues,
  KERNEL_NAME,
  root,
  notebooksDir,
}

if (require.main === module) {
  // npm run notebooks:html: execute every notebook (or those named) and write reports/notebooks/*.html.
  const jupyter = findJupyter()
  if (!jupyter) {
    console.error("Jupyter is not installed: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel")
    process.exit(1)
  }
  try {
    checkKernel()
  } catch (e) {
    console.error(e.message)
    process.exit(1)
  }
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : listNotebooks()
  const outDir = join(root, "reports", "notebooks")
  ;(async () => {
    let failed = 0
    for (const [i, name] of names.entries()) {
      process.stderr.write(`[${i + 1}/${names.length}] ${name} … `)
      const r = await executeNotebook(jupyter, name, outDir)
      process.stderr.write(`${r.ok ? "ok" : "FAILED"} (${r.seconds.toFixed(1)} s)\n`)
      if (!r.ok) {
        failed++
        process.stderr.write(`${r.log.split("\n").slice(-30).join("\n")}\n`)
      }
    }
    console.log(`HTML copies in ${outDir}`)
    process.exit(failed > 0 ? 1 : 0)
  })()
}

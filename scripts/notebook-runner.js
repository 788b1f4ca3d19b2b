"use strict"
// Executes the TypeScript notebooks headless in a real Jupyter with the tslab kernel.
// Used by the notebook test (test/notebooks) and by `npm run notebooks:html`.
const { execFileSync, spawn } = require("node:child_process")
const { existsSync, mkdirSync, readFileSync, readdirSync } = require("node:fs")
const { join, resolve } = require("node:path")
const { homedir } = require("node:os")

const root = resolve(__dirname, "..")
const notebooksDir = join(root, "notebooks")

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

/** The Python that runs the given jupyter (its shebang), so the kernel is registered where that Jupyter looks. */
function jupyterPython(jupyter) {
  try {
    const path = execFileSync("sh", ["-c", `command -v ${jupyter}`], { encoding: "utf8" }).trim()
    const first = readFileSync(path, "utf8").split("\n")[0]
    if (first.startsWith("#!")) return first.slice(2).trim().split(" ")[0]
  } catch {
    // fall through
  }
  return "/usr/bin/python3"
}

/** Registers the tslab kernel for this checkout unless a working registration exists. */
function ensureTslabKernel(jupyter) {
  const dirs = [join(homedir(), ".local", "share", "jupyter"), "/usr/local/share/jupyter", "/usr/share/jupyter"]
  for (const dir of dirs) {
    const spec = join(dir, "kernels", "tslab", "kernel.json")
    if (!existsSync(spec)) continue
    const argv = JSON.parse(readFileSync(spec, "utf8")).argv || []
    // The first registration Jupyter finds wins: keep it if its tslab binary still exists.
    if (argv[0] && existsSync(argv[0])) return
    break
  }
  const tslab = join(root, "node_modules", ".bin", "tslab")
  execFileSync(tslab, ["install", `--python=${jupyterPython(jupyter)}`, `--binary=${tslab}`], { stdio: "ignore" })
}

/** The notebooks, in teaching order. */
function listNotebooks() {
  return readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
}

/**
 * Executes one notebook and writes a self-contained HTML copy with its outputs into `outDir`.
 * Resolves with { ok, seconds, html, log }; a cell error makes ok false.
 */
function executeNotebook(jupyter, name, outDir, timeoutSeconds = 600) {
  mkdirSync(outDir, { recursive: true })
  const args = [
    "nbconvert",
    "--to",
    "html",
    "--execute",
    "--ExecutePreprocessor.kernel_name=tslab",
    `--ExecutePreprocessor.timeout=${timeoutSeconds}`,
    "--output-dir",
    outDir,
    join(notebooksDir, name),
  ]
  const start = Date.now()
  return new Promise((resolvePromise) => {
    const child = spawn(jupyter, args, { cwd: notebooksDir, env: { ...process.env, INTEREST_LAB_NOTEBOOK_TEST: "1" } })
    let log = ""
    child.stdout.on("data", (d) => (log += d))
    child.stderr.on("data", (d) => (log += d))
    child.on("close", (code) => {
      const html = join(outDir, name.replace(/\.ipynb$/, ".html"))
      resolvePromise({ ok: code === 0, seconds: (Date.now() - start) / 1000, html, log })
    })
  })
}

module.exports = { findJupyter, ensureTslabKernel, listNotebooks, executeNotebook, root, notebooksDir }

if (require.main === module) {
  // npm run notebooks:html: execute every notebook (or those named) and write reports/notebooks/*.html.
  const jupyter = findJupyter()
  if (!jupyter) {
    console.error("Jupyter is not installed: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel")
    process.exit(1)
  }
  ensureTslabKernel(jupyter)
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
        process.stderr.write(r.log.split("\n").slice(-30).join("\n") + "\n")
      }
    }
    console.log(`HTML copies in ${outDir}`)
    process.exit(failed > 0 ? 1 : 0)
  })()
}

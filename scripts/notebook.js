"use strict"
// npm run notebook: register the tslab kernel for this checkout and open Jupyter on notebooks/.
const { spawnSync, execFileSync } = require("node:child_process")
const { findJupyter, ensureTslabKernel, notebooksDir } = require("./notebook-runner")

const jupyter = findJupyter()
if (!jupyter) {
  console.error(
    "Jupyter is not installed. On Debian/Ubuntu: sudo apt-get install jupyter-notebook jupyter-nbconvert python3-ipykernel\n" +
      "(or: pip install jupyterlab). Then run npm run notebook again.",
  )
  process.exit(1)
}
ensureTslabKernel(jupyter)
let app = null
for (const candidate of ["lab", "notebook"]) {
  try {
    execFileSync(jupyter, [candidate, "--version"], { stdio: "ignore" })
    app = candidate
    break
  } catch {
    // try the next one
  }
}
if (!app) {
  console.error("Jupyter can execute notebooks here but has no notebook server: sudo apt-get install jupyter-notebook (or pip install jupyterlab)")
  process.exit(1)
}
console.log(`Starting jupyter ${app} in ${notebooksDir} (kernel: TypeScript / tslab)`)
spawnSync(jupyter, [app, "--notebook-dir", notebooksDir, ...process.argv.slice(2)], { stdio: "inherit" })

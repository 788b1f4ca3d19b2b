"use strict"
// npm run notebook [-- jupyter flags]: open Jupyter on notebooks/ with this checkout's own kernel
// ("TypeScript (interest-lab)", jupyter/kernels/interest-lab, found through JUPYTER_PATH).
// Flags after `--` go to Jupyter, e.g. `npm run notebook -- --no-browser --ip=127.0.0.1`.
// Exits with Jupyter's status, so a refused start (e.g. as root without --allow-root) fails.
const { spawnSync, execFileSync } = require("node:child_process")
const { findJupyter, checkKernel, jupyterEnv, notebooksDir, KERNEL_NAME } = require("./notebook-runner")

const jupyter = findJupyter()
if (!jupyter) {
  console.error(
    "Jupyter is not installed. On Debian/Ubuntu: sudo apt-get install jupyter-notebook jupyter-nbconvert python3-ipykernel\n" +
      "(or: pip install jupyterlab). Then run npm run notebook again.",
  )
  process.exit(1)
}
try {
  checkKernel()
} catch (e) {
  console.error(e.message)
  process.exit(1)
}
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
  console.error(
    "Jupyter can execute notebooks here but has no notebook server: sudo apt-get install jupyter-notebook (or pip install jupyterlab)",
  )
  process.exit(1)
}
console.log(`Starting jupyter ${app} in ${notebooksDir} (kernel: ${KERNEL_NAME})`)
const r = spawnSync(jupyter, [app, "--notebook-dir", notebooksDir, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: jupyterEnv(),
})
if (r.error) {
  console.error(`jupyter ${app} did not start: ${r.error.message}`)
  process.exit(1)
}
if (r.status !== 0) console.error(`jupyter ${app} exited with status ${r.status ?? r.signal}`)
process.exit(r.status ?? 1)

"use strict"
// npm run bench: runs every bench/*.bench.js (or the topics named: node bench/run.js world bandits)
// one after another in separate processes, so one benchmark's garbage does not slow the next.
const { spawnSync } = require("node:child_process")
const { readdirSync } = require("node:fs")
const { join } = require("node:path")

const wanted = process.argv.slice(2)
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith(".bench.js"))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.js$/, "")))
  .sort()
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(", ")}`)
  process.exit(1)
}
let failed = 0
for (const f of files) {
  console.log(`\n=== ${f.replace(/\.bench\.js$/, "")} ===`)
  const r = spawnSync(process.execPath, ["--expose-gc", join(__dirname, f)], { stdio: "inherit" })
  if (r.status !== 0) failed++
}
process.exit(failed > 0 ? 1 : 0)

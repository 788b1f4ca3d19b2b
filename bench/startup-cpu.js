"use strict"
// Preloaded by bench/startup.bench.js (node -r): on exit, writes the process's own CPU time (user + system, seconds) to fd 3.
const { writeSync } = require("node:fs")
process.on("exit", () => {
  const { user, system } = process.cpuUsage()
  writeSync(3, String((user + system) / 1e6))
})

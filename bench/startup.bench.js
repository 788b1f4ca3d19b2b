"use strict"
// Start-up: `require('interest-lab')`, the `interest-lab/bandits` subpath and the CLI's --help, each
// in a fresh process, best of 7 for wall time and for CPU time (user + system of the child, which a shared machine
// inflates less), beside a bare `node -e 0` (Node's own start) and as a ratio to it. Target: each under 0.3 s.
// TensorFlow.js, danfojs, zod and yaml must not be loaded by any (they load when a model or config needs them).
const { spawnSync } = require("node:child_process")
const { join } = require("node:path")
const { report } = require("./util")

const root = join(__dirname, "..")

function bestOf(args, repeats = 7) {
  let wall = Infinity
  let cpu = Infinity
  let out = ""
  for (let i = 0; i < repeats; i++) {
    const t = process.hrtime.bigint()
    const r = spawnSync(process.execPath, ["-r", join(__dirname, "startup-cpu.js"), ...args], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    })
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${r.stderr}`)
    wall = Math.min(wall, Number(process.hrtime.bigint() - t) / 1e9)
    cpu = Math.min(cpu, Number(r.output[3]))
    out = r.stdout
  }
  return { wall, cpu, out }
}

const probe = (entry) =>
  `require('${entry}'); const heavy = Object.keys(require.cache).filter((k) => /@tensorflow|danfojs|node_modules[\\\\/](zod|yaml)[\\\\/]/.test(k)); process.stdout.write(String(heavy.length))`
const bare = bestOf(["-e", "0"])
const lib = bestOf(["-e", probe("./dist")])
// A subpath through the package's exports map (the package requires itself by name): a bandit user's entry.
const bandits = bestOf(["-e", probe("interest-lab/bandits")])
const help = bestOf([join("bin", "interest-lab.js"), "--help"])
const line = (t) => `wall ${t.wall.toFixed(3)} s (${(t.wall / bare.wall).toFixed(1)}× node -e 0); target < 0.3 s`
report("node -e 0 (Node's own start), CPU time", bare.cpu.toFixed(3), "s", `wall ${bare.wall.toFixed(3)} s`)
report(
  "require('interest-lab'), CPU time",
  lib.cpu.toFixed(3),
  "s",
  `${line(lib)}; TensorFlow.js/danfojs/zod/yaml modules loaded: ${lib.out}`,
)
report(
  "require('interest-lab/bandits'), CPU time",
  bandits.cpu.toFixed(3),
  "s",
  `${line(bandits)}; TensorFlow.js/danfojs/zod/yaml modules loaded: ${bandits.out}`,
)
report("interest-lab --help, CPU time", help.cpu.toFixed(3), "s", line(help))

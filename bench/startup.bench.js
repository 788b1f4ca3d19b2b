"use strict"
// Start-up (issue 17): `require('interest-lab')` and the CLI's --help, each in a fresh process, best of 5,
// beside a bare `node -e 0` (Node's own start). Target: each under 0.3 s. TensorFlow.js and danfojs must
// not be loaded by either (they load when a model needing them is used).
const { spawnSync } = require("node:child_process")
const { join } = require("node:path")
const { report } = require("./util")

const root = join(__dirname, "..")

function bestOf(args, repeats = 5) {
  let best = Infinity
  let out = ""
  for (let i = 0; i < repeats; i++) {
    const t = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" })
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${r.stderr}`)
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9)
    out = r.stdout
  }
  return { best, out }
}

const probe = "require('./dist'); const heavy = Object.keys(require.cache).filter((k) => /@tensorflow|danfojs/.test(k)); process.stdout.write(String(heavy.length))"
const bare = bestOf(["-e", "0"])
const lib = bestOf(["-e", probe])
const help = bestOf([join("bin", "interest-lab.js"), "--help"])
const net = (t) => `${(t - bare.best).toFixed(3)} s beyond Node's own start; target < 0.3 s`
report("node -e 0 (Node's own start)", bare.best.toFixed(3), "s")
report("require('interest-lab')", lib.best.toFixed(3), "s", `${net(lib.best)}; TensorFlow.js/danfojs modules loaded: ${lib.out}`)
report("interest-lab --help", help.best.toFixed(3), "s", net(help.best))

import { spawnSync } from "node:child_process"
import { chmodSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { cli, sandbox, treeHash } from "./sandbox"

// Each refused --out: exit 2, the exact one-line message, and nothing changed anywhere in the sandbox.
const box = sandbox("il-out-safety-")
afterAll(box.remove)
const work = join(box.root, "work")
const home = join(box.root, "home")
mkdirSync(join(work, "src"), { recursive: true })
mkdirSync(join(work, "photos"))
mkdirSync(join(work, "shop"))
mkdirSync(join(work, "obd", "random", "men"), { recursive: true })
mkdirSync(home)
writeFileSync(join(work, "src", "main.ts"), "export {}\n")
writeFileSync(join(work, "photos", "cat.jpg"), "meow")
writeFileSync(join(work, "notes.txt"), "keep me\n")
writeFileSync(
  join(work, "exp.yaml"),
  "environment: { type: bernoulli, probabilities: [0.6, 0.4] }\npolicies: [{ type: ucb1 }]\nhorizon: 50\nruns: 4\nseed: 1\n",
)
writeFileSync(join(work, "world.yaml"), "users: 30\nitems: 20\ndays: 2\nseed: 1\n")
writeFileSync(
  join(work, "shop", "retail.csv"),
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,MUG,6,2010-12-01 08:26,2.55,17850,United Kingdom\n",
)
writeFileSync(join(work, "obd", "random", "men", "men.csv"), "timestamp,item_id,position,click,propensity_score\n")
writeFileSync(join(work, "log.csv"), "action,position,reward,propensity,x\n0,0,1,0.5,0.1\n1,0,0,0.5,0.2\n")
symlinkSync(join(work, "gone"), join(work, "dangling"))

const refusals: [string, string[], string][] = [
  [
    "an empty --out (an unset shell variable)",
    ["simulate", "--config", "exp.yaml", "--out", ""],
    "--out: the path is empty; name a new folder, e.g. --out reports/run",
  ],
  [
    "the current folder",
    ["simulate", "--config", "exp.yaml", "--out", "."],
    "--out: '.' is the current folder or one of its parents; name a new folder",
  ],
  [
    "a parent of the current folder",
    ["segments", "--data", "shop/retail.csv", "--out", ".."],
    "--out: '..' is the current folder or one of its parents; name a new folder",
  ],
  [
    "the filesystem root",
    ["benchmark", "--data", "shop/retail.csv", "--out", "/"],
    "--out: '/' is the filesystem root; name a new folder",
  ],
  [
    "the home folder",
    ["world", "--config", "world.yaml", "--out", home],
    `--out: '${home}' is the home folder or one of its parents; name a new folder`,
  ],
  [
    "the config file it reads",
    ["simulate", "--config", "exp.yaml", "--out", "exp.yaml"],
    "--out: 'exp.yaml' is an input of this run (exp.yaml); name a new folder",
  ],
  [
    "the data folder it reads",
    ["evaluate", "--log", "obd", "--target", "uniform", "--out", "obd"],
    "--out: 'obd' is an input of this run (obd); name a new folder",
  ],
  [
    "a folder holding the data",
    ["basket", "--data", "shop/retail.csv", "--out", "shop"],
    "--out: 'shop' contains an input of this run (shop/retail.csv); name a new folder",
  ],
  [
    "a path inside the data",
    ["evaluate", "--log", "obd", "--target", "uniform", "--out", "obd/random/report"],
    "--out: 'obd/random/report' lies inside an input of this run (obd); name a new folder",
  ],
  [
    "an existing file",
    ["world", "--config", "world.yaml", "--out", "notes.txt"],
    "--out: 'notes.txt' is an existing file; interest-lab writes only into a new folder or one it wrote itself",
  ],
  [
    "a folder interest-lab did not write",
    ["evaluate", "--log", "log.csv", "--target", "uniform", "--out", "photos"],
    "--out: 'photos' is an existing folder that interest-lab did not write (it has no .interest-lab-output file); name a new folder",
  ],
  [
    "a dangling symbolic link",
    ["segments", "--data", "shop/retail.csv", "--out", "dangling"],
    "--out: 'dangling' is a symbolic link to a missing path; name a new folder",
  ],
  [
    "a path under a file",
    ["basket", "--data", "shop/retail.csv", "--out", "notes.txt/run"],
    `--out: 'notes.txt/run' cannot be created: ${join(work, "notes.txt")} is a file, not a folder`,
  ],
]

describe("--out: what every command refuses before any work", () => {
  for (const [what, args, message] of refusals) {
    it(`${args[0]} refuses ${what}`, () => {
      const before = treeHash(box.root)
      const r = cli(args, { cwd: work, env: { ...process.env, HOME: home } })
      expect(r.stderr).toBe(`interest-lab: ${message}\n`)
      expect(r.status).toBe(2)
      expect(treeHash(box.root)).toBe(before)
    })
  }

  // root may write anywhere: the case runs as nobody then, where this checkout and node are readable by all.
  const asRoot = process.getuid?.() === 0
  const runnable = !asRoot || cli(["--version"], { uid: 65534, gid: 65534 }).status === 0
  it.skipIf(!runnable)("refuses a folder it cannot create (read-only parent) before computing", () => {
    const ro = join(box.root, "ro")
    mkdirSync(ro)
    chmodSync(ro, 0o555)
    chmodSync(box.root, 0o755)
    const before = treeHash(box.root)
    const r = cli(
      ["simulate", "--config", join(work, "exp.yaml"), "--out", join(ro, "run")],
      asRoot ? { uid: 65534, gid: 65534 } : {},
    )
    expect(r.stderr).toBe(
      `interest-lab: --out: '${join(ro, "run")}' cannot be created: ${ro} is not writable (EACCES)\n`,
    )
    expect(r.status).toBe(2)
    expect(treeHash(box.root)).toBe(before)
  })
})

describe("--out: what every command may write", () => {
  it("writes a new folder (parents included), then replaces it on the next run; nothing else changes", () => {
    const before = treeHash(box.root)
    const args = ["simulate", "--config", "exp.yaml", "--out", "reports/run"]
    expect(cli(args, { cwd: work }).status).toBe(0)
    expect(readdirSync(join(work, "reports", "run")).sort()).toEqual([
      ".interest-lab-output",
      "config.json",
      "report.html",
      "steps.csv",
      "summary.json",
    ])
    expect(treeHash(box.root, ["work/reports"])).toBe(before)
    // config.json and report.html carry the run's date; the rest is the same bytes for the same seed.
    const first = treeHash(join(work, "reports"), ["run/config.json", "run/report.html"])
    expect(cli(args, { cwd: work }).status).toBe(0)
    expect(treeHash(join(work, "reports"), ["run/config.json", "run/report.html"])).toBe(first)
    expect(readdirSync(join(work, "reports"))).toEqual(["run"])
    expect(treeHash(box.root, ["work/reports"])).toBe(before)
  })

  it("removes the temporary folders that killed runs left beside it", () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    }).stdout
    const leftover = join(work, "reports", `.again.tmp-${dead}-Xy12ab`)
    mkdirSync(leftover, { recursive: true })
    writeFileSync(join(leftover, "steps.csv"), "policy,step\nucb1,1")
    expect(cli(["world", "--config", "world.yaml", "--out", "reports/again", "--quiet"], { cwd: work }).status).toBe(0)
    expect(existsSync(leftover)).toBe(false)
    expect(readdirSync(join(work, "reports")).sort()).toEqual(["again", "run"])
  })
})

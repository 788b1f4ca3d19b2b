import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { bin, cli, cliAsync, sandbox, treeHash } from "./sandbox"

const box = sandbox("il-interrupts-")
afterAll(box.remove)
const dir = box.root
// Long enough that writing the report (400,000 rows of steps.csv) takes a while.
writeFileSync(
  join(dir, "long.yaml"),
  "environment: { type: bernoulli, probabilities: [0.6, 0.5, 0.4] }\npolicies: [{ type: ucb1 }, { type: thompson }]\nhorizon: 200000\nruns: 2\nseed: 2\n",
)
writeFileSync(join(dir, "world.yaml"), "users: 1500\nitems: 300\ndays: 20\nseed: 5\n")

/** Resolves once a temporary sibling `.NAME.tmp-*` of `out` exists: the run is writing its report. */
function writing(out: string): Promise<void> {
  const prefix = `.${out}.tmp-`
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (readdirSync(dir).some((n) => n.startsWith(prefix))) {
        clearInterval(timer)
        resolve()
      }
    }, 2)
  })
}

const cases: [string, string[], NodeJS.Signals, number][] = [
  ["simulate", ["simulate", "--config", "long.yaml", "--out", "sim"], "SIGINT", 130],
  ["simulate", ["simulate", "--config", "long.yaml", "--out", "sim"], "SIGTERM", 143],
  ["world", ["world", "--config", "world.yaml", "--out", "world", "--quiet"], "SIGINT", 130],
]

describe("interrupts", () => {
  for (const [command, args, signal, status] of cases) {
    it(`${signal} while ${command} writes its report: exit ${status}, the previous report byte-identical, nothing half-written`, async () => {
      const out = args[args.indexOf("--out") + 1]
      if (!existsSync(join(dir, out))) expect(cli(args, { cwd: dir }).status).toBe(0)
      const before = treeHash(dir)
      const run = cliAsync(args, dir)
      await writing(out)
      run.child.kill(signal)
      const r = await run.done
      expect(r.stderr.endsWith(`\ninterrupted (${signal}): ${out} left as it was\n`)).toBe(true)
      expect(r.status).toBe(status)
      expect(treeHash(dir)).toBe(before)
    }, 60_000)
  }

  it("Ctrl-C while computing stops at once and leaves everything as it was", async () => {
    const before = treeHash(dir)
    const run = cliAsync(["simulate", "--config", "long.yaml", "--out", "sim", "--runs", "50"], dir)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    run.child.kill("SIGINT")
    const r = await run.done
    // Killed by the signal (a shell shows 130), or 130 if it came while the report was being written.
    expect(r.signal === "SIGINT" || r.status === 130).toBe(true)
    expect(treeHash(dir)).toBe(before)
  }, 60_000)
})

describe("a closed pipe (… 2>&1 | head -c 1)", () => {
  for (const args of [
    ["simulate", "--config", "long.yaml", "--out", "piped-sim"],
    ["world", "--config", "world.yaml", "--out", "piped-world"],
  ]) {
    it(`${args[0]} goes on to the end, exit 0, and leaves no temporary folder`, () => {
      const out = args[args.indexOf("--out") + 1]
      const quoted = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(" ")
      const r = spawnSync("bash", ["-c", `${quoted} 2>&1 | head -c 1; exit \${PIPESTATUS[0]}`], {
        cwd: dir,
        encoding: "utf8",
      })
      expect(r.stdout).toBe(args[0][0])
      expect(r.status).toBe(0)
      expect(JSON.parse(readFileSync(join(dir, out, "summary.json"), "utf8"))).toBeTypeOf("object")
      expect(readdirSync(dir).filter((n) => n.startsWith(`.${out}`))).toEqual([])
    }, 60_000)
  }
})

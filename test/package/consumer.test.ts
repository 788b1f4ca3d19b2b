import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { tempDir } from "../temp-dir"

// A data scientist's own notebook folder: the project is packed (`npm pack`, of the built dist/),
// the tarball installed into an empty folder whose package.json has no overrides, together with
// tslab (what a notebook user installs), and a tslab notebook there imports `interest-lab` and
// `interest-lab/bandits`, simulates and plots. The optional peers (TensorFlow.js, danfojs-node,
// DuckDB, ClickHouse) stay uninstalled: their features must say what to install. Needs the npm
// registry or a warm npm cache (--prefer-offline); the notebook part needs Jupyter, as test/notebooks.
const root = join(__dirname, "..", "..")
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string
  version: string
  peerDependencies: Record<string, string>
  peerDependenciesMeta: Record<string, { optional?: boolean }>
}
const runner = require("../../scripts/notebook-runner.js") as { findJupyter(): string | null }
const jupyter = runner.findJupyter()
if (!jupyter && process.env.CI)
  throw new Error("CI: Jupyter (jupyter nbconvert) is required for the consumer notebook; .ci/run installs it")

const KERNEL = "interest-lab-consumer"
let work = ""
let consumer = ""

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
}

function nodeIn(cwd: string, script: string): { stdout: string; stderr: string; status: number | null } {
  return spawnSync(process.execPath, ["-e", script], { cwd, encoding: "utf8" })
}

const NOTEBOOK_CELLS = [
  `import { BernoulliArms, show, simulate, simulationFigures } from "interest-lab"
import { BetaThompson, EpsilonGreedy, Ucb1 } from "interest-lab/bandits"
import type { Policy } from "interest-lab/bandits"

const arms = new BernoulliArms([0.02, 0.035, 0.05])
const policies: Policy<unknown>[] = [new EpsilonGreedy({ arms: 3, epsilon: 0.1 }), new Ucb1({ arms: 3 }), new BetaThompson({ arms: 3 })]
const result = simulate(arms, policies, { horizon: 500, runs: 20, seed: 7 })
console.log(result.policies.map((p) => \`\${p.name}: \${p.finalMeanReward.toFixed(4)}\`).join("\\n"))`,
  "show(simulationFigures(result)[0])",
]

describe("the packed library in a data scientist's own folder", () => {
  beforeAll(() => {
    if (!existsSync(join(root, "dist", "index.js")))
      throw new Error("dist/ is missing: npm run build first (npm test does)")
    work = tempDir("il-consumer-")
    consumer = join(work, "my-notebooks")
    mkdirSync(consumer)
    // --ignore-scripts: pack the dist/ that the test run built instead of building again (prepare).
    npm(["pack", "--ignore-scripts", "--silent", "--pack-destination", work], root)
    const tarball = readdirSync(work).find((f) => f === `${pkg.name}-${pkg.version}.tgz`)
    expect(tarball).toBeDefined()
    writeFileSync(
      join(consumer, "package.json"),
      `${JSON.stringify({ name: "my-notebooks", private: true }, null, 2)}\n`,
    )
    npm(
      [
        "install",
        join(work, tarball!),
        `tslab@${pkg.peerDependencies.tslab}`,
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
      ],
      consumer,
    )
  }, 240_000)

  it("installs without overrides, with every heavy dependency an optional peer left out", () => {
    const manifest = JSON.parse(readFileSync(join(consumer, "package.json"), "utf8")) as Record<string, unknown>
    expect(manifest.overrides).toBeUndefined()
    for (const peer of [
      "@tensorflow/tfjs",
      "@tensorflow/tfjs-backend-wasm",
      "danfojs-node",
      "tslab",
      "@duckdb/node-api",
      "@clickhouse/client",
    ]) {
      expect(pkg.peerDependenciesMeta[peer]?.optional, peer).toBe(true)
      if (peer !== "tslab")
        expect(existsSync(join(consumer, "node_modules", peer)), `${peer} was installed`).toBe(false)
    }
    expect(existsSync(join(consumer, "node_modules", "interest-lab", "dist", "index.js"))).toBe(true)
  })

  it("loads the root and subpaths without TensorFlow.js, zod or yaml, seals internals, and names a missing optional package", async () => {
    const r = nodeIn(
      consumer,
      `const L = require("interest-lab"); const B = require("interest-lab/bandits");
       if (L.BetaThompson !== B.BetaThompson) throw new Error("subpath and root differ");
       const heavy = Object.keys(require.cache).filter((k) => /@tensorflow|danfojs|node_modules[\\\\/](zod|yaml)[\\\\/]/.test(k));
       let sealed = "";
       try { require("interest-lab/dist/random/fast-random") } catch (e) { sealed = e.code }
       let frame = "";
       try { L.toDataFrame([]) } catch (e) { frame = e.message }
       require("interest-lab/neural").selectBackend({ log() {} }).then(() => { throw new Error("tfjs loaded") }, (e) => {
         process.stdout.write(JSON.stringify({ heavy, sealed, frame, tf: e.message, internal: typeof L.zigguratKn }))
       })`,
    )
    expect(r.stderr).toBe("")
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    expect(out).toEqual({
      heavy: [],
      sealed: "ERR_PACKAGE_PATH_NOT_EXPORTED",
      frame: "toDataFrame needs the optional package danfojs-node: npm i danfojs-node",
      tf: "a TensorFlow.js model needs the optional package @tensorflow/tfjs: npm i @tensorflow/tfjs",
      internal: "undefined",
    })
  })

  it("runs the CLI from the installed bin", () => {
    const r = spawnSync(process.execPath, [join(consumer, "node_modules", ".bin", "interest-lab"), "--help"], {
      cwd: consumer,
      encoding: "utf8",
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Usage: interest-lab/)
    expect(r.stdout).toMatch(/simulate/)
  })

  it.skipIf(!jupyter)(
    "executes a tslab notebook there that imports interest-lab and interest-lab/bandits and plots",
    { timeout: 180_000 },
    () => {
      // A kernel running this folder's own tslab (TypeScript 5.0, Node10 resolution: the subpaths' types come from typesVersions).
      const kernelDir = join(work, "jupyter", "kernels", KERNEL)
      mkdirSync(kernelDir, { recursive: true })
      const tslab = join(consumer, "node_modules", "tslab", "bin", "tslab")
      writeFileSync(
        join(kernelDir, "kernel.json"),
        JSON.stringify({
          argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
          display_name: "TypeScript (my-notebooks)",
          language: "typescript",
        }),
      )
      const notebook = {
        cells: NOTEBOOK_CELLS.map((source, i) => ({
          cell_type: "code",
          id: `cell-${i}`,
          execution_count: null,
          metadata: {},
          outputs: [],
          source,
        })),
        metadata: {
          kernelspec: { name: KERNEL, display_name: "TypeScript", language: "typescript" },
          language_info: { name: "typescript" },
        },
        nbformat: 4,
        nbformat_minor: 5,
      }
      writeFileSync(join(consumer, "analysis.ipynb"), JSON.stringify(notebook, null, 1))
      const env = {
        ...process.env,
        JUPYTER_PATH: [join(work, "jupyter"), process.env.JUPYTER_PATH].filter(Boolean).join(":"),
      }
      const outDir = join(work, "executed")
      const run = spawnSync(
        jupyter!,
        [
          "nbconvert",
          "--to",
          "notebook",
          "--execute",
          `--ExecutePreprocessor.kernel_name=${KERNEL}`,
          "--ExecutePreprocessor.timeout=120",
          "--output-dir",
          outDir,
          "analysis.ipynb",
        ],
        { cwd: consumer, env, encoding: "utf8" },
      )
      expect(run.status, run.stderr.split("\n").slice(-30).join("\n")).toBe(0)
      type Output = {
        output_type: string
        name?: string
        text?: string | string[]
        data?: Record<string, string | string[]>
      }
      const executed = JSON.parse(readFileSync(join(outDir, "analysis.ipynb"), "utf8")) as {
        cells: { outputs: Output[] }[]
      }
      const outputs = executed.cells.flatMap((c) => c.outputs)
      expect(outputs.filter((o) => o.output_type === "error" || o.name === "stderr")).toEqual([])
      const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join("") : (v ?? ""))
      const printed = outputs
        .filter((o) => o.output_type === "stream")
        .map((o) => text(o.text))
        .join("")
      expect(
        printed
          .trim()
          .split("\n")
          .map((line) => line.split(":")[0]),
      ).toEqual(["eps-0.1", "ucb1", "thompson"])
      const html = executed.cells[1].outputs.map((o) => text(o.data?.["text/html"])).join("")
      expect(html).toContain("Plotly.newPlot")
    },
  )
})

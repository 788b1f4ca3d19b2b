import { spawnSync } from "node:child_process"
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

// `npm run notebook -- <flags>` passes the flags to Jupyter, runs it on this checkout's kernel
// (JUPYTER_PATH starts with the project's jupyter/ folder) and exits with Jupyter's status. A
// stand-in `jupyter` first on PATH records what it was given and fails as a refused start does.
const root = join(__dirname, "..", "..")
const bin = mkdtempSync(join(tmpdir(), "il-fake-jupyter-"))
const record = join(bin, "calls.txt")
writeFileSync(
  join(bin, "jupyter"),
  `#!/bin/sh
case "$2" in --version) exit 0;; esac
echo "$* JUPYTER_PATH=$JUPYTER_PATH" >> "${record}"
echo "Running as root is not recommended. Use --allow-root to bypass." >&2
exit 3
`,
)
chmodSync(join(bin, "jupyter"), 0o755)

describe("npm run notebook", () => {
  it("passes flags through, uses the checkout's kernelspec and exits non-zero when Jupyter refuses to start", () => {
    const r = spawnSync(process.execPath, [join(root, "scripts", "notebook.js"), "--no-browser", "--ip=127.0.0.1"], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    })
    expect(r.status).toBe(3)
    expect(r.stderr).toContain("Use --allow-root")
    const call = readFileSync(record, "utf8").trim()
    expect(call).toMatch(/^lab --notebook-dir \S+notebooks --no-browser --ip=127\.0\.0\.1 JUPYTER_PATH=/)
    expect(call.split("JUPYTER_PATH=")[1].split(":")[0]).toBe(join(root, "jupyter"))
    const spec = JSON.parse(readFileSync(join(root, "jupyter", "kernels", "interest-lab", "kernel.json"), "utf8")) as {
      argv: string[]
    }
    expect(spec.argv[1]).toBe("{resource_dir}/../../../node_modules/tslab/bin/tslab")
  })
})

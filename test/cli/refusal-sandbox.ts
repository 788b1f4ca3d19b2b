import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { tempDir } from "../temp-dir"

// The CLI runs from the build (npm test builds first), exactly as users run it.
const root = join(__dirname, "..", "..")
const bin = join(root, "bin", "interest-lab.js")

/** Path, size and modification time of every file of the repository's data/ (the shipped inputs): cheap, and any write changes it. */
function dataStamp(): string {
  const out: string[] = []
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name)
      const st = statSync(path)
      if (st.isDirectory()) walk(path)
      else out.push(`${relative(root, path)}:${st.size}:${st.mtimeMs}`)
    }
  }
  walk(join(root, "data"))
  return out.join("\n")
}

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

/** A folder to run the CLI in: its input files, and a hash of everything in it to prove what a run changed. */
export interface Sandbox {
  readonly dir: string
  /** Writes `name` (relative to the sandbox) and returns its name. */
  file(name: string, content: string | Uint8Array): string
  /** Runs `interest-lab …args` with the sandbox as the working folder. */
  run(args: string[]): CliResult
  /**
   * SHA-256 of every path and file content in the sandbox, leaving out `exclude` (a top-level
   * name), and of the repository's data/ folder (paths, sizes, modification times).
   */
  hash(exclude?: string): string
  exists(name: string): boolean
  read(name: string): string
}

export function sandbox(prefix: string): Sandbox {
  const dir = tempDir(prefix)
  const hash = (exclude?: string): string => {
    const h = createHash("sha256").update(dataStamp())
    const walk = (at: string): void => {
      for (const name of readdirSync(at).sort()) {
        const path = join(at, name)
        const rel = relative(dir, path)
        if (rel === exclude) continue
        h.update(`${rel}\0`)
        if (statSync(path).isDirectory()) walk(path)
        else h.update(readFileSync(path))
      }
    }
    walk(dir)
    return h.digest("hex")
  }
  return {
    dir,
    file(name, content) {
      writeFileSync(join(dir, name), content)
      return name
    },
    run(args) {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" })
      return { status: r.status, stdout: r.stdout, stderr: r.stderr }
    },
    hash,
    exists: (name) => existsSync(join(dir, name)),
    read: (name) => readFileSync(join(dir, name), "utf8"),
  }
}

/**
 * Runs a command that must fail: exit status 2, exactly `message` as the one line on stderr,
 * nothing on stdout, no `out` folder and the sandbox unchanged.
 */
export function expectRefused(box: Sandbox, args: string[], out: string): CliResult {
  const before = box.hash()
  const r = box.run(args)
  if (box.exists(out)) throw new Error(`${out} was written by a refused run: ${r.stderr}`)
  if (box.hash() !== before) throw new Error(`the sandbox changed during a refused run: ${r.stderr}`)
  return r
}

/** The plotly.newPlot scripts of a report (the inlined bundle left out). */
export function figureScripts(html: string): string[] {
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1])
}

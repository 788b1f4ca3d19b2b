import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process"
import { createHash } from "node:crypto"
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"

// The CLI runs from the build (npm test builds first), exactly as users run it.
export const bin = join(__dirname, "..", "..", "bin", "interest-lab.js")

/** A temporary folder for one test file; `remove` deletes it (call it in afterAll). */
export function sandbox(prefix: string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix))
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) }
}

/** Runs the built CLI to the end. */
export function cli(
  args: string[],
  options: SpawnSyncOptions = {},
): { status: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", ...options })
  return { status: r.status, signal: r.signal, stderr: String(r.stderr), stdout: String(r.stdout) }
}

/** Starts the built CLI without waiting; resolves with its exit status (or signal) and stderr. */
export function cliAsync(
  args: string[],
  cwd?: string,
): {
  child: ReturnType<typeof spawn>
  done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>
} {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] })
  let stderr = ""
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (status, signal) => resolve({ status, signal, stderr })),
  )
  return { child, done }
}

/**
 * A hash of every path, type, mode and content under `dir`, leaving out the paths in `skip`
 * (relative to `dir`): equal before and after a run means the run changed nothing there.
 */
export function treeHash(dir: string, skip: string[] = []): string {
  const hash = createHash("sha256")
  const walk = (path: string): void => {
    const rel = relative(dir, path)
    if (skip.includes(rel)) return
    const stats = lstatSync(path)
    hash.update(`${rel}\0${stats.mode}\0`)
    if (stats.isSymbolicLink()) hash.update(readlinkSync(path))
    else if (stats.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(path, name))
    else hash.update(readFileSync(path))
    hash.update("\0")
  }
  walk(dir)
  return hash.digest("hex")
}

import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"

/** Where a result came from: enough to reproduce it. */
export type Provenance = {
  package: string
  version: string
  gitCommit: string | null
  node: string
  createdAt: string
  command: string
}

/** The package version and git commit (if the lab runs from a git checkout). */
export function provenance(command: string, now: Date = new Date()): Provenance {
  const root = join(__dirname, "..", "..")
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string }
  let gitCommit: string | null = null
  try {
    gitCommit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] }).toString().trim()
  } catch {
    gitCommit = null
  }
  return { package: pkg.name, version: pkg.version, gitCommit, node: process.version, createdAt: now.toISOString(), command }
}

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
    gitCommit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim()
  } catch {
    gitCommit = null
  }
  return {
    package: pkg.name,
    version: pkg.version,
    gitCommit,
    node: process.version,
    createdAt: now.toISOString(),
    command,
  }
}

/** A word a POSIX shell reads as itself; anything else is single-quoted. */
const SHELL_PLAIN = /^[A-Za-z0-9_./:=,@%+-]+$/

/** `word` as a POSIX shell reads it back: unchanged when plain, else in single quotes (`'` as `'\''`). */
function shellWord(word: string): string {
  return SHELL_PLAIN.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * The command line recorded in a run's provenance, taken from the raw `argv` (node, script,
 * then the arguments as typed): `interest-lab` and every argument, quoted for a POSIX shell where
 * needed, except `--out <dir>` (or `--out=<dir>`): where a result was written is not part of how it
 * was made, and the same run written elsewhere records the same line.
 * @example recordedCommandLine(["node", "bin/interest-lab.js", "simulate", "--config", "a b.yaml", "--seed", "3", "--out", "r"]) // "interest-lab simulate --config 'a b.yaml' --seed 3"
 */
export function recordedCommandLine(argv: readonly string[]): string {
  const words = ["interest-lab"]
  const args = argv.slice(2)
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out") i++
    else if (!args[i].startsWith("--out=")) words.push(shellWord(args[i]))
  }
  return words.join(" ")
}

import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { basename, dirname, join } from "node:path"

/** The prefix of the temporary siblings of `target`: `.NAME.tmp-`; the owner's process id follows. */
function tempPrefix(target: string): string {
  return `.${basename(target)}.tmp-`
}

/**
 * A new, empty temporary sibling of `target`, `.NAME.tmp-PID-XXXXXX`: the process id tells a later
 * run whether its owner is still alive (see {@link removeStaleTemps}).
 * @example makeTempSibling("/r/run") // "/r/.run.tmp-4242-a1B2c3"
 */
export function makeTempSibling(target: string): string {
  const tmp = mkdtempSync(join(dirname(target), `${tempPrefix(target)}${process.pid}-`))
  chmodSync(tmp, 0o755) // mkdtemp makes it private; the result is an ordinary folder
  return tmp
}

/**
 * Removes the temporary siblings of `target` (and their `.old` folders) left by runs that were
 * killed: those whose owner process no longer exists. Siblings of live processes, this one
 * included, are left alone.
 * @example removeStaleTemps("/r/run") // removes /r/.run.tmp-4242-a1B2c3 once process 4242 is gone
 */
export function removeStaleTemps(target: string): void {
  const parent = dirname(target)
  const prefix = tempPrefix(target)
  let names: string[]
  try {
    names = readdirSync(parent)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const pid = /^(\d+)-/.exec(name.slice(prefix.length))
    if (!pid || isAlive(Number(pid[1]))) continue
    try {
      rmSync(join(parent, name), { recursive: true, force: true })
    } catch {
      // Another run is removing the same leftover at the same moment.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

import { rmSync } from "node:fs"
import { constants } from "node:os"

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const

/** Temporary folders being written, with the output each one will replace. */
const held = new Map<string, string>()

/**
 * Ctrl-C, SIGTERM or SIGHUP while output folders are being written: remove every temporary
 * folder, say that the outputs were left as they were, and exit with 128 + the signal number
 * (130, 143, 129), as a shell reports a process the signal ended.
 */
function onSignal(signal: NodeJS.Signals): void {
  const outputs = [...new Set(held.values())]
  for (const tmp of held.keys()) rmSync(tmp, { recursive: true, force: true })
  held.clear()
  try {
    process.stderr.write(`\ninterrupted (${signal}): ${outputs.join(", ")} left as it was\n`)
  } catch {
    // stderr is gone; the exit status still tells.
  }
  process.exit(128 + constants.signals[signal])
}

/**
 * Holds `tmp` (a temporary folder that will replace `output`) for removal on an interrupt, until
 * the returned function is called. The signal handlers are installed while anything is held.
 * @example const release = holdForInterrupt(tmp, "reports/run"); try { … } finally { release() }
 */
export function holdForInterrupt(tmp: string, output: string): () => void {
  if (held.size === 0) for (const s of SIGNALS) process.on(s, onSignal)
  held.set(tmp, output)
  return () => {
    if (!held.delete(tmp) || held.size > 0) return
    for (const s of SIGNALS) process.removeListener(s, onSignal)
  }
}

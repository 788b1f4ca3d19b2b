import { rmSync } from "node:fs"
import { constants } from "node:os"

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const

/** A write in progress: the output it will replace and, once made, its temporary folder. */
export interface HeldWrite {
  output: string
  tmp?: string
}

const held = new Set<HeldWrite>()

/**
 * Ctrl-C, SIGTERM or SIGHUP while output folders are being written: remove every temporary
 * folder, say that the outputs were left as they were, and exit with 128 + the signal number
 * (130, 143, 129), as a shell reports a process the signal ended.
 */
function onSignal(signal: NodeJS.Signals): void {
  const outputs = [...new Set([...held].map((h) => h.output))]
  for (const { tmp } of held) if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true })
  held.clear()
  try {
    process.stderr.write(`\ninterrupted (${signal}): ${outputs.join(", ")} left as it was\n`)
  } catch {
    // stderr is gone; the exit status still tells.
  }
  process.exit(128 + constants.signals[signal])
}

/**
 * Holds a write of `output` for clean-up on an interrupt until `release` is called; set `tmp` on
 * the returned object once the temporary folder exists. The signal handlers are installed first,
 * so no signal can come between the folder's creation and its registration.
 * @example const w = holdForInterrupt("reports/run"); w.tmp = mkdtempSync(…); try { … } finally { w.release() }
 */
export function holdForInterrupt(output: string): HeldWrite & { release: () => void } {
  if (held.size === 0) for (const s of SIGNALS) process.on(s, onSignal)
  const write: HeldWrite = { output }
  held.add(write)
  const release = (): void => {
    if (!held.delete(write) || held.size > 0) return
    for (const s of SIGNALS) process.removeListener(s, onSignal)
  }
  return Object.assign(write, { release })
}

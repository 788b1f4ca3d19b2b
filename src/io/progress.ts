/** Reports the progress of long work. `update` is cheap to call often; it redraws at most every 100 ms. */
export interface Progress {
  update(done: number, detail?: string): void
  finish(detail?: string): void
}

/**
 * A progress bar on stderr when it is a terminal; otherwise a line every 10% (for logs and CI),
 * and nothing when `quiet`.
 * @example const p = terminalProgress("simulate", runs); p.update(r + 1); p.finish()
 */
export function terminalProgress(
  label: string,
  total: number,
  options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr
  const tty = Boolean(stream.isTTY)
  const start = Date.now()
  let lastDraw = 0
  let lastDecile = -1
  const draw = (done: number, detail: string, force: boolean): void => {
    if (options.quiet) return
    const fraction = total > 0 ? Math.min(1, done / total) : 1
    const seconds = (Date.now() - start) / 1000
    if (tty) {
      const now = Date.now()
      if (!force && now - lastDraw < 100) return
      lastDraw = now
      const width = 30
      const filled = Math.round(width * fraction)
      const eta = fraction > 0 ? (seconds / fraction) * (1 - fraction) : 0
      stream.write(
        `\r${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} ${seconds.toFixed(1)}s eta ${eta.toFixed(1)}s ${detail}\x1b[K`,
      )
    } else {
      const decile = Math.floor(fraction * 10)
      if (decile === lastDecile && !force) return
      lastDecile = decile
      stream.write(`${label}: ${(fraction * 100).toFixed(0)}% (${done}/${total}) ${seconds.toFixed(1)}s ${detail}\n`)
    }
  }
  return {
    update: (done, detail = "") => draw(done, detail, false),
    finish: (detail = "") => {
      draw(total, detail, true)
      if (tty && !options.quiet) stream.write("\n")
    },
  }
}

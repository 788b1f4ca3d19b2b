/** Options of {@link simulate} and {@link simulateConfig}. */
export interface RunOptions {
  horizon: number
  runs: number
  seed: number
  /** Use the specialised loops of simulation/kernels where they apply (same numbers, same policy state); default true. */
  fastPaths?: boolean
  /** Called after each finished run with (runs done, total runs). */
  onProgress?: (done: number, total: number) => void
}

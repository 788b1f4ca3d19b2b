import type { PolicyAccumulator } from "./accumulator"
import { mergeAccumulator } from "./result"

/**
 * Adds chunk sums into the totals in chunk order, whatever order the threads return them in, so
 * the floating-point sums do not depend on who played which chunk. A chunk that arrives early
 * waits (memory: one set of accumulators per waiting chunk); once merged, its accumulators go to
 * `release` with the number of the thread that played it, for reuse.
 */
export class ChunkMerger {
  private readonly waiting = new Map<number, { accs: PolicyAccumulator[]; thread: number }>()
  private next = 0

  constructor(
    readonly totals: PolicyAccumulator[],
    private readonly chunks: number,
    private readonly release: (accs: PolicyAccumulator[], thread: number) => void,
  ) {}

  /** Takes the sums of chunk `chunk` played by thread `thread`; merges it and the waiting chunks after it when it is the next. */
  add(chunk: number, accs: PolicyAccumulator[], thread: number): void {
    this.waiting.set(chunk, { accs, thread })
    for (let w = this.waiting.get(this.next); w; w = this.waiting.get(this.next)) {
      this.waiting.delete(this.next++)
      w.accs.forEach((a, p) => mergeAccumulator(this.totals[p], a))
      this.release(w.accs, w.thread)
    }
  }

  /** Whether every chunk is merged. */
  get complete(): boolean {
    return this.next === this.chunks
  }
}

import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import type { DenseHeap, GemmSign } from "./dense-heap"

/** Integers per queued product: sign, m, n, k, a, aStride, b, bStride, c, ldc (offsets in doubles). */
const FIELDS = 10
/** Control words: [generation, then per worker: first task, task count, finished generation, failed]. */
const HEADER = 1
const PER_WORKER = 4

/**
 * The worker's loop, as source (run with `eval`, so it needs no file of its own): it instantiates the
 * kernel module on the shared memory, then sleeps on the generation word; each new generation it
 * runs its slice of the queued products and stores the generation as finished.
 */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads")
const { module, memory, control, tasks, index } = workerData
const { gemmAdd, gemmSub } = new WebAssembly.Instance(module, { env: { memory } }).exports
const ctl = new Int32Array(control)
const q = new Int32Array(tasks)
const at = ${HEADER} + index * ${PER_WORKER}
let seen = 0
for (;;) {
  Atomics.wait(ctl, 0, seen)
  seen = Atomics.load(ctl, 0)
  if (seen < 0) break
  try {
    const first = ctl[at], count = ctl[at + 1]
    for (let t = first; t < first + count; t++) {
      const o = t * ${FIELDS}
      ;(q[o] > 0 ? gemmAdd : gemmSub)(q[o + 1], q[o + 2], q[o + 3], q[o + 4] * 8, q[o + 5] * 8, q[o + 6] * 8, q[o + 7] * 8, q[o + 8] * 8, q[o + 9] * 8)
    }
  } catch (e) {
    Atomics.store(ctl, at + 3, 1)
  }
  Atomics.store(ctl, at + 2, seen)
  Atomics.notify(ctl, at + 2)
}
`

/** Worker threads that {@link GemmBatch} uses by default: one per core beyond this one, at most 3. */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1))
}

/**
 * Products queued and then run together, split between this thread and worker threads that share
 * the heap's WebAssembly memory. The products of one batch must write disjoint parts of C; each is
 * then computed whole by one thread with the arithmetic of {@link gemmModuleBytes}, so the numbers
 * are the same for any number of workers (none included), and so is the order of nothing that matters.
 * Tasks go to threads in queue order, cut where each thread's share of multiply-adds is about even.
 * @example
 * const batch = GemmBatch.create(heap, 1)
 * for (const r of blockRows) batch.add(-1, 64, r + 64, 64, a, 256, b, 256, c + r * ld, ld)
 * batch.run(); batch.close()
 */
export class GemmBatch {
  /** A batch over `heap` with `workers` threads (0, a heap without shared memory, or no WebAssembly: all here). */
  static create(heap: DenseHeap, workers: number): GemmBatch {
    const pool =
      workers > 0 && heap.sharedModule !== null && heap.memory !== null
        ? { module: heap.sharedModule, memory: heap.memory }
        : null
    return new GemmBatch(heap, pool === null ? 0 : workers, pool)
  }

  private readonly heap: DenseHeap
  private queue: Int32Array
  private size = 0
  private readonly workers: Worker[] = []
  private readonly control: Int32Array | null = null
  private tasks: SharedArrayBuffer | null = null
  private generation = 0

  private constructor(heap: DenseHeap, workers: number, pool: { module: object; memory: object } | null) {
    this.heap = heap
    this.queue = new Int32Array(FIELDS * 64)
    if (pool === null || workers === 0) return
    this.control = new Int32Array(new SharedArrayBuffer(4 * (HEADER + PER_WORKER * workers)))
    this.tasks = new SharedArrayBuffer(4 * FIELDS * 4096)
    this.queue = new Int32Array(this.tasks)
    for (let index = 0; index < workers; index++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { ...pool, control: this.control.buffer, tasks: this.tasks, index },
      })
      worker.unref()
      this.workers.push(worker)
    }
  }

  /** Threads that compute: this one plus the workers. */
  get threads(): number {
    return 1 + this.workers.length
  }

  /** Queues C ← C + sign·A·B (arguments as {@link DenseHeap.gemm}); empty products are dropped. */
  add(
    sign: GemmSign,
    m: number,
    n: number,
    k: number,
    a: number,
    aStride: number,
    b: number,
    bStride: number,
    c: number,
    ldc: number,
  ): void {
    if (m <= 0 || n <= 0 || k <= 0) return
    if ((this.size + 1) * FIELDS > this.queue.length) this.grow()
    this.queue.set([sign, m, n, k, a, aStride, b, bStride, c, ldc], this.size * FIELDS)
    this.size++
  }

  /** Runs every queued product and empties the queue. */
  run(): void {
    const q = this.queue
    const count = this.size
    this.size = 0
    if (this.workers.length === 0 || count === 1) {
      for (let t = 0; t < count; t++) this.runOne(t)
      return
    }
    const control = this.control as Int32Array
    const threads = this.threads
    let total = 0
    for (let t = 0; t < count; t++) total += q[t * FIELDS + 1] * q[t * FIELDS + 2] * q[t * FIELDS + 3]
    // Thread 0 (this one) takes the first share, worker w the share w + 1.
    const starts = [0]
    let done = 0
    for (let t = 0; t < count && starts.length < threads; t++) {
      done += q[t * FIELDS + 1] * q[t * FIELDS + 2] * q[t * FIELDS + 3]
      while (starts.length < threads && done >= (total * starts.length) / threads) starts.push(t + 1)
    }
    while (starts.length < threads) starts.push(count)
    starts.push(count)
    this.generation++
    for (let w = 0; w < this.workers.length; w++) {
      const at = HEADER + w * PER_WORKER
      control[at] = starts[w + 1]
      control[at + 1] = starts[w + 2] - starts[w + 1]
    }
    Atomics.store(control, 0, this.generation)
    Atomics.notify(control, 0)
    for (let t = starts[0]; t < starts[1]; t++) this.runOne(t)
    for (let w = 0; w < this.workers.length; w++) {
      const at = HEADER + w * PER_WORKER
      while (Atomics.load(control, at + 2) !== this.generation)
        Atomics.wait(control, at + 2, Atomics.load(control, at + 2), 1000)
      if (control[at + 3] !== 0) throw new Error("dense kernel: a worker thread failed in a product")
    }
  }

  /** Stops the workers (a batch without workers has nothing to stop). */
  close(): void {
    if (this.control === null) return
    Atomics.store(this.control, 0, -1)
    Atomics.notify(this.control, 0)
    for (const w of this.workers) void w.terminate()
    this.workers.length = 0
  }

  private runOne(t: number): void {
    const q = this.queue
    const o = t * FIELDS
    this.heap.gemm(
      q[o] > 0 ? 1 : -1,
      q[o + 1],
      q[o + 2],
      q[o + 3],
      q[o + 4],
      q[o + 5],
      q[o + 6],
      q[o + 7],
      q[o + 8],
      q[o + 9],
    )
  }

  private grow(): void {
    if (this.tasks !== null) {
      // The workers hold this buffer: run what is queued to make room.
      this.run()
      return
    }
    const bigger = new Int32Array(this.queue.length * 2)
    bigger.set(this.queue)
    this.queue = bigger
  }
}

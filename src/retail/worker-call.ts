import { existsSync } from "node:fs"
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads"

/**
 * The worker's code, as source (run with `eval`, so it needs no file of its own): it calls the
 * export of the compiled module, posts the value (or the error's message), then raises the flag.
 */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads")
const { script, exportName, args, done, port } = workerData
try {
  port.postMessage({ ok: true, value: require(script)[exportName](...args) })
} catch (e) {
  port.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) })
}
const flag = new Int32Array(done)
Atomics.store(flag, 0, 1)
Atomics.notify(flag, 0)
`

/**
 * One call of a compiled module's export, made in a worker thread while this thread goes on;
 * `collect()` blocks until it has returned (the arguments and the value are copied by structured clone).
 * @example
 * const call = WorkerCall.start<number[]>(compiledScript(__dirname, "retail", "benchmark"), "f", [1])
 * // … other work here …
 * const value = call?.collect()
 */
export class WorkerCall<T> {
  /** Starts the call, or returns null where no worker thread can be made. */
  static start<T>(script: string, exportName: string, args: unknown[]): WorkerCall<T> | null {
    const done = new SharedArrayBuffer(4)
    const { port1, port2 } = new MessageChannel()
    let worker: Worker
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { script, exportName, args, done, port: port2 },
        transferList: [port2],
      })
    } catch {
      port1.close()
      return null
    }
    worker.unref()
    return new WorkerCall<T>(worker, port1, new Int32Array(done))
  }

  /** The error message of a call that threw (after `collect()` returned null). */
  error: string | null = null

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly flag: Int32Array,
  ) {}

  /** The call's value, waiting for it; null when it threw (see `error`). */
  collect(): T | null {
    while (Atomics.load(this.flag, 0) === 0) Atomics.wait(this.flag, 0, 0)
    let message = receiveMessageOnPort(this.port)
    // The message is queued before the flag is raised; the loop only guards against a late delivery.
    for (let tries = 0; message === undefined && tries < 1000; tries++) {
      Atomics.wait(this.flag, 0, 1, 1)
      message = receiveMessageOnPort(this.port)
    }
    this.port.close()
    void this.worker.terminate()
    const reply = message?.message as { ok: true; value: T } | { ok: false; error: string } | undefined
    if (reply?.ok) return reply.value
    this.error = reply ? reply.error : "the worker thread sent no reply"
    return null
  }
}

/**
 * The compiled JavaScript of module `file` of `folder` (`dist/<folder>/<file>.js`): beside the caller
 * when it runs compiled (`dir` is its `__dirname`), else in the package's `dist`; null when neither exists.
 */
export function compiledScript(dir: string, folder: string, file: string): string | null {
  const here = `${dir}/${file}.js`
  if (existsSync(here)) return here
  const built = `${dir}/../../dist/${folder}/${file}.js`
  return existsSync(built) ? built : null
}

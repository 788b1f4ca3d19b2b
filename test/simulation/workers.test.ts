import { Worker } from "node:worker_threads"
import { describe, expect, it } from "vitest"
import { validate } from "../../src/config/load-config"
import { simulateConfig, simulationConfigSchema, type ChunkReport, type SimulationResult } from "../../src/simulation"
import { runChunks } from "../../src/simulation/chunks"
import { workerScript } from "../../src/simulation/runner"
import type { WorkerInput, WorkerMessage } from "../../src/simulation/worker-protocol"

/** Needs the compiled worker: `npm run build` first (the test script does it). */
describe("simulateConfig over the main thread and worker threads", () => {
  const base = {
    // Gaussian rewards: sums added in another order differ in the last bits.
    environment: { type: "gaussian-testbed", arms: 5 },
    policies: [{ type: "epsilon-greedy", epsilon: 0.1 }, { type: "gaussian-thompson" }, { type: "ucb1" }],
    horizon: 1500,
    runs: 70, // chunks of 2 runs
    seed: 11,
  }
  const run = (workers: number, extra: object = {}) =>
    validate(simulationConfigSchema, { ...base, ...extra, workers }, "test")
  const numbers = (r: SimulationResult) =>
    r.policies.map((p) => [Array.from(p.meanReward), Array.from(p.regretUpper), Array.from(p.optimalRate), p.finals])

  // This thread could play every chunk before a worker starts (≈0.1 s, more under load): held 0.5 s
  // after its first run, it lets the workers take chunks. (Merging in chunk order: chunk-merger.test.ts.)
  const hold = (done: number): void => {
    const end = Date.now() + (done === 1 ? 500 : 0)
    while (Date.now() < end);
  }

  it("gives the numbers of one thread with 2 and 5 workers, and with one run (no worker needed)", async () => {
    const one = numbers(await simulateConfig(run(1)))
    expect(numbers(await simulateConfig(run(2), hold))).toEqual(one)
    expect(numbers(await simulateConfig(run(5), hold))).toEqual(one)
    const single = numbers(await simulateConfig(run(1, { runs: 1 })))
    expect(numbers(await simulateConfig(run(2, { runs: 1 })))).toEqual(single)
  })

  it("reports progress once per run, in order, and every chunk once", async () => {
    const done: number[] = []
    const reports: ChunkReport[] = []
    await simulateConfig(
      run(3),
      (d, total) => {
        expect(total).toBe(70)
        done.push(d)
        hold(d)
      },
      (r) => reports.push(r),
    )
    expect(done).toEqual(Array.from({ length: 70 }, (_, i) => i + 1))
    const chunks = runChunks(70)
    expect(reports.map((r) => r.chunk).sort((a, b) => a - b)).toEqual(chunks.map((_, i) => i))
    for (const r of reports) {
      expect(r.runs).toBe(chunks[r.chunk][1] - chunks[r.chunk][0])
      expect([0, 1, 2]).toContain(r.worker)
      expect(r.ms).toBeGreaterThanOrEqual(0)
    }
  })

  // Arm means walking by N(0, (1e307)²) steps overflow to ±Infinity; with seed 5 runs 0–2 are finite, run 3 is not.
  const overflow = {
    environment: { type: "random-walk", arms: 1, walkSd: 1e307 },
    policies: [{ type: "greedy" }],
    horizon: 200,
    runs: 8,
    seed: 5,
  }

  it("a worker's non-finite reward is posted as an error naming run, step and arm", async () => {
    const config = validate(simulationConfigSchema, { ...overflow, workers: 2 }, "test")
    const next = new Int32Array(new SharedArrayBuffer(4))
    next[0] = 3 // the worker starts at chunk 3 = run 3
    const w = new Worker(workerScript(), { workerData: { config, next } satisfies WorkerInput })
    try {
      const message = await new Promise<WorkerMessage>((resolve, reject) => {
        w.on("error", reject)
        w.on("message", (m: WorkerMessage) => m.type === "error" && resolve(m))
      })
      expect(message).toEqual({
        type: "error",
        message: "environment random-walk returned a non-finite reward (-Infinity) at run 3, step 90, arm 0",
      })
    } finally {
      await w.terminate()
    }
  })

  it("rejects with the message naming run, step and arm, whichever thread met the non-finite reward", async () => {
    const config = validate(simulationConfigSchema, { ...overflow, workers: 2 }, "test")
    // Held after run 0, this thread lets the worker take the next chunks (run 3 among them).
    await expect(simulateConfig(config, hold)).rejects.toThrow(
      /environment random-walk returned a non-finite reward \(-?Infinity\) at run \d, step \d+, arm 0/,
    )
    await expect(simulateConfig({ ...config, workers: 1 })).rejects.toThrow(
      /non-finite reward \(-Infinity\) at run 3, step 90, arm 0/,
    )
  })
})

import * as tf from "@tensorflow/tfjs"
import { describe, expect, it } from "vitest"
import { activeBackendName, selectBackend } from "../../src/neural/backend"

describe("selectBackend", () => {
  it("picks wasm here (tfjs-node resolves to plain tfjs, so no 'tensorflow' backend) and reports it", async () => {
    const lines: string[] = []
    const name = await selectBackend({ log: (l) => lines.push(l) })
    expect(tf.findBackendFactory("tensorflow")).toBeFalsy()
    expect(name).toBe("wasm")
    expect(tf.getBackend()).toBe("wasm")
    expect(activeBackendName()).toBe("wasm")
    expect(lines).toEqual(["[interest-lab] TensorFlow.js backend: wasm"])
  })

  it("honours an explicit preference and rejects unknown names and unavailable backends", async () => {
    expect(await selectBackend({ prefer: "cpu", log: () => undefined })).toBe("cpu")
    await expect(selectBackend({ prefer: "gpu" as "cpu" })).rejects.toThrow(
      /prefer must be one of auto, tensorflow, wasm, cpu; got gpu/,
    )
    await expect(selectBackend({ prefer: "tensorflow", log: () => undefined })).rejects.toThrow(
      /tensorflow backend could not be started/,
    )
    expect(tf.getBackend()).toBe("cpu")
  })
})

import { optionalPackageInstalled, requireOptional } from "../config/optional-package"
import { loadTf } from "./tf"
import * as path from "node:path"
import { registerWasmTrainingKernels } from "./wasm-kernels"

/** The TensorFlow.js backends the lab can run on, fastest first. */
export const BACKENDS = ["tensorflow", "wasm", "cpu"] as const
/** `tensorflow` is the native `@tensorflow/tfjs-node` backend, `wasm` WebAssembly (SIMD), `cpu` plain JavaScript. */
export type BackendName = (typeof BACKENDS)[number]

/** Options of {@link selectBackend}. */
export interface BackendOptions {
  /** Which backend to use; `auto` (default) takes the fastest that works: tensorflow → wasm → cpu. */
  prefer?: "auto" | BackendName
  /** Where the chosen backend is reported; default `console.log`. */
  log?: (line: string) => void
}

let wasmPathSet = false

function tryNative(): boolean {
  const tf = loadTf()
  try {
    // tfjs-node registers its "tensorflow" backend on load. The package may also resolve to plain tfjs
    // (an npm alias, as danfojs-node's override installs), so the module resolving proves nothing:
    // only a backend named "tensorflow" does.
    require("@tensorflow/tfjs-node")
  } catch {
    return false
  }
  return tf.findBackendFactory("tensorflow") != null
}

async function activate(name: BackendName, chosen: boolean): Promise<boolean> {
  const tf = loadTf()
  if (name === "tensorflow" && !tryNative()) return false
  // The wasm backend is an optional peer: `auto` moves on to cpu without it; asking for it by name says what to install.
  if (name === "wasm" && !chosen && !optionalPackageInstalled("@tensorflow/tfjs-backend-wasm")) return false
  if (name === "wasm" && !wasmPathSet) {
    // In Node the wasm binaries must be located explicitly: they sit in the package's dist folder.
    // Required here, not at the top: the package registers its backend with TensorFlow.js on load.
    const { setWasmPaths } = requireOptional<typeof import("@tensorflow/tfjs-backend-wasm")>(
      "@tensorflow/tfjs-backend-wasm",
      "The wasm backend",
    )
    const dist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"))
    setWasmPaths(dist + path.sep)
    wasmPathSet = true
  }
  let ok = false
  try {
    ok = await tf.setBackend(name)
  } catch {
    ok = false
  }
  if (ok && name === "wasm") registerWasmTrainingKernels()
  return ok && tf.getBackend() === name
}

/**
 * Makes the fastest available TensorFlow.js backend the active one and returns its name:
 * the native `tensorflow` backend when `@tensorflow/tfjs-node` is installed (detected by the
 * active backend's name, not by whether the module resolves), else `wasm` (with the kernels
 * that training embeddings needs registered, see {@link registerWasmTrainingKernels}), else `cpu`.
 * With `prefer` naming a backend that cannot start, it throws instead of silently falling back.
 *
 * @throws Error when `prefer` is not one of auto, tensorflow, wasm, cpu, or the preferred backend fails
 * @example
 * const backend = await selectBackend()   // "wasm" here; "tensorflow" where tfjs-node is installed
 */
export async function selectBackend(options: BackendOptions = {}): Promise<BackendName> {
  const prefer = options.prefer ?? "auto"
  const log = options.log ?? ((line: string) => console.log(line))
  if (prefer !== "auto" && !(BACKENDS as readonly string[]).includes(prefer)) {
    throw new Error(`selectBackend: prefer must be one of auto, ${BACKENDS.join(", ")}; got ${String(prefer)}`)
  }
  const candidates: readonly BackendName[] = prefer === "auto" ? BACKENDS : [prefer]
  for (const name of candidates) {
    if (await activate(name, prefer !== "auto")) {
      log(`[interest-lab] TensorFlow.js backend: ${name}`)
      return name
    }
  }
  throw new Error(`selectBackend: the ${prefer} backend could not be started`)
}

/**
 * The active backend, choosing one with {@link selectBackend} on first use. Training functions
 * call this so that a model never runs on a backend nobody chose (tfjs would otherwise pick
 * `cpu` in Node, without the wasm kernels).
 * @example const backend = await ensureBackend()
 */
export async function ensureBackend(log?: (line: string) => void): Promise<BackendName> {
  const current = activeBackendName()
  if (current !== undefined) return current
  return selectBackend({ log })
}

/** The active backend's name if one has been started (by the lab or the user) and is one the lab knows, else undefined. */
export function activeBackendName(): BackendName | undefined {
  const tf = loadTf()
  // tf.getBackend() would start tfjs's default backend as a side effect; the engine's field does not.
  const name = tf.engine().backendName as string | null
  if (name == null || !(BACKENDS as readonly string[]).includes(name)) return undefined
  if (name === "wasm") registerWasmTrainingKernels()
  return name as BackendName
}

import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import type { SavedState } from "./state-format"

/**
 * Writes a saved state to `<path>.json` and `<path>.bin`, each to a temporary file then renamed, so an
 * interrupted save leaves nothing half-written. Refuses to overwrite unless `overwrite` is true;
 * `who` names the caller in messages.
 * @internal
 */
export function writeStateFiles(saved: () => SavedState, path: string, overwrite: boolean, who: string): void {
  const json = `${path}.json`
  const bin = `${path}.bin`
  if (!overwrite) {
    for (const p of [json, bin])
      if (existsSync(p)) throw new Error(`${who}: ${p} already exists; pass { overwrite: true } to replace it`)
  }
  const state = saved()
  const suffix = `.tmp-${process.pid}`
  try {
    writeFileSync(bin + suffix, state.binary)
    writeFileSync(json + suffix, state.json)
    renameSync(bin + suffix, bin)
    renameSync(json + suffix, json)
  } finally {
    for (const p of [bin + suffix, json + suffix]) rmSync(p, { force: true })
  }
}

/**
 * Reads `<path>.json` and `<path>.bin` written by {@link writeStateFiles}.
 * @throws naming the missing file
 * @internal
 */
export function readStateFiles(path: string, who: string): SavedState {
  const json = `${path}.json`
  const bin = `${path}.bin`
  for (const p of [json, bin]) if (!existsSync(p)) throw new Error(`${who}: ${p} does not exist`)
  return { json: readFileSync(json, "utf8"), binary: new Uint8Array(readFileSync(bin)) }
}

/**
 * An error met while decoding `<path>.json` and `<path>.bin`, as one line naming the caller and the file.
 * @internal
 */
export function loadError(error: unknown, path: string, who: string): Error {
  return new Error(`${who}: ${path}.json: ${error instanceof Error ? error.message : String(error)}`)
}

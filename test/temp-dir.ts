import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"

// Imported by a test file, this module is evaluated once per file (vitest isolates files), so
// the hook below removes every folder that file made when its tests are done.
const made: string[] = []
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/**
 * A new folder in the OS temporary folder, removed after the test file's last test.
 * @example const dir = tempDir("il-csv-")
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

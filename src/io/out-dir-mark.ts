import { closeSync, lstatSync, openSync, readSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/**
 * The file interest-lab writes into every output folder; a later run may replace only a folder that holds it.
 * @internal
 */
export const OUT_DIR_MARK = ".interest-lab-output"

const MARK_TEXT = "This folder was written by interest-lab. A later run with --out naming it replaces it whole.\n"

/**
 * Marks `dir` as written by interest-lab (the same bytes every time, so outputs stay reproducible).
 * @example markOutputDir(tmp); hasOutputDirMark(tmp) // true
 * @internal
 */
export function markOutputDir(dir: string): void {
  writeFileSync(join(dir, OUT_DIR_MARK), MARK_TEXT)
}

/**
 * Whether `dir` holds interest-lab's mark: a regular file that starts with the mark's text.
 * @internal
 */
export function hasOutputDirMark(dir: string): boolean {
  const mark = join(dir, OUT_DIR_MARK)
  try {
    if (!lstatSync(mark).isFile()) return false
  } catch {
    return false
  }
  const head = Buffer.alloc(MARK_TEXT.length)
  let fd: number
  try {
    fd = openSync(mark, "r")
  } catch {
    return false // moved away by another run since the lstat
  }
  try {
    return head.toString("utf8", 0, readSync(fd, head, 0, head.length, 0)) === MARK_TEXT
  } finally {
    closeSync(fd)
  }
}

import { accessSync, constants, lstatSync, realpathSync, statSync, type Stats } from "node:fs"
import { homedir } from "node:os"
import { basename, dirname, join, resolve, sep } from "node:path"
import { UserError } from "../config/user-error"
import { hasOutputDirMark, OUT_DIR_MARK } from "./out-dir-mark"

/** Options of {@link checkOutputDir}. */
export interface OutputDirCheckOptions {
  /** The run's inputs (config file, data files or folders): the output may not be, contain or lie inside any of them. */
  inputs?: readonly string[]
  /** The flag that named the folder, for messages (default "--out"). */
  flag?: string
}

/**
 * Checks, before any work, that `outDir` may be written: a path that does not exist yet (whose
 * nearest existing parent is a writable folder), or a folder interest-lab wrote earlier (it holds
 * the {@link OUT_DIR_MARK} file). Refuses the empty path, the filesystem root, the current folder,
 * the home folder or any of their parents, an existing file, a symbolic link, a folder without the
 * mark, and any path that is, contains or lies inside one of the run's inputs.
 * Returns the absolute path.
 * @throws UserError with one line naming the flag, the path and the reason
 * @example checkOutputDir("reports/run", { inputs: ["experiments/ecommerce-default.yaml"] }) // "/…/reports/run"
 */
export function checkOutputDir(outDir: string, options: OutputDirCheckOptions = {}): string {
  const flag = options.flag ?? "--out"
  const refuse = (reason: string): never => {
    throw new UserError(`${flag}: '${outDir}' ${reason}`)
  }
  if (outDir.trim() === "")
    throw new UserError(`${flag}: the path is empty; name a new folder, e.g. ${flag} reports/run`)
  const target = resolve(outDir)
  const real = realPath(target)
  if (dirname(real) === real) refuse("is the filesystem root; name a new folder")
  if (contains(real, realPath(process.cwd()))) refuse("is the current folder or one of its parents; name a new folder")
  if (contains(real, realPath(homedir()))) refuse("is the home folder or one of its parents; name a new folder")
  for (const input of options.inputs ?? []) {
    if (input === "") continue
    const inputReal = realPath(resolve(input))
    if (inputReal === real) refuse(`is an input of this run (${input}); name a new folder`)
    if (contains(real, inputReal)) refuse(`contains an input of this run (${input}); name a new folder`)
    if (contains(inputReal, real)) refuse(`lies inside an input of this run (${input}); name a new folder`)
  }
  const stats = lstatOrNull(target)
  if (stats?.isSymbolicLink()) {
    refuse(
      statOrNull(target)
        ? "is a symbolic link; name the folder itself"
        : "is a symbolic link to a missing path; name a new folder",
    )
  }
  if (stats && !stats.isDirectory())
    refuse("is an existing file; interest-lab writes only into a new folder or one it wrote itself")
  if (stats && isForeignFolder(target)) {
    refuse(`is an existing folder that interest-lab did not write (it has no ${OUT_DIR_MARK} file); name a new folder`)
  }
  checkWritableParent(dirname(target), refuse)
  return target
}

/**
 * Whether the folder at `path` lacks the mark. Another run may be swapping its folder in at this
 * moment (the path is then briefly absent, never unmarked), so an unmarked folder must be seen
 * three times in a row.
 */
function isForeignFolder(path: string): boolean {
  for (let seen = 0; seen < 3; seen++) {
    if (lstatOrNull(path) === null || hasOutputDirMark(path)) return false
  }
  return true
}

/** The nearest existing ancestor of `dir` must be a folder this process may create entries in. */
function checkWritableParent(dir: string, refuse: (reason: string) => never): void {
  let ancestor = dir
  for (;;) {
    const stats = lstatOrNull(ancestor)
    if (stats?.isSymbolicLink() && !statOrNull(ancestor))
      refuse(`cannot be created: ${ancestor} is a symbolic link to a missing path`)
    if (stats) break
    ancestor = dirname(ancestor)
  }
  if (!(statOrNull(ancestor)?.isDirectory() ?? false)) refuse(`cannot be created: ${ancestor} is a file, not a folder`)
  try {
    accessSync(ancestor, constants.W_OK | constants.X_OK)
  } catch (error) {
    refuse(`cannot be created: ${ancestor} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
}

/** `path` with every symbolic link of its existing part resolved (the missing rest appended as is). */
function realPath(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    const parent = dirname(path)
    return parent === path ? path : join(realPath(parent), basename(path))
  }
}

/** Whether `inner` is `outer` or lies inside it (both absolute and resolved). */
function contains(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep)
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path)
  } catch {
    return null
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path)
  } catch {
    return null
  }
}

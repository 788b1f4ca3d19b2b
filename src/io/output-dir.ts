import { mkdirSync, renameSync, rmSync } from "node:fs"
import { dirname } from "node:path"
import { UserError } from "../config/user-error"
import { holdForInterrupt } from "./interrupt-cleanup"
import { checkOutputDir, type OutputDirCheckOptions } from "./out-dir-check"
import { hasOutputDirMark, markOutputDir } from "./out-dir-mark"
import { makeTempSibling, removeStaleTemps } from "./out-dir-temps"

/** Lets pending signals (Ctrl-C) reach their handler: a synchronous `write` gives them no chance. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Writes a whole output folder atomically: `write` fills a temporary sibling folder, which is
 * marked as interest-lab's and renamed into place only when `write` succeeds. Refuses, before
 * writing, what {@link checkOutputDir} refuses. A failure or an interrupt (Ctrl-C, SIGTERM)
 * removes the temporary folder and leaves any previous `outDir` untouched; leftovers of killed
 * runs are removed. Runs writing the same `outDir` at the same moment all succeed; the last
 * to finish wins.
 * @example await writeOutputDir("reports/run", async (dir) => writeFileSync(join(dir, "summary.json"), json))
 */
export async function writeOutputDir(
  outDir: string,
  write: (tmpDir: string) => Promise<void> | void,
  options: OutputDirCheckOptions = {},
): Promise<string> {
  const target = checkOutputDir(outDir, options)
  removeStaleTemps(target)
  mkdirSync(dirname(target), { recursive: true })
  const held = holdForInterrupt(outDir)
  try {
    const tmp = (held.tmp = makeTempSibling(target))
    await write(tmp)
    markOutputDir(tmp)
    await breathe()
    replace(tmp, target, outDir)
    return target
  } catch (error) {
    if (held.tmp !== undefined) rmSync(held.tmp, { recursive: true, force: true })
    throw error
  } finally {
    held.release()
  }
}

/** Returns a folder moved aside by mistake; if its place was taken meanwhile, it stays where it is, whole. */
function putBack(aside: string, target: string): void {
  try {
    renameSync(aside, target)
  } catch {
    throw new UserError(
      `--out: '${target}' was replaced by another program while this run was working; its folder is kept at ${aside}`,
    )
  }
}

/**
 * Renames `tmp` to `target`, first moving aside (then removing) the folder in the way. Another
 * run may put its own folder there between the two renames; then that one is moved aside too.
 */
function replace(tmp: string, target: string, outDir: string): void {
  const moved: string[] = []
  try {
    for (;;) {
      try {
        renameSync(tmp, target)
        return
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error
      }
      const aside = `${tmp}.old${moved.length}`
      try {
        renameSync(target, aside)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue
        throw error
      }
      if (!hasOutputDirMark(aside)) {
        putBack(aside, target)
        throw new UserError(
          `--out: '${outDir}' became a folder that interest-lab did not write while this run was working; nothing replaced`,
        )
      }
      moved.push(aside)
    }
  } finally {
    for (const dir of moved) rmSync(dir, { recursive: true, force: true })
  }
}

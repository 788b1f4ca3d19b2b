import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs"
import { basename, dirname, join, resolve } from "node:path"

/**
 * Writes a whole output folder atomically: `write` fills a temporary sibling folder, which is
 * renamed into place only when `write` succeeds. A failure or an interrupt (Ctrl-C) removes the
 * temporary folder and leaves any previous `outDir` untouched.
 * @example await writeOutputDir("reports/run", async (dir) => writeFileSync(join(dir, "summary.json"), json))
 */
export async function writeOutputDir(outDir: string, write: (tmpDir: string) => Promise<void> | void): Promise<string> {
  const target = resolve(outDir)
  const parent = dirname(target)
  mkdirSync(parent, { recursive: true })
  const tmp = mkdtempSync(join(parent, `.${basename(target)}.tmp-`))
  chmodSync(tmp, 0o755) // mkdtemp makes it private; the result is an ordinary folder
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(tmp, { recursive: true, force: true })
    process.stderr.write(`\ninterrupted (${signal}): ${outDir} left as it was\n`)
    process.exit(130)
  }
  process.once("SIGINT", onSignal)
  process.once("SIGTERM", onSignal)
  try {
    await write(tmp)
    if (existsSync(target)) {
      const old = `${tmp}.old`
      renameSync(target, old)
      renameSync(tmp, target)
      rmSync(old, { recursive: true, force: true })
    } else {
      renameSync(tmp, target)
    }
    return target
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true })
    throw error
  } finally {
    process.removeListener("SIGINT", onSignal)
    process.removeListener("SIGTERM", onSignal)
  }
}

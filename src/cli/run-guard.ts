import { statSync } from "node:fs"
import { UserError } from "../config/user-error"
import { ONLINE_RETAIL_PATH } from "../data/online-retail"
import { checkOutputDir } from "../io/out-dir-check"

/** An input of a run: the flag that named it and its path. */
export interface RunInput {
  flag: string
  path: string
}

/**
 * What every command does first, before any computation: a closed stderr or stdout (`… | head`)
 * no longer stops the work; each existing input is a regular file or a folder (not a device such
 * as /dev/zero, a FIFO or a socket, which may never end); `--out` is a path the run may write
 * (see `checkOutputDir`: not an input, not the current folder, …). Returns the input paths, for
 * `writeOutputDir`'s own check when the folder is written.
 * @throws UserError with one line naming the flag
 * @example const inputs = guardRun(flags.out, [{ flag: "--config", path: flags.config }])
 */
export function guardRun(out: string, inputs: readonly RunInput[]): string[] {
  ignoreClosedPipes()
  for (const { flag, path } of inputs) {
    let stats: ReturnType<typeof statSync>
    try {
      stats = statSync(path)
    } catch {
      continue // the command says what is missing, in its own words
    }
    if (!stats.isFile() && !stats.isDirectory())
      throw new UserError(`${flag}: '${path}' is not a regular file or folder`)
  }
  const paths = inputs.map((i) => i.path)
  checkOutputDir(out, { inputs: paths })
  return paths
}

/** The input named by a `--data` flag: the shipped Online Retail copy for 'online-retail', else the path. */
export function retailDataInput(data: string): RunInput {
  return { flag: "--data", path: data === "online-retail" ? ONLINE_RETAIL_PATH : data }
}

/** Progress and messages go to stderr; when its reader is gone (EPIPE), they are dropped and the run goes on. */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!stream.listeners("error").includes(dropStreamError)) stream.on("error", dropStreamError)
  }
}

function dropStreamError(): void {}

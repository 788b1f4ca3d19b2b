import { readFileSync, statSync } from "node:fs"
import { UserError } from "./user-error"

/** The largest config file read (1 MiB): configs are a few hundred bytes; anything larger is a wrong path. */
export const MAX_CONFIG_BYTES = 1 << 20

/**
 * The text of a config file, refused unless it is a regular file of at most {@link MAX_CONFIG_BYTES}
 * (a device such as /dev/zero would be read without end).
 * @throws UserError naming the path and the reason
 * @example readConfigFile("experiments/ecommerce-default.yaml")
 */
export function readConfigFile(path: string): string {
  let size: number
  try {
    const stats = statSync(path)
    if (!stats.isFile()) throw new UserError(`${path}: not a regular file; a config is a JSON or YAML file`)
    size = stats.size
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(
      `${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    )
  }
  if (size > MAX_CONFIG_BYTES)
    throw new UserError(`${path}: the config file has ${size} bytes; the limit is ${MAX_CONFIG_BYTES} (1 MiB)`)
  try {
    return readFileSync(path, "utf8")
  } catch (error) {
    throw new UserError(
      `${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    )
  }
}

import { UserError } from "./user-error"

/**
 * The message when an optional peer dependency is missing: what needs it and the one command that
 * installs it (the CLI prints it after "interest-lab: ", as every user error).
 * @example optionalPackageMessage("toDataFrame", "danfojs-node") // "toDataFrame needs the optional package danfojs-node: npm i danfojs-node"
 * @internal
 */
export function optionalPackageMessage(feature: string, pkg: string): string {
  return `${feature} needs the optional package ${pkg}: npm i ${pkg}`
}

function isMissing(error: unknown, pkg: string): boolean {
  const e = error as { code?: unknown; message?: unknown }
  return (
    e !== null &&
    typeof e === "object" &&
    e.code === "MODULE_NOT_FOUND" &&
    typeof e.message === "string" &&
    e.message.includes(`'${pkg}'`)
  )
}

/**
 * Requires an optional peer dependency (TensorFlow.js, danfojs-node, tslab, DuckDB, ClickHouse) on
 * first use. They are peers so that a bandit simulation installs none of them; when the one a
 * feature needs is absent, the error says which package and how to install it, instead of
 * Node's "Cannot find module" with a require stack. Any other load error is rethrown unchanged.
 *
 * @throws UserError when `pkg` is not installed
 * @example const tf = requireOptional<typeof import("@tensorflow/tfjs")>("@tensorflow/tfjs", "a neural model")
 * @internal
 */
export function requireOptional<T>(pkg: string, feature: string): T {
  try {
    return require(pkg) as T
  } catch (error) {
    if (isMissing(error, pkg)) throw new UserError(optionalPackageMessage(feature, pkg))
    throw error
  }
}

/**
 * Whether an optional peer dependency resolves from the lab's own folder (without loading it).
 * @internal
 */
export function optionalPackageInstalled(pkg: string): boolean {
  try {
    require.resolve(pkg)
    return true
  } catch {
    return false
  }
}

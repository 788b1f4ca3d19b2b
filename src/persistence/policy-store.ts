import type { Policy } from "../bandits/policy"
import type { SavablePolicyClass } from "../bandits/policy-descriptor"
import { POLICY_DESCRIPTORS } from "../bandits/registry"
import { loadError, readStateFiles, writeStateFiles } from "./state-files"
import { decodeState, encodeState, restoreInto, type SavedState } from "./state-format"

/** The policies `savePolicy` / `loadPolicy` know, by class name: the registry's savable classes. */
export const SAVABLE_POLICIES: Readonly<Record<string, SavablePolicyClass>> = Object.fromEntries(
  POLICY_DESCRIPTORS.flatMap((d) => (d.savable ? [[d.savable.name, d.savable] as const] : [])).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  ),
)

/**
 * A trained policy's state as stable JSON plus binary (see `encodeState`): its class, validated
 * configuration and learned statistics. Restored with {@link policyFromState}, it gives the same
 * probabilities and, with the same generator, the same choices as the original.
 * @throws for a policy class outside {@link SAVABLE_POLICIES}
 * @example const saved = policyState(trainedUcb); const again = policyFromState(saved)
 */
export function policyState(policy: Policy<never> | Policy<unknown>): SavedState {
  const type = policy.constructor.name
  if (!(type in SAVABLE_POLICIES))
    throw new Error(
      `policyState: ${type} cannot be saved; savable policies: ${Object.keys(SAVABLE_POLICIES).join(", ")}`,
    )
  return encodeState(type, policy)
}

/**
 * Rebuilds a policy from {@link policyState}: constructs its class from the saved configuration and
 * name, then restores the learned statistics into it.
 * @throws on an unknown class, another format or version, or a state that does not fit the configuration
 */
export function policyFromState<C = unknown>(saved: SavedState): Policy<C> {
  const { type, fields } = decodeState(saved)
  const Class = SAVABLE_POLICIES[type]
  if (!Class)
    throw new Error(
      `policyFromState: unknown policy class ${type}; savable policies: ${Object.keys(SAVABLE_POLICIES).join(", ")}`,
    )
  const config = (fields.config ?? {}) as Record<string, unknown>
  const options: Record<string, unknown> = { name: fields.name }
  // a null in a configuration means "not set" (e.g. Softmax's sample-average stepSize)
  for (const [key, value] of Object.entries(config)) if (value !== null) options[key] = value
  // A per-user policy warm-started on a history with more users grew its tables: build it that large
  // (its configured `users` is restored with the rest of the state).
  if (typeof fields.nUsers === "number" && typeof options.users === "number" && fields.nUsers > options.users)
    options.users = fields.nUsers
  const policy = new Class(options as never) as unknown as Policy<C>
  restoreInto(policy, fields, type)
  policy.restored?.()
  return policy
}

/**
 * Saves a policy to `<path>.json` and `<path>.bin`, each written to a temporary file and renamed, so
 * an interrupted save leaves nothing half-written. Refuses to overwrite unless `overwrite` is true.
 * @example savePolicy(policy, "models/ucb-week-1")
 */
export function savePolicy(
  policy: Policy<never> | Policy<unknown>,
  path: string,
  options: { overwrite?: boolean } = {},
): void {
  writeStateFiles(() => policyState(policy), path, options.overwrite === true, "savePolicy")
}

/**
 * Loads a policy saved by {@link savePolicy}.
 * @throws naming the missing file, or the file and what is wrong in it (as {@link policyFromState})
 */
export function loadPolicy<C = unknown>(path: string): Policy<C> {
  const saved = readStateFiles(path, "loadPolicy")
  try {
    return policyFromState<C>(saved)
  } catch (e) {
    throw loadError(e, path, "loadPolicy")
  }
}

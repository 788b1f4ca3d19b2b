import type * as Zod from "zod"

/**
 * A value built on first use: every read, `in`, key listing and spread reaches the object that
 * `make` returns. The schemas and their defaults are module-level constants of the public API,
 * and building them needs zod (≈ 0.15 s of CPU to load); wrapping them keeps `require('interest-lab')`
 * and the CLI's `--help` from paying for it.
 * @example export const schema = lazyValue(() => loadZod().strictObject({ n: loadZod().number() }))
 */
export function lazyValue<T extends object>(make: () => T): T {
  let real: T | undefined
  const resolve = (): T => (real ??= make())
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(resolve(), key),
    has: (_target, key) => Reflect.has(resolve(), key),
    set: (_target, key, value) => Reflect.set(resolve(), key, value),
    ownKeys: () => Reflect.ownKeys(resolve()),
    getPrototypeOf: () => Reflect.getPrototypeOf(resolve()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(resolve(), key)
      // A proxy may report only configurable properties its (empty) target lacks.
      return descriptor && { ...descriptor, configurable: true }
    },
  })
}

let zod: typeof Zod.z | undefined

/** zod's `z`, required on first use (see `lazyValue`). */
export function loadZod(): typeof Zod.z {
  if (zod === undefined) zod = (require("zod") as typeof Zod).z
  return zod
}

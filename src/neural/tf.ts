import type * as Tf from "@tensorflow/tfjs"
import { requireOptional } from "../config/optional-package"

let tfjs: typeof Tf | undefined

/**
 * TensorFlow.js, required on first use: loading it takes most of a second, so nothing loads it
 * until a model that needs it is built, trained or asked to predict (`require('interest-lab')`
 * and the CLI start without it).
 * @example const tf = loadTf(); tf.tidy(() => tf.add(a, b))
 */
export function loadTf(): typeof Tf {
  if (tfjs === undefined) tfjs = requireOptional<typeof Tf>("@tensorflow/tfjs", "a TensorFlow.js model")
  return tfjs
}

/**
 * A class whose definition runs on first use: `new`, static members and `instanceof` reach the
 * class that `define` returns (for layers that extend a TensorFlow.js class, which must not load early).
 * @example export const MyLayer = lazyClass(() => class MyLayer extends loadTf().layers.Layer {})
 */
export function lazyClass<C extends abstract new (...args: never[]) => object>(define: () => C): C {
  let real: C | undefined
  const resolve = (): C => (real ??= define())
  const proxy: C = new Proxy(function lazy() {} as unknown as C, {
    construct: (_target, args, newTarget) =>
      Reflect.construct(resolve(), args, newTarget === proxy ? resolve() : newTarget) as object,
    get: (_target, key) => Reflect.get(resolve(), key),
    has: (_target, key) => Reflect.has(resolve(), key),
  })
  return proxy
}

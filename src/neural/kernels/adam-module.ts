/**
 * The WebAssembly SIMD module of one Adam step (Kingma & Ba 2015, as tfjs's `AdamOptimizer` computes it)
 * over `count` f32 parameters (a multiple of 4), four at a time, every operation IEEE f32 (no fused
 * multiply–add), in this order:
 *   g ← g + decay·w                      (decay = 2λ: the gradient of λΣw²)
 *   m ← β₁·m + g·(1 − β₁),   v ← β₂·v + (g·g)·(1 − β₂)
 *   w ← w − α·((m / c₁) / (√(v / c₂) + ε))      (c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ)
 * Exported as
 *   adam(w, g, m, v, count, α, c₁, c₂, decay, β₁, 1 − β₁, β₂, 1 − β₂, ε)
 * with w, g, m, v byte addresses of 16-byte-aligned arrays in the imported memory. {@link adamJs} does the
 * same with `Math.fround` after each operation: the same bits.
 */
import {
  BR_IF,
  END,
  F32,
  F32X4_ADD,
  F32X4_DIV,
  F32X4_MUL,
  F32X4_SPLAT,
  F32X4_SQRT,
  F32X4_SUB,
  I32,
  I32_ADD,
  I32_LT_U,
  I32_MUL,
  LOCAL_TEE,
  LOOP,
  NO_RESULT,
  V128,
  V128_LOAD,
  V128_STORE,
  get,
  i32,
  memarg,
  set,
  uleb,
  vector,
  funcType,
  moduleBytes,
} from "../../linalg/kernels/wasm-encoding"

// Parameters, then locals, by index.
const W = 0
const G = 1
const MP = 2
const VP = 3
const COUNT = 4
const SCALARS = 5
const SCALAR_COUNT = 9
const END_AT = SCALARS + SCALAR_COUNT
const AT = END_AT + 1
/** Splatted scalars (α, c₁, c₂, decay, β₁, 1 − β₁, β₂, 1 − β₂, ε), then g, m, v, w. */
const SPLAT = AT + 1
const [LR, C1, C2, DECAY, B1, OB1, B2, OB2, EPS] = Array.from({ length: SCALAR_COUNT }, (_, i) => SPLAT + i)
const GV = SPLAT + SCALAR_COUNT
const MV = GV + 1
const VV = GV + 2
const WV = GV + 3
const ALIGN_V = 4

function load(base: number): number[] {
  return [...get(base), ...get(AT), I32_ADD, ...V128_LOAD, ...memarg(ALIGN_V, 0)]
}

function store(base: number, value: number): number[] {
  return [...get(base), ...get(AT), I32_ADD, ...get(value), ...V128_STORE, ...memarg(ALIGN_V, 0)]
}

function adamBody(): number[] {
  const code: number[] = []
  for (let s = 0; s < SCALAR_COUNT; s++) code.push(...get(SCALARS + s), ...F32X4_SPLAT, ...set(SPLAT + s))
  code.push(...get(COUNT), ...i32(4), I32_MUL, ...set(END_AT), ...i32(0), ...set(AT))
  code.push(LOOP, NO_RESULT)
  code.push(...load(W), ...set(WV))
  code.push(...load(G), ...get(DECAY), ...get(WV), ...F32X4_MUL, ...F32X4_ADD, ...set(GV))
  code.push(...get(B1), ...load(MP), ...F32X4_MUL, ...get(GV), ...get(OB1), ...F32X4_MUL, ...F32X4_ADD, ...set(MV))
  code.push(...get(B2), ...load(VP), ...F32X4_MUL, ...get(GV), ...get(GV), ...F32X4_MUL, ...get(OB2), ...F32X4_MUL)
  code.push(...F32X4_ADD, ...set(VV))
  code.push(...store(MP, MV), ...store(VP, VV))
  code.push(...get(WV), ...get(LR), ...get(MV), ...get(C1), ...F32X4_DIV)
  code.push(...get(VV), ...get(C2), ...F32X4_DIV, ...F32X4_SQRT, ...get(EPS), ...F32X4_ADD, ...F32X4_DIV)
  code.push(...F32X4_MUL, ...F32X4_SUB, ...set(WV), ...store(W, WV))
  code.push(...get(AT), ...i32(16), I32_ADD, LOCAL_TEE, ...uleb(AT), ...get(END_AT), I32_LT_U, BR_IF, 0, END)
  code.push(END)
  const locals = vector([
    [...uleb(2), I32],
    [...uleb(SCALAR_COUNT + 4), V128],
  ])
  const body = [...locals, ...code]
  return [...uleb(body.length), ...body]
}

/** The bytes of the module: imports `env.memory`, exports `adam`. Callers pass count > 0. */
export function adamModuleBytes(): Uint8Array {
  const params = [...new Array<number>(5).fill(I32), ...new Array<number>(SCALAR_COUNT).fill(F32)]
  return moduleBytes([funcType(params)], [{ type: 0, body: adamBody(), export: "adam" }])
}

/** {@link adamModuleBytes}'s step in JavaScript on float offsets into `f` (scalars already f32): the same bits. */
export function adamJs(
  f: Float32Array,
  w: number,
  g: number,
  m: number,
  v: number,
  count: number,
  s: {
    lr: number
    c1: number
    c2: number
    decay: number
    b1: number
    ob1: number
    b2: number
    ob2: number
    eps: number
  },
): void {
  const fr = Math.fround
  for (let i = 0; i < count; i++) {
    const wi = f[w + i]
    const gi = fr(f[g + i] + fr(s.decay * wi))
    const mi = fr(fr(s.b1 * f[m + i]) + fr(gi * s.ob1))
    const vi = fr(fr(s.b2 * f[v + i]) + fr(fr(gi * gi) * s.ob2))
    f[m + i] = mi
    f[v + i] = vi
    f[w + i] = fr(wi - fr(s.lr * fr(fr(mi / s.c1) / fr(fr(Math.sqrt(fr(vi / s.c2))) + s.eps))))
  }
}

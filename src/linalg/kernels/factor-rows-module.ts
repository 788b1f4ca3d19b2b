/**
 * The WebAssembly SIMD module of the factor-row kernel ({@link FactorHeap}): the products that
 * implicit ALS's conjugate-gradient sweep (Takács, Pilászy & Tikk 2011) repeats for every row, on
 * rows of f doubles (f a multiple of 4) at byte addresses of the imported memory:
 *
 *   dot(a, b, f) → Σ_k a_k·b_k
 *   axpy(s, a, out, f):                  out ← out + s·a
 *   symv(g, v, out, f):                  out ← G·v for a row-major f × f G
 *   residualTerms(items, values, start, end, y, x, r, f, α):
 *       for p = start … end − 1, i = items[p], c = 1 + α·values[p]:  r ← r + (c − (c − 1)·(y_i·x))·y_i
 *   productTerms(items, values, start, end, y, d, ad, f, α):
 *       for p = start … end − 1, i = items[p]:                      ad ← ad + ((α·values[p])·(y_i·d))·y_i
 *
 * (`items` are i32, `values` f64, p counts elements.) Arithmetic (IEEE f64, no fused or relaxed
 * operations) follows the scalar code term by term, so both give the same bits: a dot product keeps
 * four partial sums s_j = Σ_{k ≡ j (mod 4)} a_k·b_k, each added in increasing k and starting at 0,
 * and returns ((s₀ + s₁) + s₂) + s₃. Here s₀, s₁ are the lanes of one f64x2 accumulator and s₂, s₃ of
 * another. `symv` runs four rows of G at once (eight accumulators) against the same loads of v.
 *
 * Text of `dot` (the others are built the same way, see the generators below):
 *
 * (func $dot (param $a i32) (param $b i32) (param $f i32) (result f64) (local $end i32) (local $s01 v128) (local $s23 v128)
 *   (local.set $end (i32.add (local.get $a) (i32.shl (local.get $f) (i32.const 3))))
 *   (loop $k
 *     (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
 *     (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
 *     (local.set $a (i32.add (local.get $a) (i32.const 32))) (local.set $b (i32.add (local.get $b) (i32.const 32)))
 *     (br_if $k (i32.lt_u (local.get $a) (local.get $end))))
 *   (f64.add (f64.add (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01)))
 *                     (f64x2.extract_lane 0 (local.get $s23))) (f64x2.extract_lane 1 (local.get $s23))))
 */
import {
  BLOCK,
  BR_IF,
  CALL,
  END,
  F64,
  F64_ADD,
  F64_LOAD,
  F64_MUL,
  F64_STORE,
  F64_SUB,
  F64X2_ADD,
  F64X2_MUL,
  F64X2_SPLAT,
  I32,
  I32_ADD,
  I32_GE_S,
  I32_GT_S,
  I32_LOAD,
  I32_LT_S,
  I32_LT_U,
  I32_MUL,
  I32_SHL,
  I32_SUB,
  LOCAL_TEE,
  LOOP,
  NO_RESULT,
  V128,
  V128_LOAD,
  V128_STORE,
  V128_ZERO,
  f64,
  f64x2Lane,
  get,
  i32,
  memarg,
  set,
  uleb,
  vector,
  funcType,
  moduleBytes,
} from "./wasm-encoding"

const ALIGN_V = 4
const ALIGN_D = 3
const ALIGN_I = 2
/** Function indices, in the order of the code section. */
const DOT = 0
const AXPY = 1

/** A function body: its locals as (count, type) runs, then the code. */
function body(locals: [number, number][], code: number[]): number[] {
  const b = [...vector(locals.map(([n, t]) => [...uleb(n), t])), ...code, END]
  return [...uleb(b.length), ...b]
}

const load = (addr: number, offset: number): number[] => [...get(addr), ...V128_LOAD, ...memarg(ALIGN_V, offset)]
const bump = (local: number, bytes: number): number[] => [...get(local), ...i32(bytes), I32_ADD, ...set(local)]
/** ((lane 0 of a + lane 1 of a) + lane 0 of b) + lane 1 of b: the scalar code's ((s₀ + s₁) + s₂) + s₃. */
const reduce = (a: number, b: number): number[] => [
  ...get(a),
  ...f64x2Lane(0),
  ...get(a),
  ...f64x2Lane(1),
  F64_ADD,
  ...get(b),
  ...f64x2Lane(0),
  F64_ADD,
  ...get(b),
  ...f64x2Lane(1),
  F64_ADD,
]

function dotBody(): number[] {
  const [A, B, FF, E, S01, S23] = [0, 1, 2, 3, 4, 5]
  return body(
    [
      [1, I32],
      [2, V128],
    ],
    [
      ...get(A),
      ...get(FF),
      ...i32(3),
      I32_SHL,
      I32_ADD,
      ...set(E),
      LOOP,
      NO_RESULT,
      ...get(S01),
      ...load(A, 0),
      ...load(B, 0),
      ...F64X2_MUL,
      ...F64X2_ADD,
      ...set(S01),
      ...get(S23),
      ...load(A, 16),
      ...load(B, 16),
      ...F64X2_MUL,
      ...F64X2_ADD,
      ...set(S23),
      ...bump(A, 32),
      ...bump(B, 32),
      ...get(A),
      ...get(E),
      I32_LT_U,
      BR_IF,
      0,
      END,
      ...reduce(S01, S23),
    ],
  )
}

function axpyBody(): number[] {
  const [S, A, OUT, FF, E, SV] = [0, 1, 2, 3, 4, 5]
  const half = (offset: number): number[] => [
    ...get(OUT),
    ...load(OUT, offset),
    ...get(SV),
    ...load(A, offset),
    ...F64X2_MUL,
    ...F64X2_ADD,
    ...V128_STORE,
    ...memarg(ALIGN_V, offset),
  ]
  return body(
    [
      [1, I32],
      [1, V128],
    ],
    [
      ...get(S),
      ...F64X2_SPLAT,
      ...set(SV),
      ...get(OUT),
      ...get(FF),
      ...i32(3),
      I32_SHL,
      I32_ADD,
      ...set(E),
      LOOP,
      NO_RESULT,
      ...half(0),
      ...half(16),
      ...bump(A, 32),
      ...bump(OUT, 32),
      ...get(OUT),
      ...get(E),
      I32_LT_U,
      BR_IF,
      0,
      END,
    ],
  )
}

function symvBody(): number[] {
  const [G, V, OUT, FF] = [0, 1, 2, 3]
  const [P0, PV, E, ROWS, ROW_BYTES] = [4, 8, 9, 10, 11]
  const [ACC, V01, V23] = [12, 20, 21]
  const code: number[] = [...get(FF), ...i32(3), I32_SHL, ...set(ROW_BYTES), ...get(FF), ...set(ROWS)]
  code.push(LOOP, NO_RESULT)
  code.push(...get(G), ...set(P0))
  for (let r = 1; r < 4; r++) code.push(...get(P0 + r - 1), ...get(ROW_BYTES), I32_ADD, ...set(P0 + r))
  for (let j = 0; j < 8; j++) code.push(...V128_ZERO, ...set(ACC + j))
  code.push(...get(V), ...set(PV), ...get(V), ...get(ROW_BYTES), I32_ADD, ...set(E))
  code.push(LOOP, NO_RESULT)
  code.push(...load(PV, 0), ...set(V01), ...load(PV, 16), ...set(V23))
  for (let r = 0; r < 4; r++) {
    code.push(...get(ACC + 2 * r), ...load(P0 + r, 0), ...get(V01), ...F64X2_MUL, ...F64X2_ADD, ...set(ACC + 2 * r))
    code.push(...get(ACC + 2 * r + 1), ...load(P0 + r, 16), ...get(V23), ...F64X2_MUL, ...F64X2_ADD)
    code.push(...set(ACC + 2 * r + 1))
  }
  for (let r = 0; r < 4; r++) code.push(...bump(P0 + r, 32))
  code.push(...bump(PV, 32), ...get(PV), ...get(E), I32_LT_U, BR_IF, 0, END)
  for (let r = 0; r < 4; r++) {
    code.push(...get(OUT), ...reduce(ACC + 2 * r, ACC + 2 * r + 1), F64_STORE, ...memarg(ALIGN_D, 8 * r))
  }
  // Row a + 3 ends where row a + 4 starts.
  code.push(...bump(OUT, 32), ...get(P0 + 3), ...set(G))
  code.push(...get(ROWS), ...i32(4), I32_SUB, LOCAL_TEE, ...uleb(ROWS), ...i32(0), I32_GT_S, BR_IF, 0, END)
  return body(
    [
      [8, I32],
      [10, V128],
    ],
    code,
  )
}

/** `residualTerms` (residual = true) or `productTerms`. */
function termsBody(residual: boolean): number[] {
  const [ITEMS, VALUES, START, STOP, Y, X, OUT, FF, ALPHA] = [0, 1, 2, 3, 4, 5, 6, 7, 8]
  const [P, YI, VAL, C] = [9, 10, 11, 12]
  const code: number[] = [BLOCK, NO_RESULT, ...get(START), ...get(STOP), I32_GE_S, BR_IF, 0, ...get(START), ...set(P)]
  code.push(LOOP, NO_RESULT)
  code.push(...get(Y), ...get(ITEMS), ...get(P), ...i32(2), I32_SHL, I32_ADD, I32_LOAD, ...memarg(ALIGN_I, 0))
  code.push(...get(FF), I32_MUL, ...i32(3), I32_SHL, I32_ADD, ...set(YI))
  code.push(...get(VALUES), ...get(P), ...i32(3), I32_SHL, I32_ADD, F64_LOAD, ...memarg(ALIGN_D, 0), ...set(VAL))
  if (residual) {
    // c = 1 + α·v;  coef = c − (c − 1)·(y_i·x)
    code.push(...f64(1), ...get(ALPHA), ...get(VAL), F64_MUL, F64_ADD, ...set(C))
    code.push(...get(C), ...get(C), ...f64(1), F64_SUB)
    code.push(...get(YI), ...get(X), ...get(FF), CALL, ...uleb(DOT), F64_MUL, F64_SUB)
  } else {
    // coef = (α·v)·(y_i·d)
    code.push(...get(ALPHA), ...get(VAL), F64_MUL, ...get(YI), ...get(X), ...get(FF), CALL, ...uleb(DOT), F64_MUL)
  }
  code.push(...get(YI), ...get(OUT), ...get(FF), CALL, ...uleb(AXPY))
  code.push(...bump(P, 1), ...get(P), ...get(STOP), I32_LT_S, BR_IF, 0, END, END)
  return body(
    [
      [2, I32],
      [2, F64],
    ],
    code,
  )
}

/** The bytes of the module: imports `env.memory` (at least one page), exports the five functions above. */
export function factorRowsModuleBytes(): Uint8Array {
  const terms = [I32, I32, I32, I32, I32, I32, I32, I32, F64]
  return moduleBytes(
    [funcType([I32, I32, I32], [F64]), funcType([F64, I32, I32, I32]), funcType([I32, I32, I32, I32]), funcType(terms)],
    [
      { type: 0, body: dotBody(), export: "dot" },
      { type: 1, body: axpyBody(), export: "axpy" },
      { type: 2, body: symvBody(), export: "symv" },
      { type: 3, body: termsBody(true), export: "residualTerms" },
      { type: 3, body: termsBody(false), export: "productTerms" },
    ],
  )
}

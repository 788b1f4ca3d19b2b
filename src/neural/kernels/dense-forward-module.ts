/**
 * The WebAssembly SIMD module of the dense forward pass: one exported function
 *   dense: Y ← max(X·W + 1bᵀ, lo)      (lo = 0: ReLU; lo = −∞: no activation)
 * for an m × k input X, a k × n weight matrix W (row-major, as a tfjs Dense kernel) and a bias b of
 * n, in f32, m a multiple of 8 and n a multiple of 4. A stack of Dense layers is one call per layer.
 *
 * Packed activations: X is cut into strips of 8 rows, each stored k-major, element (r, p) of a strip
 * at float p·8 + r, the next strip k·8 floats further. Y comes out in the same layout (n columns), so
 * it is the next layer's X as it stands. The inner loop reads two vectors of X (8 rows at input p)
 * and splats 4 consecutive weights of row p of W, each used twice: an 8 × 4 tile of Y lives in eight
 * f32x4 accumulators, two per column (rows 0–3 and 4–7 of the strip).
 *
 * Arithmetic (deterministic, IEEE f32, no fused or relaxed operations): each element of Y has one
 * accumulator that starts at b_c and adds x_rp·w_pc for p = 0, 1, …, k − 1 in order, each product
 * and sum rounded to f32; then y = (acc < lo ? lo : acc) (f32x4.pmax). {@link denseJs} does exactly
 * this in JavaScript with `Math.fround`, so both give the same bits.
 *
 * Text of the function:
 *
 * (func $dense (param $m i32) (param $k i32) (param $n i32) (param $x i32) (param $w i32) (param $b i32)
 *              (param $y i32) (param $lo f32)
 *   (local $xs i32) (local $ys i32) (local $rows i32) (local $j i32) (local $pw i32) (local $px i32)
 *   (local $kEnd i32) (local $yt i32) (local $nb i32)
 *   (local $x0 v128) (local $x1 v128) (local $wv v128) (local $lov v128) (local $acc0 v128) … (local $acc7 v128)
 *   (local.set $xs (local.get $x)) (local.set $ys (local.get $y)) (local.set $rows (local.get $m))
 *   (local.set $nb (i32.mul (local.get $n) (i32.const 4))) (local.set $lov (f32x4.splat (local.get $lo)))
 *   (loop $strips
 *     (local.set $j (i32.const 0)) (local.set $yt (local.get $ys))
 *     (loop $tiles
 *       (local.set $acc2c+1 (local.tee $acc2c (v128.load32_splat offset=4c (i32.add (local.get $b) (local.get $j)))))  ;; c = 0 … 3
 *       (local.set $pw (i32.add (local.get $w) (local.get $j))) (local.set $px (local.get $xs))
 *       (local.set $kEnd (i32.add (local.get $xs) (i32.mul (local.get $k) (i32.const 32))))
 *       (loop $terms
 *         (local.set $x0 (v128.load (local.get $px))) (local.set $x1 (v128.load offset=16 (local.get $px)))
 *         (local.set $wv (v128.load32_splat offset=4c (local.get $pw)))                                     ;; c = 0 … 3
 *         (local.set $acc2c (f32x4.add (local.get $acc2c) (f32x4.mul (local.get $x0) (local.get $wv))))
 *         (local.set $acc2c+1 (f32x4.add (local.get $acc2c+1) (f32x4.mul (local.get $x1) (local.get $wv))))
 *         (local.set $px (i32.add (local.get $px) (i32.const 32))) (local.set $pw (i32.add (local.get $pw) (local.get $nb)))
 *         (br_if $terms (i32.lt_u (local.get $px) (local.get $kEnd))))
 *       (v128.store offset=16h (local.get $yt) (f32x4.pmax (local.get $acch) (local.get $lov)))          ;; h = 0 … 7
 *       (local.set $yt (i32.add (local.get $yt) (i32.const 128)))
 *       (br_if $tiles (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 16))) (local.get $nb))))
 *     (local.set $xs (i32.add (local.get $xs) (i32.mul (local.get $k) (i32.const 32))))
 *     (local.set $ys (i32.add (local.get $ys) (i32.mul (local.get $nb) (i32.const 8))))
 *     (br_if $strips (i32.gt_s (local.tee $rows (i32.sub (local.get $rows) (i32.const 8))) (i32.const 0)))))
 *
 * Callers pass m, k, n > 0.
 */
import {
  BR_IF,
  END,
  F32,
  F32X4_ADD,
  F32X4_MUL,
  F32X4_PMAX,
  F32X4_SPLAT,
  I32,
  I32_ADD,
  I32_GT_S,
  I32_LT_U,
  I32_MUL,
  I32_SUB,
  LOCAL_TEE,
  LOOP,
  NO_RESULT,
  V128,
  V128_LOAD,
  V128_LOAD32_SPLAT,
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
const M = 0
const K = 1
const N = 2
const XP = 3
const WP = 4
const BP = 5
const YP = 6
const LO = 7
const XS = 8
const YS = 9
const ROWS = 10
const J = 11
const PW = 12
const PX = 13
const K_END = 14
const YT = 15
const NB = 16
const X0 = 17
const X1 = 18
const WV = 19
const LOV = 20
const ACC = 21
const I32_LOCALS = X0 - XS
const V128_LOCALS = 4 + 8
/** Alignment hints: 2⁴ bytes for vectors, 2² for a splat float. */
const ALIGN_V = 4
const ALIGN_F = 2

function denseBody(): number[] {
  const code: number[] = []
  code.push(...get(XP), ...set(XS), ...get(YP), ...set(YS), ...get(M), ...set(ROWS))
  code.push(...get(N), ...i32(4), I32_MUL, ...set(NB), ...get(LO), ...F32X4_SPLAT, ...set(LOV))
  code.push(LOOP, NO_RESULT)
  code.push(...i32(0), ...set(J), ...get(YS), ...set(YT))
  code.push(LOOP, NO_RESULT)
  for (let c = 0; c < 4; c++) {
    code.push(
      ...get(BP),
      ...get(J),
      I32_ADD,
      ...V128_LOAD32_SPLAT,
      ...memarg(ALIGN_F, 4 * c),
      LOCAL_TEE,
      ...uleb(ACC + 2 * c),
      ...set(ACC + 2 * c + 1),
    )
  }
  code.push(...get(WP), ...get(J), I32_ADD, ...set(PW), ...get(XS), ...set(PX))
  code.push(...get(XS), ...get(K), ...i32(32), I32_MUL, I32_ADD, ...set(K_END))
  code.push(LOOP, NO_RESULT)
  code.push(...get(PX), ...V128_LOAD, ...memarg(ALIGN_V, 0), ...set(X0))
  code.push(...get(PX), ...V128_LOAD, ...memarg(ALIGN_V, 16), ...set(X1))
  for (let c = 0; c < 4; c++) {
    code.push(...get(PW), ...V128_LOAD32_SPLAT, ...memarg(ALIGN_F, 4 * c), ...set(WV))
    code.push(...get(ACC + 2 * c), ...get(X0), ...get(WV), ...F32X4_MUL, ...F32X4_ADD, ...set(ACC + 2 * c))
    code.push(...get(ACC + 2 * c + 1), ...get(X1), ...get(WV), ...F32X4_MUL, ...F32X4_ADD, ...set(ACC + 2 * c + 1))
  }
  code.push(...get(PX), ...i32(32), I32_ADD, ...set(PX), ...get(PW), ...get(NB), I32_ADD, ...set(PW))
  code.push(...get(PX), ...get(K_END), I32_LT_U, BR_IF, 0, END)
  for (let h = 0; h < 8; h++)
    code.push(...get(YT), ...get(ACC + h), ...get(LOV), ...F32X4_PMAX, ...V128_STORE, ...memarg(ALIGN_V, 16 * h))
  code.push(...get(YT), ...i32(128), I32_ADD, ...set(YT))
  code.push(...get(J), ...i32(16), I32_ADD, LOCAL_TEE, ...uleb(J), ...get(NB), I32_LT_U, BR_IF, 0, END)
  code.push(...get(XS), ...get(K), ...i32(32), I32_MUL, I32_ADD, ...set(XS))
  code.push(...get(YS), ...get(NB), ...i32(8), I32_MUL, I32_ADD, ...set(YS))
  code.push(...get(ROWS), ...i32(8), I32_SUB, LOCAL_TEE, ...uleb(ROWS), ...i32(0), I32_GT_S, BR_IF, 0, END)
  code.push(END)
  const locals = vector([
    [...uleb(I32_LOCALS), I32],
    [...uleb(V128_LOCALS), V128],
  ])
  const body = [...locals, ...code]
  return [...uleb(body.length), ...body]
}

/** The bytes of the module: imports `env.memory` (plain, growable), exports `dense`. */
export function denseForwardModuleBytes(): Uint8Array {
  return moduleBytes(
    [funcType([...new Array<number>(7).fill(I32), F32])],
    [{ type: 0, body: denseBody(), export: "dense" }],
  )
}

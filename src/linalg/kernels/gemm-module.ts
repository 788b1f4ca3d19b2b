/**
 * The WebAssembly SIMD module of the dense kernel: one matrix-product function in two signs,
 *   gemmAdd: C ← C + A·B      gemmSub: C ← C − A·B
 * for an m × k matrix A and a k × n matrix B held packed (see below), C row-major, m and n
 * multiples of 4. Everything the lab's dense linear algebra does in bulk (blocked Cholesky, the
 * triangular inverse, the SPD inverse, triangular solves, products) is made of these calls.
 *
 * Packed panels (the layout of Goto & van de Geijn, "Anatomy of high-performance matrix
 * multiplication", ACM TOMS 34(3), 2008): A is cut into strips of 4 rows, each stored k-major,
 * element (r, p) of a strip at double p·4 + r; B into strips of 4 columns, element (p, c) at p·4 + c.
 * A strip's successor lies `aStride` (resp. `bStride`) bytes further. So the inner loop reads both
 * operands contiguously, and a strip of Xᵀ packed as B is the same bytes as a strip of X packed as A.
 *
 * Arithmetic (deterministic, IEEE f64, no fused or relaxed operations): each element of C gets
 * one accumulator that starts at 0 and adds a_rp·b_pc for p = 0, 1, …, k − 1 in order; the result is
 * c ± accumulator. {@link gemmJs} does exactly this in JavaScript, so both give the same bits.
 *
 * Text of one function (the 4 × 4 tile of C lives in eight f64x2 accumulators, two per row):
 *
 * (func $gemmSub (param $m i32) (param $n i32) (param $k i32) (param $a i32) (param $aStride i32)
 *                (param $b i32) (param $bStride i32) (param $c i32) (param $ldc i32)
 *   (local $as i32) (local $cs i32) (local $bs i32) (local $ct i32) (local $pa i32) (local $pb i32)
 *   (local $kEnd i32) (local $rows i32) (local $cols i32) (local $p i32)
 *   (local $x v128) (local $b0 v128) (local $b1 v128) (local $acc0 v128) … (local $acc7 v128)
 *   (local.set $as (local.get $a)) (local.set $cs (local.get $c)) (local.set $rows (local.get $m))
 *   (loop $strips
 *     (local.set $bs (local.get $b)) (local.set $ct (local.get $cs)) (local.set $cols (local.get $n))
 *     (loop $tiles
 *       (local.set $acc0 (v128.const i64x2 0 0)) …
 *       (local.set $pa (local.get $as)) (local.set $pb (local.get $bs))
 *       (local.set $kEnd (i32.add (local.get $as) (i32.mul (local.get $k) (i32.const 32))))
 *       (loop $terms
 *         (local.set $b0 (v128.load (local.get $pb))) (local.set $b1 (v128.load offset=16 (local.get $pb)))
 *         (local.set $x (v128.load64_splat offset=8r (local.get $pa)))           ;; r = 0 … 3
 *         (local.set $acc2r (f64x2.add (local.get $acc2r) (f64x2.mul (local.get $x) (local.get $b0))))
 *         (local.set $acc2r+1 (f64x2.add (local.get $acc2r+1) (f64x2.mul (local.get $x) (local.get $b1))))
 *         (local.set $pa (i32.add (local.get $pa) (i32.const 32))) (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
 *         (br_if $terms (i32.lt_u (local.get $pa) (local.get $kEnd))))
 *       (local.set $p (local.get $ct))
 *       (v128.store (local.get $p) (f64x2.sub (v128.load (local.get $p)) (local.get $acc2r)))            ;; row r
 *       (v128.store offset=16 (local.get $p) (f64x2.sub (v128.load offset=16 (local.get $p)) (local.get $acc2r+1)))
 *       (local.set $p (i32.add (local.get $p) (local.get $ldc)))                                       ;; next row
 *       (local.set $bs (i32.add (local.get $bs) (local.get $bStride))) (local.set $ct (i32.add (local.get $ct) (i32.const 32)))
 *       (br_if $tiles (i32.gt_s (local.tee $cols (i32.sub (local.get $cols) (i32.const 4))) (i32.const 0))))
 *     (local.set $as (i32.add (local.get $as) (local.get $aStride)))
 *     (local.set $cs (i32.add (local.get $cs) (i32.mul (local.get $ldc) (i32.const 4))))
 *     (br_if $strips (i32.gt_s (local.tee $rows (i32.sub (local.get $rows) (i32.const 4))) (i32.const 0)))))
 *
 * gemmAdd is the same with f64x2.add in the stores. Callers pass m, n, k > 0.
 */
import {
  END,
  F64X2_ADD,
  F64X2_MUL,
  F64X2_SUB,
  I32,
  I32_ADD,
  I32_GT_S,
  I32_LT_U,
  I32_MUL,
  I32_SUB,
  LIMITS_SHARED,
  LOCAL_TEE,
  LOOP,
  BR_IF,
  NO_RESULT,
  V128,
  V128_LOAD,
  V128_LOAD64_SPLAT,
  V128_STORE,
  V128_ZERO,
  get,
  i32,
  memarg,
  set,
  uleb,
  vector,
  funcType,
  moduleBytes,
} from "./wasm-encoding"

// Parameters, then locals, by index.
const M = 0
const N = 1
const KK = 2
const AP = 3
const A_STRIDE = 4
const BP = 5
const B_STRIDE = 6
const C = 7
const LDC = 8
const AS = 9
const CS = 10
const BS = 11
const CT = 12
const PA = 13
const PB = 14
const K_END = 15
const ROWS = 16
const COLS = 17
const P = 18
const X = 19
const B0 = 20
const B1 = 21
const ACC = 22
const I32_LOCALS = X - AS
const V128_LOCALS = 3 + 8
/** Alignment hints: 2⁴ bytes for vectors, 2³ for a splat double. */
const ALIGN_V = 4
const ALIGN_D = 3

function gemmBody(store: number[]): number[] {
  const code: number[] = []
  code.push(...get(AP), ...set(AS), ...get(C), ...set(CS), ...get(M), ...set(ROWS))
  code.push(LOOP, NO_RESULT)
  code.push(...get(BP), ...set(BS), ...get(CS), ...set(CT), ...get(N), ...set(COLS))
  code.push(LOOP, NO_RESULT)
  for (let j = 0; j < 8; j++) code.push(...V128_ZERO, ...set(ACC + j))
  code.push(...get(AS), ...set(PA), ...get(BS), ...set(PB))
  code.push(...get(AS), ...get(KK), ...i32(32), I32_MUL, I32_ADD, ...set(K_END))
  code.push(LOOP, NO_RESULT)
  code.push(...get(PB), ...V128_LOAD, ...memarg(ALIGN_V, 0), ...set(B0))
  code.push(...get(PB), ...V128_LOAD, ...memarg(ALIGN_V, 16), ...set(B1))
  for (let r = 0; r < 4; r++) {
    code.push(...get(PA), ...V128_LOAD64_SPLAT, ...memarg(ALIGN_D, 8 * r), ...set(X))
    code.push(...get(ACC + 2 * r), ...get(X), ...get(B0), ...F64X2_MUL, ...F64X2_ADD, ...set(ACC + 2 * r))
    code.push(...get(ACC + 2 * r + 1), ...get(X), ...get(B1), ...F64X2_MUL, ...F64X2_ADD, ...set(ACC + 2 * r + 1))
  }
  code.push(...get(PA), ...i32(32), I32_ADD, ...set(PA), ...get(PB), ...i32(32), I32_ADD, ...set(PB))
  code.push(...get(PA), ...get(K_END), I32_LT_U, BR_IF, 0, END)
  code.push(...get(CT), ...set(P))
  for (let r = 0; r < 4; r++) {
    for (let h = 0; h < 2; h++) {
      code.push(...get(P), ...get(P), ...V128_LOAD, ...memarg(ALIGN_V, 16 * h), ...get(ACC + 2 * r + h), ...store)
      code.push(...V128_STORE, ...memarg(ALIGN_V, 16 * h))
    }
    if (r < 3) code.push(...get(P), ...get(LDC), I32_ADD, ...set(P))
  }
  code.push(...get(BS), ...get(B_STRIDE), I32_ADD, ...set(BS), ...get(CT), ...i32(32), I32_ADD, ...set(CT))
  code.push(...get(COLS), ...i32(4), I32_SUB, LOCAL_TEE, ...uleb(COLS), ...i32(0), I32_GT_S, BR_IF, 0, END)
  code.push(...get(AS), ...get(A_STRIDE), I32_ADD, ...set(AS))
  code.push(...get(CS), ...get(LDC), ...i32(4), I32_MUL, I32_ADD, ...set(CS))
  code.push(...get(ROWS), ...i32(4), I32_SUB, LOCAL_TEE, ...uleb(ROWS), ...i32(0), I32_GT_S, BR_IF, 0, END)
  code.push(END)
  const locals = vector([
    [...uleb(I32_LOCALS), I32],
    [...uleb(V128_LOCALS), V128],
  ])
  const body = [...locals, ...code]
  return [...uleb(body.length), ...body]
}

/**
 * The bytes of the module: imports `env.memory` (shared, with `maximumPages`, when `shared` is set,
 * so that worker threads can run it on the same memory), exports `gemmAdd` and `gemmSub`.
 */
export function gemmModuleBytes(shared: boolean, initialPages: number, maximumPages: number): Uint8Array {
  const limits = shared ? [LIMITS_SHARED, ...uleb(initialPages), ...uleb(maximumPages)] : [0x00, ...uleb(initialPages)]
  return moduleBytes(
    [funcType(new Array<number>(9).fill(I32))],
    [
      { type: 0, body: gemmBody(F64X2_ADD), export: "gemmAdd" },
      { type: 0, body: gemmBody(F64X2_SUB), export: "gemmSub" },
    ],
    limits,
  )
}

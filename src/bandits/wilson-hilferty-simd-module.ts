import {
  BR_IF,
  END,
  I32,
  I32_ADD,
  I32_LT_U,
  LOOP,
  NO_RESULT,
  V128,
  get,
  i32,
  memarg,
  set,
  uleb,
  vector,
  funcType,
  moduleBytes,
} from "../linalg/kernels/wasm-encoding"
import { F32, MIX_1, MIX_2, WEYL } from "./counter-normals"

/**
 * Byte addresses of a kernel's memory for `users` × K, K₈ = K rounded up to 8: the counts table, one row of
 * K₈·8 bytes per user (a whole number of cache lines) holding, per group of eight arms, S of arms 0–3, F of arms
 * 0–3, S of arms 4–7, F of arms 4–7 as f32 (so one f32x4 load reads four arms' S or F); the priors α and β in
 * the same order (one row); the draws (K₈ floats); the decision's key (two int32: passed in memory, since an
 * int32 argument outside the small-integer range would be boxed on every call).
 */
export function wilsonHilfertySimdLayout(users: number, arms: number) {
  const padded = Math.ceil(arms / 8) * 8
  const rowBytes = padded * 8
  const priors = users * rowBytes
  const draws = priors + rowBytes
  const keys = draws + padded * 4
  return { padded, rowBytes, priors, draws, keys, end: keys + 16 }
}

/** Where arm a's S sits in its user's row of the counts table, in floats (its F at + 4; its α and β likewise in the priors). */
export function countSlot(arm: number): number {
  return (arm >> 3) * 16 + (arm & 4 ? 8 : 0) + (arm & 3)
}

type Code = number[]
const simd = (op: number): Code => [0xfd, ...uleb(op)]
const V128_LOAD = 0x00
const V128_STORE = 0x0b
const I8X16_SHUFFLE = 0x0d
const I32X4_SPLAT = 0x11
const I32X4_EXTRACT_LANE = 0x1b
const I32X4_LT_S = 0x39
const F32X4_EQ = 0x41
const F32X4_GT = 0x44
const V128_AND = 0x4e
const V128_XOR = 0x51
const V128_BITSELECT = 0x52
const I32X4_SHL = 0xab
const I32X4_SHR_S = 0xac
const I32X4_SHR_U = 0xad
const I32X4_ADD = 0xae
const I32X4_SUB = 0xb1
const I32X4_MUL = 0xb5
const I32X4_MIN_S = 0xb6
/** pmax(a, b) = a < b ? b : a: one maxps on x64 (f32x4.max's NaN and ±0 rules cost V8 several instructions). */
const F32X4_PMAX = 0xeb
const F32X4_SQRT = 0xe3
const F32X4_ADD = 0xe4
const F32X4_SUB = 0xe5
const F32X4_MUL = 0xe6
const F32X4_DIV = 0xe7
const F32X4_CONVERT_I32X4_S = 0xfa
const I32_LOAD = 0x28
const DROP = 0x1a
/** Alignment hint: 2⁴ bytes (rows, priors and draws are multiples of 16 bytes apart from 0). */
const ALIGN_V = 4

const v128 = (bytes: ArrayLike<number>): Code => [...simd(0x0c), ...Array.from(bytes)]
const f32x4 = (x: number): Code => v128(new Uint8Array(new Float32Array([x, x, x, x]).buffer))
const i32x4 = (a: number, b: number, c: number, d: number): Code =>
  v128(new Uint8Array(new Int32Array([a, b, c, d]).buffer))
const op2 =
  (op: number) =>
  (a: Code, b: Code): Code => [...a, ...b, ...simd(op)]
const add = op2(F32X4_ADD)
const sub = op2(F32X4_SUB)
const mul = op2(F32X4_MUL)
const div = op2(F32X4_DIV)
const xor = op2(V128_XOR)
const and = op2(V128_AND)
const iadd = op2(I32X4_ADD)
const imul = op2(I32X4_MUL)
const splat = (c: number): Code => i32x4(c, c, c, c)
/** `l(i)(code)`: the value of `code` into local i. */
const l =
  (i: number) =>
  (code: Code): Code => [...code, ...set(i)]
const shift =
  (op: number) =>
  (a: Code, n: number): Code => [...a, ...i32(n), ...simd(op)]
const shl = shift(I32X4_SHL)
const shrS = shift(I32X4_SHR_S)
const shrU = shift(I32X4_SHR_U)
/** Lanes of `a` where `mask` is set, of `b` elsewhere. */
const bitselect = (a: Code, b: Code, mask: Code): Code => [...a, ...b, ...mask, ...simd(V128_BITSELECT)]
const load = (base: Code, offset: number): Code => [...base, ...simd(V128_LOAD), ...memarg(ALIGN_V, offset)]
/** Horner: c₀ + x·(c₁ + x·(… + x·c_last)), each step rounded to f32 as in counter-normals.ts. */
function horner(x: Code, coefficients: number[]): Code {
  let acc = f32x4(coefficients[coefficients.length - 1])
  for (let i = coefficients.length - 2; i >= 0; i--) acc = add(f32x4(coefficients[i]), mul(x, acc))
  return acc
}

// The parameter, then locals, by index.
const ROW = 0
const K0 = 1
const K1 = 2
const Q = 3
const DRAW = 4
const X = 5
const KEY = 6
const IDX = 7
const BEST_V = 8
const BEST_I = 9
const H1 = 10
const H2 = 11
const BITS = 12
const EXP = 13
const M = 14
const FR = 15
const FR2 = 16
const R = 17
const PSI = 18
const P2 = 19
const SIN = 20
const COS = 21
const SWAP = 22
const Z = 23
const ALPHA = 25
const BETA = 26
const N = 27
const R2 = 28
const T = 29
const THETA = 30
const GT = 31
const ARMS = 32
const V128_LOCALS = ARMS + 1 - X

/**
 * The first pass, one group of eight arms: their four Box–Muller pairs (words 8g + l and 8g + 4 + l), R·cos
 * stored for arms 8g + l and R·sin for arms 8g + 4 + l at DRAW and DRAW + 16.
 */
function normalsOfGroup(weyl: (k: number) => number): Code {
  const code: Code = []
  code.push(...l(H1)(xor(get(X), get(KEY))), ...mix(H1))
  code.push(...l(H2)(xor(iadd(get(X), splat(weyl(4))), get(KEY))), ...mix(H2))
  code.push(...l(X)(iadd(get(X), splat(weyl(8)))))
  // u = 2^e·m with m ∈ [√½, √2): e = (bits(u) − bits(√½)) ≫ 23 (arithmetic), m's bits = bits(u) − e·2²³
  // ((h1 ≫ 8) < 2²⁴ converts alike signed and unsigned; the signed conversion is one instruction on x64)
  const u = sub(f32x4(1), mul([...shrU(get(H1), 8), ...simd(F32X4_CONVERT_I32X4_S)], f32x4(F32.twoToMinus24)))
  code.push(...l(BITS)(u))
  code.push(...l(EXP)(shrS([...get(BITS), ...splat(F32.sqrtHalfBits), ...simd(I32X4_SUB)], 23)))
  code.push(...l(M)([...get(BITS), ...shl(get(EXP), 23), ...simd(I32X4_SUB)]))
  code.push(...l(FR)(div(sub(get(M), f32x4(1)), add(get(M), f32x4(1)))))
  code.push(...l(FR2)(mul(get(FR), get(FR))))
  const series = horner(get(FR2), [1, ...F32.log])
  const lnU = add(
    mul([...get(EXP), ...simd(F32X4_CONVERT_I32X4_S)], f32x4(F32.ln2)),
    mul(add(get(FR), get(FR)), series),
  )
  code.push(...l(R)([...mul(lnU, f32x4(-2)), ...simd(F32X4_SQRT)]))
  // the angle: ψ ∈ [0, π/4), sin and cos, the octant from bits 31, 30, 29
  code.push(...l(PSI)(mul([...and(get(H2), splat(0xffffff)), ...simd(F32X4_CONVERT_I32X4_S)], f32x4(F32.angle))))
  code.push(...l(P2)(mul(get(PSI), get(PSI))))
  code.push(...l(SIN)(mul(get(PSI), horner(get(P2), [1, ...F32.sin]))))
  code.push(...l(COS)(horner(get(P2), [1, ...F32.cos])))
  code.push(...l(SWAP)(shrS(shl(get(H2), 2), 31)))
  const signBit = splat(0x80000000 | 0)
  code.push(...l(Z)(xor(mul(get(R), bitselect(get(SIN), get(COS), get(SWAP))), and(get(H2), signBit))))
  code.push(...l(Z + 1)(xor(mul(get(R), bitselect(get(COS), get(SIN), get(SWAP))), and(shl(get(H2), 1), signBit))))
  code.push(...get(DRAW), ...get(Z), ...simd(V128_STORE), ...memarg(ALIGN_V, 0))
  code.push(...get(DRAW), ...get(Z + 1), ...simd(V128_STORE), ...memarg(ALIGN_V, 16))
  code.push(...get(DRAW), ...i32(32), I32_ADD, ...set(DRAW))
  return code
}

/**
 * The second pass, four arms (a quad, q = 32·quad bytes into the row and the priors): θ from their posteriors
 * and normals, the running argmax; with `store`, θ replaces the normals at DRAW. With `valid` < 4 (the last
 * quad of a K that is not a multiple of 4) the lanes of arms ≥ K are set to −∞.
 */
function quad(at: ReturnType<typeof wilsonHilfertySimdLayout>, store: boolean, valid: number): Code {
  const code: Code = []
  // α = prior α + S and β = prior β + F, from the row and the priors (S at q, F at q + 16)
  const posterior = (offset: number) => add(load(get(Q), at.priors + offset), load(get(ROW), offset))
  code.push(...l(ALPHA)(posterior(0)), ...l(BETA)(posterior(16)))
  code.push(...l(N)(add(get(ALPHA), get(BETA))))
  code.push(...l(R2)(div(get(BETA), mul(get(ALPHA), add(get(N), f32x4(1))))))
  code.push(...l(R2)(mul(get(R2), f32x4(F32.ninth))))
  code.push(...l(T)(add(sub(f32x4(1), get(R2)), mul([...get(R2), ...simd(F32X4_SQRT)], load(get(DRAW), 0)))))
  const theta = mul(div(get(ALPHA), get(N)), mul(mul(get(T), get(T)), get(T)))
  const inRange = [...get(IDX), ...get(ARMS), ...simd(I32X4_LT_S)]
  code.push(...l(THETA)(valid < 4 ? bitselect(theta, f32x4(Number.NEGATIVE_INFINITY), inRange) : theta))
  if (store) code.push(...get(DRAW), ...get(THETA), ...simd(V128_STORE), ...memarg(ALIGN_V, 0))
  code.push(...l(GT)([...get(THETA), ...get(BEST_V), ...simd(F32X4_GT)]))
  code.push(...l(BEST_V)([...get(BEST_V), ...get(THETA), ...simd(F32X4_PMAX)]))
  code.push(...l(BEST_I)(bitselect(get(IDX), get(BEST_I), get(GT))))
  code.push(...l(IDX)(iadd(get(IDX), splat(4))))
  code.push(...get(ROW), ...i32(32), I32_ADD, ...set(ROW))
  code.push(...get(DRAW), ...i32(16), I32_ADD, ...set(DRAW))
  code.push(...get(Q), ...i32(32), I32_ADD, ...set(Q))
  return code
}

/** lowbias32 on four lanes: x ⊕= x ≫ 16; x ·= MIX_1; x ⊕= x ≫ 15; x ·= MIX_2; x ⊕= x ≫ 16 (logical shifts). */
function mix(x: number): Code {
  return [
    ...l(x)(xor(get(x), shrU(get(x), 16))),
    ...l(x)(imul(get(x), splat(MIX_1))),
    ...l(x)(xor(get(x), shrU(get(x), 15))),
    ...l(x)(imul(get(x), splat(MIX_2))),
    ...l(x)(xor(get(x), shrU(get(x), 16))),
  ]
}

/**
 * The kernel's function: `decide(row)` → the arm for the key (k0, k1) in memory (and with `store`, `draw(row)`, which also
 * writes θ_a of every arm as f32 at the draws). First one i32 load per cache line of the user's row of counts
 * (dropped: their misses then overlap), then two passes:
 *
 * (loop $normals                                                  ;; the ⌈K/8⌉ groups, DRAW = draws + 32g
 *   (local.set $h1 (mix (v128.xor (local.get $x) (local.get $key))))                 ;; words 8g + l
 *   (local.set $h2 (mix (v128.xor (i32x4.add (local.get $x) (i32x4 4γ)) (local.get $key)))) ;; words 8g + 4 + l
 *   (local.set $x (i32x4.add (local.get $x) (i32x4 8γ)))
 *   R = √(−2 ln u), u = 1 − (h1 ≫ 8)·2⁻²⁴ = 2^e·m with m ∈ [√½, √2) by integer operations on its bits, the
 *     atanh series; ψ = (h2 ∧ 0xffffff)·(π/4)·2⁻²⁴; sin ψ and cos ψ by Horner; swap where bit 29 of h2, then
 *     R·cos, R·sin, their sign bits flipped by bits 31, 30: stored at DRAW (arms 8g + l) and DRAW + 16
 *     (arms 8g + 4 + l)
 *   (br_if $normals …))
 * (loop $quads                                                    ;; the ⌊K/4⌋ full quads, q = 32·quad
 *   α = prior α + S (f32x4.add of the priors at q and the row at q), β likewise 16 bytes further; θ = m·t³
 *   as in counter-normals.ts on the quad's normals (with store: θ replaces them); where θ > best: arm = the
 *   lane's arm, best = f32x4.pmax(best, θ)
 *   (br_if $quads …))
 * then the last K mod 4 arms as one more quad, its lanes of arms ≥ K set to −∞; then the largest θ of the
 * four lanes (f32x4.pmax against two shuffles) and the smallest arm among the lanes that hold it
 * (i32x4.min_s likewise): the first maximal arm, as a scan would give.
 */
function functionBody(users: number, arms: number, store: boolean): Code {
  const at = wilsonHilfertySimdLayout(users, arms)
  const code: Code = []
  const weyl = (k: number) => Math.imul(k, WEYL)
  code.push(
    ...i32(0),
    I32_LOAD,
    ...memarg(2, at.keys),
    ...set(K0),
    ...i32(0),
    I32_LOAD,
    ...memarg(2, at.keys + 4),
    ...set(K1),
  )
  // One load per cache line of the user's row first, so that their misses overlap.
  for (let o = 0; o < at.rowBytes; o += 64) code.push(...get(ROW), I32_LOAD, ...memarg(2, o), DROP)
  code.push(...l(X)(iadd([...get(K0), ...simd(I32X4_SPLAT)], i32x4(0, weyl(1), weyl(2), weyl(3)))))
  code.push(...l(KEY)([...get(K1), ...simd(I32X4_SPLAT)]))
  code.push(...l(IDX)(i32x4(0, 1, 2, 3)))
  code.push(...l(ARMS)(i32x4(arms, arms, arms, arms)))
  code.push(...l(BEST_V)(f32x4(Number.NEGATIVE_INFINITY)))
  code.push(...l(BEST_I)(i32x4(0, 0, 0, 0)))
  code.push(...i32(0), ...set(Q))
  // first pass: the normals of the ⌈K/8⌉ groups, at the draws
  code.push(...i32(at.draws), ...set(DRAW))
  code.push(LOOP, NO_RESULT, ...normalsOfGroup(weyl))
  code.push(...get(DRAW), ...i32(at.draws + 4 * at.padded), I32_LT_U, BR_IF, 0, END)
  // second pass: θ and the argmax over the ⌊K/4⌋ full quads, then the last K mod 4 arms
  code.push(...i32(at.draws), ...set(DRAW))
  const full = Math.floor(arms / 4)
  if (full > 0) {
    code.push(LOOP, NO_RESULT, ...quad(at, store, 4))
    code.push(...get(Q), ...i32(full * 32), I32_LT_U, BR_IF, 0, END)
  }
  if (arms % 4 !== 0) code.push(...quad(at, store, arms % 4))
  // the four lanes: the largest θ (butterfly maxima), then the smallest arm among the lanes that hold it
  const swapHalves = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]
  const swapPairs = [4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11]
  const across = (op: number, x: number, lanes: number[]): Code =>
    l(x)([...get(x), ...get(x), ...get(x), ...simd(I8X16_SHUFFLE), ...lanes, ...simd(op)])
  code.push(...l(GT)(get(BEST_V)), ...across(F32X4_PMAX, GT, swapHalves), ...across(F32X4_PMAX, GT, swapPairs))
  code.push(...l(BEST_I)(bitselect(get(BEST_I), splat(0x7fffffff), [...get(BEST_V), ...get(GT), ...simd(F32X4_EQ)])))
  code.push(...across(I32X4_MIN_S, BEST_I, swapHalves), ...across(I32X4_MIN_S, BEST_I, swapPairs))
  code.push(...get(BEST_I), ...simd(I32X4_EXTRACT_LANE), 0, END)
  const locals = vector([
    [...uleb(DRAW - K0 + 1), I32],
    [...uleb(V128_LOCALS), V128],
  ])
  const body = [...locals, ...code]
  return [...uleb(body.length), ...body]
}

/**
 * The bytes of the module for `users` × `arms`: imports `env.memory`, exports `decide(row) → arm` and
 * `draw(row) → arm` (row: the byte offset u·K₈·8 of the user's row of counts; the key k0, k1 at the layout's `keys`;
 * see {@link wilsonHilfertySimdLayout}), all other addresses baked in.
 */
export function wilsonHilfertySimdModuleBytes(users: number, arms: number): Uint8Array {
  const pages = Math.ceil(wilsonHilfertySimdLayout(users, arms).end / 65536)
  return moduleBytes(
    [funcType([I32], [I32])],
    [
      { type: 0, body: functionBody(users, arms, false), export: "decide" },
      { type: 0, body: functionBody(users, arms, true), export: "draw" },
    ],
    [0x00, ...uleb(pages)],
  )
}

/**
 * The one interface for randomness in the lab. Every function that draws takes an `Rng`
 * explicitly; nothing in `src/` touches a global generator.
 *
 * @example
 * const rng = createRng(42)
 * rng.next() // a double in [0, 1)
 */
export interface Rng {
  /** A double uniformly distributed in [0, 1), with 53 random bits. */
  next(): number
  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number
}

/**
 * xoshiro128** 1.1 (Blackman & Vigna, 2018): 128 bits of state, period 2^128 − 1, passes
 * BigCrush, and needs only 32-bit integer operations, which V8 runs without boxing.
 * Seeded through SplitMix32 so that nearby seeds give unrelated streams.
 * Reference outputs are checked in test/random/rng.test.ts against the C reference.
 */
export class Xoshiro128 implements Rng {
  private s0: number
  private s1: number
  private s2: number
  private s3: number

  /** Starts from four 32-bit words of state; at least one must be non-zero. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) throw new Error("Xoshiro128: the state must not be all zero")
    this.s0 = s0 | 0
    this.s1 = s1 | 0
    this.s2 = s2 | 0
    this.s3 = s3 | 0
  }

  nextUint32(): number {
    const s0 = this.s0
    const s1 = this.s1
    const s2 = this.s2
    const s3 = this.s3
    const x = Math.imul(s1, 5)
    const result = Math.imul((x << 7) | (x >>> 25), 9)
    const t = s1 << 9
    const n2 = s2 ^ s0
    const n3 = s3 ^ s1
    this.s1 = s1 ^ n2
    this.s0 = s0 ^ n3
    this.s2 = n2 ^ t
    this.s3 = (n3 << 11) | (n3 >>> 21)
    return result >>> 0
  }

  next(): number {
    // 27 + 26 bits, as in the xoshiro authors' recommended double conversion.
    const hi = this.nextUint32() >>> 5
    const lo = this.nextUint32() >>> 6
    return (hi * 67108864 + lo) * 1.1102230246251565e-16
  }

  /**
   * Copies the four state words into `out[offset..offset + 3]`, for hot loops that step the
   * generator with {@link nextWord} on a typed array (int32 loads and stores instead of this object's
   * boxed fields) and hand the state back with {@link loadState}.
   */
  saveState(out: Int32Array, offset = 0): void {
    out[offset] = this.s0
    out[offset + 1] = this.s1
    out[offset + 2] = this.s2
    out[offset + 3] = this.s3
  }

  /** Continues from four state words written by {@link saveState} (and possibly advanced by {@link nextWord}). */
  loadState(words: Int32Array, offset = 0): void {
    this.s0 = words[offset]
    this.s1 = words[offset + 1]
    this.s2 = words[offset + 2]
    this.s3 = words[offset + 3]
  }

  /** A copy with the same state: both copies produce the same sequence from here on. */
  clone(): Xoshiro128 {
    return new Xoshiro128(this.s0, this.s1, this.s2, this.s3)
  }
}

/**
 * {@link Xoshiro128.nextUint32} on state words held in `state[offset..offset + 3]` (see
 * {@link Xoshiro128.saveState}): the same step, so the same numbers.
 * @example
 * const st = new Int32Array(4); rng.saveState(st)
 * const w = nextWord(st, 0) // === what rng.nextUint32() would have returned
 * rng.loadState(st)
 * @internal
 */
export function nextWord(state: Int32Array, offset: number): number {
  const s0 = state[offset]
  const s1 = state[offset + 1]
  const s2 = state[offset + 2]
  const s3 = state[offset + 3]
  const x = Math.imul(s1, 5)
  const result = Math.imul((x << 7) | (x >>> 25), 9)
  const t = s1 << 9
  const n2 = s2 ^ s0
  const n3 = s3 ^ s1
  state[offset + 1] = s1 ^ n2
  state[offset] = s0 ^ n3
  state[offset + 2] = n2 ^ t
  state[offset + 3] = (n3 << 11) | (n3 >>> 21)
  return result >>> 0
}

/** SplitMix32 step (Vigna's 32-bit variant of SplitMix64's finaliser, constants of murmur3). */
function splitMix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0
  let z = state.x
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/**
 * A generator for `seed` and an optional `stream` number. Different streams of one seed are
 * statistically independent sequences: give each run, worker or component its own stream
 * rather than re-seeding with the same integer in two places.
 *
 * @param seed any safe integer
 * @param stream a non-negative integer naming the sub-stream (default 0)
 * @example
 * const runRng = createRng(7, runIndex) // the same numbers whichever worker plays this run
 */
export function createRng(seed: number, stream = 0): Xoshiro128 {
  if (!Number.isSafeInteger(seed)) throw new Error(`createRng: seed must be a safe integer, got ${seed}`)
  if (!Number.isSafeInteger(stream) || stream < 0) {
    throw new Error(`createRng: stream must be a non-negative safe integer, got ${stream}`)
  }
  const state = { x: 0 }
  // Fold both 53-bit integers into the SplitMix state word by word.
  const words = [seed % 4294967296, Math.floor(seed / 4294967296), stream % 4294967296, Math.floor(stream / 4294967296)]
  for (const w of words) {
    state.x = (state.x ^ w) | 0
    splitMix32(state)
  }
  return new Xoshiro128(splitMix32(state), splitMix32(state), splitMix32(state), splitMix32(state))
}

/**
 * A fresh generator derived from `rng` (consumes four draws of it): for handing a component its
 * own stream in the middle of a computation.
 */
export function splitRng(rng: Rng): Xoshiro128 {
  const a = rng.nextUint32()
  const b = rng.nextUint32()
  const c = rng.nextUint32()
  const d = rng.nextUint32()
  return (a | b | c | d) === 0 ? new Xoshiro128(1, 0, 0, 0) : new Xoshiro128(a, b, c, d)
}

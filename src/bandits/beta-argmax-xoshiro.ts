import { Xoshiro128, type Rng } from "../random/rng"
import {
  marsagliaTsangCandidate,
  ZIGGURAT_LAYERS,
  ZIGGURAT_R,
  zigguratFn,
  zigguratKnw,
  zigguratWn,
} from "../random/fast-random"

/** The generator's four state words while {@link betaArgmaxXoshiro} runs (one decision at a time: JavaScript is single-threaded). */
const words = new Int32Array(4)

/**
 * {@link betaArgmax} for a {@link Xoshiro128} generator, with its state held in four locals
 * (registers) and stepped inline: the same words in the same order, the same operations, hence
 * the same arm, the same draws in `out` and the same generator state afterwards, bit for bit
 * (test/bandits/beta-argmax.test.ts). Per arm: two Marsaglia–Tsang gammas (two words each, the
 * ziggurat's tables read inline), a third word and a power for a shape below 1, one division.
 * Returns −1 when `rng` is not a Xoshiro128 (the caller then takes the generic path).
 * @internal
 */
export function betaArgmaxXoshiro(
  rng: Rng,
  priorAlpha: Float64Array,
  priorBeta: Float64Array,
  successes: Float64Array,
  failures: Float64Array,
  row: number,
  K: number,
  out: Float64Array | null,
): number {
  if (!(rng instanceof Xoshiro128)) return -1
  rng.saveState(words)
  const best = argmaxLoop(words, priorAlpha, priorBeta, successes, failures, row, K, out)
  rng.loadState(words)
  return best
}

/**
 * The loop over the 2K gammas (Ga of arm a at j = 2a, Gb at 2a + 1), written out as in the
 * simulation kernels (src/simulation/kernels/thompson-beta.ts): a JavaScript call or a nested loop
 * here made V8 keep the state words out of registers, so the ziggurat's tail is a `tail` mode of
 * the one loop. Each uniform is (word + 0.5)·2⁻³², as fastUniform's.
 */
function argmaxLoop(
  st: Int32Array,
  priorAlpha: Float64Array,
  priorBeta: Float64Array,
  successes: Float64Array,
  failures: Float64Array,
  row: number,
  K: number,
  out: Float64Array | null,
): number {
  const wn = zigguratWn
  const fn = zigguratFn
  const knw = zigguratKnw
  let s0 = st[0]
  let s1 = st[1]
  let s2 = st[2]
  let s3 = st[3]
  let best = 0
  let bestValue = -1
  let x = 0
  for (let j = 0; j < 2 * K; j++) {
    const a = j >> 1
    const shape = (j & 1) === 0 ? priorAlpha[a] + successes[row + a] : priorBeta[a] + failures[row + a]
    const d = (shape < 1 ? shape + 1 : shape) - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    let g: number
    let tail = false
    let tailHz = 0
    let word = 0
    for (;;) {
      let z: number
      let u: number
      if (!tail) {
        let w: number
        let hz: number
        // @xoshiro s → w
        {
          const q = Math.imul(s1, 5)
          w = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
          const k = s1 << 9
          const n2 = s2 ^ s0
          const n3 = s3 ^ s1
          s1 ^= n2
          s0 ^= n3
          s2 = n2 ^ k
          s3 = (n3 << 11) | (n3 >>> 21)
        }
        // @xoshiro s → hz signed
        {
          const q = Math.imul(s1, 5)
          hz = Math.imul((q << 7) | (q >>> 25), 9)
          const k = s1 << 9
          const n2 = s2 ^ s0
          const n3 = s3 ^ s1
          s1 ^= n2
          s0 ^= n3
          s2 = n2 ^ k
          s3 = (n3 << 11) | (n3 >>> 21)
        }
        const iz = w & (ZIGGURAT_LAYERS - 1)
        z = hz * wn[iz]
        if (Math.abs(z) < knw[iz]) u = ((w >>> 7) + 0.5) * 2.9802322387695312e-8
        else if (iz === 0) {
          tail = true
          tailHz = hz
          continue
        } else {
          // @xoshiro s → word
          {
            const q = Math.imul(s1, 5)
            word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          if (!(fn[iz] + (word + 0.5) * 2.3283064365386963e-10 * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * z * z)))
            continue
          // @xoshiro s → word
          {
            const q = Math.imul(s1, 5)
            word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
            const k = s1 << 9
            const n2 = s2 ^ s0
            const n3 = s3 ^ s1
            s1 ^= n2
            s0 ^= n3
            s2 = n2 ^ k
            s3 = (n3 << 11) | (n3 >>> 21)
          }
          u = (word + 0.5) * 2.3283064365386963e-10
        }
      } else {
        // @xoshiro s → word
        {
          const q = Math.imul(s1, 5)
          word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
          const k = s1 << 9
          const n2 = s2 ^ s0
          const n3 = s3 ^ s1
          s1 ^= n2
          s0 ^= n3
          s2 = n2 ^ k
          s3 = (n3 << 11) | (n3 >>> 21)
        }
        const xt = -Math.log((word + 0.5) * 2.3283064365386963e-10) / ZIGGURAT_R
        // @xoshiro s → word
        {
          const q = Math.imul(s1, 5)
          word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
          const k = s1 << 9
          const n2 = s2 ^ s0
          const n3 = s3 ^ s1
          s1 ^= n2
          s0 ^= n3
          s2 = n2 ^ k
          s3 = (n3 << 11) | (n3 >>> 21)
        }
        const y = -Math.log((word + 0.5) * 2.3283064365386963e-10)
        if (y + y < xt * xt) continue
        tail = false
        z = tailHz > 0 ? ZIGGURAT_R + xt : -ZIGGURAT_R - xt
        // @xoshiro s → word
        {
          const q = Math.imul(s1, 5)
          word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
          const k = s1 << 9
          const n2 = s2 ^ s0
          const n3 = s3 ^ s1
          s1 ^= n2
          s0 ^= n3
          s2 = n2 ^ k
          s3 = (n3 << 11) | (n3 >>> 21)
        }
        u = (word + 0.5) * 2.3283064365386963e-10
      }
      g = marsagliaTsangCandidate(z, u, d, c)
      if (g === g) break
    }
    if (shape < 1) {
      // @xoshiro s → word
      {
        const q = Math.imul(s1, 5)
        word = Math.imul((q << 7) | (q >>> 25), 9) >>> 0
        const k = s1 << 9
        const n2 = s2 ^ s0
        const n3 = s3 ^ s1
        s1 ^= n2
        s0 ^= n3
        s2 = n2 ^ k
        s3 = (n3 << 11) | (n3 >>> 21)
      }
      g *= Math.pow((word + 0.5) * 2.3283064365386963e-10, 1 / shape)
    }
    if ((j & 1) === 0) x = g
    else {
      const v = x / (x + g)
      if (out !== null) out[a] = v
      if (v > bestValue) {
        bestValue = v
        best = a
      }
    }
  }
  st[0] = s0
  st[1] = s1
  st[2] = s2
  st[3] = s3
  return best
}

import type { Rng } from "./rng"
import { ZIGGURAT_LAYERS, zigguratKnw, zigguratSlow, zigguratWn } from "./fast-random"

/**
 * A standard normal draw by the 128-layer ziggurat of Marsaglia & Tsang (2000), "The Ziggurat Method
 * for Generating Random Variables", J. Stat. Softw. 5(8), from ONE 32-bit word on its fast path
 * (≈ 98.8% of draws): the word's low 7 bits pick the layer iz, its high 25 bits (the word with those
 * 7 bits cleared, hz = w & −128, a signed multiple of 128) are the value, z = hz·wn[iz], accepted when
 * |z| < kn[iz]·wn[iz]. The wedge and the tail are {@link zigguratSlow}'s (more words). The layer and the
 * value come from disjoint bits of one word, so they are independent; the value has 2²⁵ levels instead
 * of {@link fastNormal}'s 2³², a resolution of ≈ 10⁻⁷ standard deviations. Half the generator words of
 * {@link fastNormal}, for loops where the generator is the cost (the approximate Thompson sampler).
 * @example oneWordNormal(rng) * sd + mean
 */
export function oneWordNormal(rng: Rng): number {
  for (;;) {
    const w = rng.nextUint32() | 0
    const iz = w & (ZIGGURAT_LAYERS - 1)
    const z = (w & -ZIGGURAT_LAYERS) * zigguratWn[iz]
    if (Math.abs(z) < zigguratKnw[iz]) return z
    const x = zigguratSlow(rng, iz, w & -ZIGGURAT_LAYERS)
    if (x === x) return x
  }
}

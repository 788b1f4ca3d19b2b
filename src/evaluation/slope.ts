import { studentTCdf } from "../stats/distributions"

/** One candidate for SLOPE: its estimate and the half-width of its confidence interval. */
export interface SlopeCandidate {
  name: string
  value: number
  /** Half-width: value − (Student-t lower bound at level 1 − δ). */
  width: number
}

/** The candidate SLOPE picked and why. */
export interface SlopeChoice {
  chosen: string
  /** Candidates in the order tested (widest interval first), with whether each passed. */
  tested: { name: string; value: number; width: number; accepted: boolean }[]
  reason: string
}

/**
 * Student-t quantile t_{df}(p) by bisection on `studentTCdf` (to 1e-12).
 * @example studentTQuantile(0.9, 9999) // 1.2817 (scipy.stats.t.ppf)
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`studentTQuantile: p must be in (0, 1), got ${p}`)
  let lo = -1e3
  let hi = 1e3
  for (let it = 0; it < 200 && hi - lo > 1e-12; it++) {
    const mid = 0.5 * (lo + hi)
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return 0.5 * (lo + hi)
}

/**
 * SLOPE's interval half-width for an estimate that is the mean of per-round terms:
 * t_{n−1}(1 − δ) · stderr, stderr = sd(terms)/√n (OBP's
 * `estimate_student_t_lower_bound`, δ = 0.1 by default as OBP's `delta`).
 * @example slopeWidth(10000, 0.0014) // 1.2817 · 0.0014
 */
export function slopeWidth(n: number, stderr: number, delta = 0.1): number {
  return studentTQuantile(1 - delta, n - 1) * stderr
}

/**
 * SLOPE (Su, Srinath & Krishnamurthy 2020), in OBP's SLOPE++ form (Tucker & Lee 2021): sort the
 * candidates by interval width, widest (least biased) first; accept each while its estimate lies
 * within `widthᵢ + C·widthⱼ` (C = √6 − 1) of every accepted one; stop at the first that does not
 * and choose the last accepted. Candidates should be ordered so that bias grows as variance
 * shrinks (clipping levels of one estimator, or IPW → DR → DRos → DM): the choice is the most
 * precise estimate that no less biased one contradicts.
 * @example slope([{ name: "ipw", value: 0.5, width: 0.2 }, { name: "dm", value: 0.1, width: 0.01 }]).chosen // "ipw"
 */
export function slope(candidates: readonly SlopeCandidate[]): SlopeChoice {
  if (candidates.length === 0) throw new Error("slope: give at least one candidate")
  const C = Math.sqrt(6) - 1
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[b].width - candidates[a].width)
  const tested: SlopeChoice["tested"] = []
  const accepted: SlopeCandidate[] = []
  let rejected: SlopeCandidate | undefined
  for (const idx of order) {
    const c = candidates[idx]
    const ok = rejected === undefined && accepted.every((a) => Math.abs(a.value - c.value) <= c.width + C * a.width)
    tested.push({ name: c.name, value: c.value, width: c.width, accepted: ok })
    if (ok) accepted.push(c)
    else rejected ??= c
  }
  const chosen = accepted[accepted.length - 1]
  const reason =
    rejected === undefined
      ? `${chosen.name} has the narrowest interval (±${chosen.width.toPrecision(3)}) and agrees with every wider one`
      : `${chosen.name} is the most precise estimate (±${chosen.width.toPrecision(3)}) that every less biased one agrees with; ${rejected.name} (${rejected.value.toPrecision(4)} ± ${rejected.width.toPrecision(3)}) is narrower but contradicts them, a sign of bias`
  return { chosen: chosen.name, tested, reason }
}

import { dot, dotAt } from "./dot"
/** Options of `minimizeLbfgs`. */
export interface LbfgsOptions {
  /** Number of correction pairs kept (m). Default 10. */
  memory?: number
  /** Maximum number of iterations. Default 1000. */
  maxIter?: number
  /** Stop when max |∂f/∂x_j| ≤ gradTol. Default 1e-8. */
  gradTol?: number
}

/** What `minimizeLbfgs` found. */
export interface LbfgsResult {
  x: Float64Array
  value: number
  iterations: number
  /** Number of function-and-gradient evaluations. */
  evaluations: number
  /** max |∂f/∂x_j| at `x`. */
  gradInfNorm: number
  converged: boolean
}

/**
 * The objective: writes ∇f(x) into `grad` and returns f(x).
 * Must not keep references to `x` or `grad`.
 */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number

const C1 = 1e-4
const C2 = 0.9

/**
 * Minimises a smooth function with limited-memory BFGS: the search direction is −H∇f, where H is
 * the inverse-Hessian approximation built by the two-loop recursion from the last m pairs
 * (s = Δx, y = Δ∇f), scaled by γ = sᵀy / yᵀy; the step satisfies the strong Wolfe conditions
 * (line search with zoom and safeguarded cubic interpolation).
 * Source: Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithms 7.4, 7.5, 3.5 and 3.6.
 *
 * @example
 * // f(x) = (x0 − 1)² + 10 (x1 + 2)²
 * const r = minimizeLbfgs((x, g) => { g[0] = 2 * (x[0] - 1); g[1] = 20 * (x[1] + 2); return (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2 }, new Float64Array(2))
 * r.x // ≈ [1, −2]
 */
export function minimizeLbfgs(fg: ObjectiveWithGradient, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.memory ?? 10
  const maxIter = options.maxIter ?? 1000
  const gradTol = options.gradTol ?? 1e-8
  if (!Number.isInteger(m) || m < 1) throw new Error(`minimizeLbfgs: memory must be an integer >= 1, got ${m}`)
  if (!Number.isInteger(maxIter) || maxIter < 0)
    throw new Error(`minimizeLbfgs: maxIter must be an integer >= 0, got ${maxIter}`)
  if (!(gradTol >= 0)) throw new Error(`minimizeLbfgs: gradTol must be >= 0, got ${gradTol}`)

  const n = x0.length
  const x = Float64Array.from(x0)
  const g = new Float64Array(n)
  const d = new Float64Array(n)
  const xt = new Float64Array(n)
  const gt = new Float64Array(n)
  const S = new Float64Array(m * n)
  const Y = new Float64Array(m * n)
  const rho = new Float64Array(m)
  const alpha = new Float64Array(m)
  let stored = 0
  let head = 0 // index of the next slot to write
  let evaluations = 1
  let f = fg(x, g)
  if (!Number.isFinite(f)) throw new Error(`minimizeLbfgs: the objective is ${f} at the starting point`)
  let iterations = 0
  let gInf = infNorm(g)

  // Line-search state shared with the helpers below (closures over typed arrays, no allocation per step).
  let ft = 0
  const evalAt = (step: number): number => {
    for (let j = 0; j < n; j++) xt[j] = x[j] + step * d[j]
    ft = fg(xt, gt)
    evaluations++
    return dot(gt, d)
  }

  while (gInf > gradTol && iterations < maxIter) {
    // Two-loop recursion: d = −H g.
    for (let j = 0; j < n; j++) d[j] = -g[j]
    for (let k = 0; k < stored; k++) {
      const slot = (head - 1 - k + m) % m
      const a = rho[slot] * dotAt(S, slot * n, d, 0, n)
      alpha[slot] = a
      axpyAt(-a, Y, slot * n, d, n)
    }
    if (stored > 0) {
      const last = (head - 1 + m) % m
      let yy = 0
      for (let j = last * n; j < last * n + n; j++) yy += Y[j] * Y[j]
      const gamma = 1 / (rho[last] * yy)
      for (let j = 0; j < n; j++) d[j] *= gamma
    }
    for (let k = stored - 1; k >= 0; k--) {
      const slot = (head - 1 - k + m) % m
      const b = rho[slot] * dotAt(Y, slot * n, d, 0, n)
      axpyAt(alpha[slot] - b, S, slot * n, d, n)
    }
    let dphi0 = dot(g, d)
    if (!(dphi0 < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0
      for (let j = 0; j < n; j++) d[j] = -g[j]
      dphi0 = dot(g, d)
    }
    const first = stored === 0 ? Math.min(1, 1 / Math.sqrt(-dphi0)) : 1
    const step = wolfeLineSearch(f, dphi0, first, evalAt, () => ft)
    if (step === 0) break // no progress possible at machine precision
    // Accept: s = xt − x, y = gt − g.
    const slot = head
    let sy = 0
    for (let j = 0; j < n; j++) {
      const s = xt[j] - x[j]
      const y = gt[j] - g[j]
      S[slot * n + j] = s
      Y[slot * n + j] = y
      sy += s * y
      x[j] = xt[j]
      g[j] = gt[j]
    }
    f = ft
    if (sy > 1e-16) {
      rho[slot] = 1 / sy
      head = (head + 1) % m
      stored = Math.min(stored + 1, m)
    }
    iterations++
    gInf = infNorm(g)
  }
  return { x, value: f, iterations, evaluations, gradInfNorm: gInf, converged: gInf <= gradTol }
}

/**
 * Strong-Wolfe line search (Nocedal & Wright Algorithms 3.5 and 3.6). `evalAt(a)` evaluates the
 * trial point x + a·d (leaving it in the caller's trial buffers) and returns φ'(a); `value()`
 * returns φ(a) of the last evaluation. Returns the accepted step, whose point is the last one
 * evaluated, or 0 when no step decreases f.
 */
function wolfeLineSearch(
  phi0: number,
  dphi0: number,
  first: number,
  evalAt: (a: number) => number,
  value: () => number,
): number {
  let aPrev = 0
  let phiPrev = phi0
  let dphiPrev = dphi0
  let a = first
  for (let i = 0; i < 40; i++) {
    const dphi = evalAt(a)
    const phi = value()
    if (!Number.isFinite(phi) || phi > phi0 + C1 * a * dphi0 || (i > 0 && phi >= phiPrev)) {
      return zoom(
        aPrev,
        phiPrev,
        dphiPrev,
        a,
        Number.isFinite(phi) ? phi : Infinity,
        Number.isFinite(dphi) ? dphi : NaN,
        phi0,
        dphi0,
        evalAt,
        value,
      )
    }
    if (Math.abs(dphi) <= -C2 * dphi0) return a
    if (dphi >= 0) return zoom(a, phi, dphi, aPrev, phiPrev, dphiPrev, phi0, dphi0, evalAt, value)
    aPrev = a
    phiPrev = phi
    dphiPrev = dphi
    a *= 2
  }
  evalAt(aPrev)
  return aPrev
}

function zoom(
  lo: number,
  phiLo: number,
  dphiLo: number,
  hi: number,
  phiHi: number,
  dphiHi: number,
  phi0: number,
  dphi0: number,
  evalAt: (a: number) => number,
  value: () => number,
): number {
  for (let i = 0; i < 60; i++) {
    const a = interpolate(lo, phiLo, dphiLo, hi, phiHi, dphiHi)
    const dphi = evalAt(a)
    const phi = value()
    if (!Number.isFinite(phi) || phi > phi0 + C1 * a * dphi0 || phi >= phiLo) {
      hi = a
      phiHi = Number.isFinite(phi) ? phi : Infinity
      dphiHi = dphi
    } else {
      if (Math.abs(dphi) <= -C2 * dphi0) return a
      if (dphi * (hi - lo) >= 0) {
        hi = lo
        phiHi = phiLo
        dphiHi = dphiLo
      }
      lo = a
      phiLo = phi
      dphiLo = dphi
    }
    if (Math.abs(hi - lo) <= 1e-16 * Math.max(1, Math.abs(lo))) break
  }
  // The interval collapsed: take the best point found if it decreased f (Armijo holds at lo).
  if (lo === 0) return 0
  evalAt(lo)
  return lo
}

/** Minimiser of the cubic through (lo, hi) with their values and slopes, kept inside the middle 80% of the interval; bisection otherwise. */
function interpolate(lo: number, phiLo: number, dphiLo: number, hi: number, phiHi: number, dphiHi: number): number {
  const left = Math.min(lo, hi)
  const width = Math.abs(hi - lo)
  const mid = 0.5 * (lo + hi)
  if (!Number.isFinite(phiHi) || !Number.isFinite(dphiHi)) return mid
  const d1 = dphiLo + dphiHi - (3 * (phiLo - phiHi)) / (lo - hi)
  const disc = d1 * d1 - dphiLo * dphiHi
  if (!(disc >= 0)) return mid
  const d2 = Math.sign(hi - lo) * Math.sqrt(disc)
  const a = hi - ((hi - lo) * (dphiHi + d2 - d1)) / (dphiHi - dphiLo + 2 * d2)
  if (!Number.isFinite(a) || a < left + 0.1 * width || a > left + 0.9 * width) return mid
  return a
}

function axpyAt(alpha: number, a: Float64Array, offset: number, y: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) y[j] += alpha * a[offset + j]
}

function infNorm(a: Float64Array): number {
  let s = 0
  for (let j = 0; j < a.length; j++) {
    const v = Math.abs(a[j])
    if (v > s) s = v
  }
  return s
}

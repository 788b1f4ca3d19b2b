/**
 * A quasi-identifier (an attribute that, combined with others, can re-identify a person: age, region,
 * device…) with its generalisation hierarchy. Level 0 is the exact value.
 * - numeric: level l ≥ 1 replaces v by its bin ⌊v / w⌋ of width w = widths[l − 1] (Infinity: one bin, "*");
 * - categorical (integer codes): level l ≥ 1 replaces code c by hierarchy[l − 1][c] (e.g. city → province → "*").
 */
export type QuasiIdentifier =
  | { name: string; kind: "numeric"; values: ArrayLike<number>; widths: readonly number[] }
  | { name: string; kind: "categorical"; values: ArrayLike<number>; hierarchy: readonly ArrayLike<number>[] }

/** Options of {@link kAnonymize}. */
export interface KAnonymityOptions {
  /** Every released combination of generalised quasi-identifiers is shared by at least k rows. */
  k: number
  /** Rows that may be suppressed (withheld) when their class stays smaller than k; default 0. */
  maxSuppressed?: number
  /** Evaluate this one lattice node (a level per quasi-identifier) instead of searching. */
  levels?: readonly number[]
}

/** The released table: one generalisation level per quasi-identifier and what it cost. */
export interface KAnonymityResult {
  /** Chosen level of each quasi-identifier (the lattice node). */
  levels: number[]
  /** Generalised code of each row for each quasi-identifier (rows × QIs, row-major). */
  generalized: Float64Array
  /** 1 for the rows withheld from the release. */
  suppressed: Uint8Array
  /** Equivalence-class size of every row (0 when suppressed). */
  classSize: Int32Array
  /** Discernibility metric: Σ over released classes E of |E|², plus n for every suppressed row (Bayardo & Agrawal 2005). */
  discernibility: number
  /** Normalised certainty penalty in [0, 1]: the mean over rows and QIs of how much of the attribute's domain a released value covers, 1 for a suppressed row (Xu et al. 2006). */
  ncp: number
  /** How many lattice nodes were k-anonymous within the suppression budget. */
  feasible: number
}

function levelCount(q: QuasiIdentifier): number {
  return 1 + (q.kind === "numeric" ? q.widths.length : q.hierarchy.length)
}

function checkQuasiIdentifiers(qis: readonly QuasiIdentifier[]): number {
  if (qis.length === 0) throw new Error("kAnonymize: give at least one quasi-identifier")
  const n = qis[0].values.length
  for (const q of qis) {
    if (q.values.length !== n)
      throw new Error(`kAnonymize: ${q.name} has ${q.values.length} values, ${qis[0].name} has ${n}`)
    for (let r = 0; r < n; r++) {
      const v = q.values[r]
      if (q.kind === "numeric" ? !Number.isFinite(v) : !(Number.isInteger(v) && v >= 0)) {
        throw new Error(
          `kAnonymize: ${q.name} of row ${r} is ${v}; ${q.kind === "numeric" ? "values must be finite numbers" : "codes must be integers >= 0"}`,
        )
      }
    }
    if (q.kind === "numeric") {
      q.widths.forEach((w, l) => {
        if (!(w > 0) || (l > 0 && w <= q.widths[l - 1]))
          throw new Error(`kAnonymize: ${q.name} widths[${l}] must be > 0 and above the previous width, got ${w}`)
      })
    } else {
      for (let r = 0; r < n; r++) {
        let c = q.values[r]
        q.hierarchy.forEach((map, l) => {
          const parent = map[c]
          if (!(Number.isInteger(parent) && parent >= 0))
            throw new Error(`kAnonymize: ${q.name} hierarchy[${l}] has no parent code for ${c} (got ${parent})`)
          c = parent
        })
      }
    }
  }
  return n
}

/**
 * k-anonymity by full-domain generalisation (Samarati 2001; Sweeney 2002): every quasi-identifier is
 * generalised to one level of its hierarchy for the whole table, so that each combination of released
 * values is shared by at least k rows — a record then hides among k − 1 others. Rows of classes still
 * smaller than k may be suppressed, up to `maxSuppressed`. Every node of the generalisation lattice
 * (a level per quasi-identifier) is checked, as Incognito does (LeFevre, DeWitt & Ramakrishnan 2005),
 * and of those that work the one with the least normalised certainty penalty is released (ties: the
 * lower total height, then the first in lexicographic order); its cost is also given as discernibility.
 * Categorical hierarchies are composed level by level: hierarchy[l] maps a code of level l to level l + 1.
 * @throws if no node is k-anonymous within the suppression budget, or on bad input (named)
 * @example kAnonymize([{ name: "age", kind: "numeric", values: ages, widths: [5, 10, 20, Infinity] }], { k: 5 }).levels
 */
export function kAnonymize(qis: readonly QuasiIdentifier[], options: KAnonymityOptions): KAnonymityResult {
  const n = checkQuasiIdentifiers(qis)
  const { k } = options
  const maxSuppressed = options.maxSuppressed ?? 0
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`kAnonymize: k must be an integer in [1, ${n}], got ${k}`)
  if (!Number.isInteger(maxSuppressed) || maxSuppressed < 0)
    throw new Error(`kAnonymize: maxSuppressed must be an integer >= 0, got ${maxSuppressed}`)
  const m = qis.length
  const counts = qis.map(levelCount)
  // per QI and level: each row's code, and the share of the domain its released value covers
  const codes: Float64Array[][] = qis.map((q, j) =>
    Array.from({ length: counts[j] }, (_, l) => Float64Array.from({ length: n }, (_, r) => composed(q, l, r))),
  )
  const penalty: Float64Array[][] = qis.map((q, j) => codes[j].map((level) => coverage(q, level, codes[j][0])))
  const nodes: number[][] = []
  const walk = (prefix: number[]): void => {
    if (prefix.length === m) nodes.push(prefix)
    else for (let l = 0; l < counts[prefix.length]; l++) walk([...prefix, l])
  }
  if (options.levels) {
    const given = options.levels
    if (given.length !== m || given.some((l, j) => !Number.isInteger(l) || l < 0 || l >= counts[j])) {
      throw new Error(
        `kAnonymize: levels must give ${m} levels, level j in [0, ${counts.map((c) => c - 1).join("], [0, ")}], got [${given.join(", ")}]`,
      )
    }
    nodes.push([...given])
  } else walk([])
  nodes.sort((a, b) => a.reduce((s, v) => s + v, 0) - b.reduce((s, v) => s + v, 0))
  let best: { node: number[]; ncp: number; classOf: Int32Array; sizes: number[] } | null = null
  let feasible = 0
  for (const node of nodes) {
    const keys = new Map<string, number>()
    const classOf = new Int32Array(n)
    const sizes: number[] = []
    for (let r = 0; r < n; r++) {
      let key = ""
      for (let j = 0; j < m; j++) key += `${codes[j][node[j]][r]}|`
      let c = keys.get(key)
      if (c === undefined) {
        c = sizes.length
        keys.set(key, c)
        sizes.push(0)
      }
      sizes[c]++
      classOf[r] = c
    }
    let small = 0
    for (let r = 0; r < n; r++) if (sizes[classOf[r]] < k) small++
    if (small > maxSuppressed) continue
    feasible++
    let ncp = 0
    for (let r = 0; r < n; r++) {
      if (sizes[classOf[r]] < k) ncp += m
      else for (let j = 0; j < m; j++) ncp += penalty[j][node[j]][r]
    }
    ncp /= n * m
    if (!best || ncp < best.ncp) best = { node, ncp, classOf, sizes }
  }
  if (!best)
    throw new Error(
      `kAnonymize: no generalisation makes every class at least ${k} rows with at most ${maxSuppressed} suppressed; allow more suppression or add a coarser level`,
    )
  const generalized = new Float64Array(n * m)
  const suppressed = new Uint8Array(n)
  const classSize = new Int32Array(n)
  let discernibility = 0
  for (let r = 0; r < n; r++) {
    const size = best.sizes[best.classOf[r]]
    if (size < k) {
      suppressed[r] = 1
      discernibility += n
      for (let j = 0; j < m; j++) generalized[r * m + j] = Number.NaN
      continue
    }
    classSize[r] = size
    discernibility += size
    for (let j = 0; j < m; j++) generalized[r * m + j] = codes[j][best.node[j]][r]
  }
  return { levels: best.node, generalized, suppressed, classSize, discernibility, ncp: best.ncp, feasible }
}

/** The code of row r at level l, composing a categorical hierarchy from level 0 up. */
function composed(q: QuasiIdentifier, level: number, row: number): number {
  if (q.kind === "numeric") {
    if (level === 0) return q.values[row]
    const w = q.widths[level - 1]
    return w === Infinity ? 0 : Math.floor(q.values[row] / w)
  }
  let c = q.values[row]
  for (let l = 0; l < level; l++) c = q.hierarchy[l][c]
  return c
}

/**
 * Each row's NCP at one level: numeric, the span of the exact values that share its released bin over
 * the data's range; categorical, (distinct exact codes under its released code − 1)/(distinct codes − 1).
 */
function coverage(q: QuasiIdentifier, level: Float64Array, exact: Float64Array): Float64Array {
  const n = exact.length
  const out = new Float64Array(n)
  if (q.kind === "numeric") {
    let lo = Infinity
    let hi = -Infinity
    for (let r = 0; r < n; r++) {
      lo = Math.min(lo, exact[r])
      hi = Math.max(hi, exact[r])
    }
    const range = hi - lo
    if (range === 0) return out
    if (level === exact) return out
    // the bin of a row: [b·w, (b + 1)·w) ∩ [lo, hi], from the smallest and largest exact values sharing its code
    const span = new Map<number, [number, number]>()
    for (let r = 0; r < n; r++) {
      const s = span.get(level[r]) ?? [Infinity, -Infinity]
      span.set(level[r], [Math.min(s[0], exact[r]), Math.max(s[1], exact[r])])
    }
    for (let r = 0; r < n; r++) {
      const [a, b] = span.get(level[r])!
      out[r] = (b - a) / range
    }
    return out
  }
  const distinct = new Set(exact).size
  if (distinct <= 1) return out
  const leaves = new Map<number, Set<number>>()
  for (let r = 0; r < n; r++) {
    const s = leaves.get(level[r]) ?? new Set<number>()
    s.add(exact[r])
    leaves.set(level[r], s)
  }
  for (let r = 0; r < n; r++) out[r] = (leaves.get(level[r])!.size - 1) / (distinct - 1)
  return out
}

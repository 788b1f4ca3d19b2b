import type { DenseMatrix } from "../linalg/matrix"
import { stationaryDistribution, type StationaryOptions } from "./stationary"

/** Options of `MarkovChain` (defaults in brackets). */
export interface MarkovChainOptions {
  /** Number of states; states are 0..nStates−1. */
  nStates: number
  /** Additive (Laplace/Lidstone) smoothing α added to every transition count [1]; 0 gives the plain MLE. */
  smoothing?: number
  /** Names of the states, for display [the indices]. */
  stateNames?: readonly string[]
}

interface Fitted {
  counts: DenseMatrix
  transitions: DenseMatrix
  initial: Float64Array
}

/**
 * A first-order Markov chain over behaviour states: P(s_{t+1} = j | s_t = i) = p_ij, estimated from
 * sequences by the smoothed maximum-likelihood estimate
 *   p̂_ij = (n_ij + α) / (n_i· + α·S),
 * where n_ij counts i→j transitions and S is the number of states (α = 0: the MLE n_ij / n_i·;
 * a state never left then gets a uniform row). The first states of the sequences give the initial
 * distribution, smoothed the same way. Seed 002 §4.1; Norris, Markov Chains (1997) §1.10 for the MLE.
 *
 * @example
 * const mc = new MarkovChain({ nStates: 3, smoothing: 0.5 }).fit([[0, 1, 2], [0, 0, 1]])
 * mc.nextDistribution(0) // P(next | state 0)
 * mc.stationary()        // long-run share of time in each state
 */
export class MarkovChain {
  readonly config: Readonly<{ nStates: number; smoothing: number; stateNames: readonly string[] }>
  private fitted: Fitted | null = null

  constructor(options: MarkovChainOptions) {
    const { nStates } = options
    const smoothing = options.smoothing ?? 1
    if (!Number.isInteger(nStates) || nStates < 2)
      throw new Error(`MarkovChain: nStates must be an integer >= 2, got ${nStates}`)
    if (!(smoothing >= 0) || !Number.isFinite(smoothing))
      throw new Error(`MarkovChain: smoothing must be a finite number >= 0, got ${smoothing}`)
    const stateNames = options.stateNames ?? Array.from({ length: nStates }, (_, i) => String(i))
    if (stateNames.length !== nStates)
      throw new Error(`MarkovChain: stateNames has ${stateNames.length} names but nStates is ${nStates}`)
    this.config = { nStates, smoothing, stateNames }
  }

  /**
   * Counts the transitions of each sequence (states 0..nStates−1) and estimates the chain.
   * @throws on no sequences, no transitions at all, or a state outside [0, nStates)
   */
  fit(sequences: ReadonlyArray<ArrayLike<number>>): this {
    const S = this.config.nStates
    const alpha = this.config.smoothing
    if (sequences.length === 0) throw new Error("MarkovChain.fit: sequences must not be empty")
    const counts = new Float64Array(S * S)
    const starts = new Float64Array(S)
    let transitions = 0
    sequences.forEach((seq, r) => {
      for (let t = 0; t < seq.length; t++) {
        const s = seq[t]
        if (!(Number.isInteger(s) && s >= 0 && s < S))
          throw new Error(`MarkovChain.fit: sequences[${r}][${t}] is ${s}; states must be integers in [0, ${S})`)
        if (t === 0) starts[s]++
        else {
          counts[seq[t - 1] * S + s]++
          transitions++
        }
      }
    })
    if (transitions === 0)
      throw new Error("MarkovChain.fit: the sequences hold no transitions (every sequence has fewer than two states)")
    const P = new Float64Array(S * S)
    for (let i = 0; i < S; i++) {
      let row = 0
      for (let j = 0; j < S; j++) row += counts[i * S + j]
      const denom = row + alpha * S
      for (let j = 0; j < S; j++) P[i * S + j] = denom > 0 ? (counts[i * S + j] + alpha) / denom : 1 / S
    }
    let nStarts = 0
    for (let i = 0; i < S; i++) nStarts += starts[i]
    const initial = new Float64Array(S)
    for (let i = 0; i < S; i++)
      initial[i] = nStarts + alpha * S > 0 ? (starts[i] + alpha) / (nStarts + alpha * S) : 1 / S
    this.fitted = {
      counts: { kind: "dense", nRows: S, nCols: S, data: counts },
      transitions: { kind: "dense", nRows: S, nCols: S, data: P },
      initial,
    }
    return this
  }

  /** The S × S transition counts n_ij. */
  get counts(): DenseMatrix {
    return this.state("counts").counts
  }

  /** The S × S estimated transition matrix (rows sum to 1). */
  get transitionMatrix(): DenseMatrix {
    return this.state("transitionMatrix").transitions
  }

  /** The estimated distribution of first states. */
  get initial(): Float64Array {
    return this.state("initial").initial
  }

  /** P(next state | current state). */
  nextDistribution(state: number): Float64Array {
    const P = this.state("nextDistribution").transitions
    this.checkState(state, "nextDistribution")
    return P.data.slice(state * P.nCols, (state + 1) * P.nCols)
  }

  /** The most likely next state (ties → the smaller index). */
  predictNext(state: number): number {
    const p = this.nextDistribution(state)
    let best = 0
    for (let j = 1; j < p.length; j++) if (p[j] > p[best]) best = j
    return best
  }

  /**
   * The distribution after n steps: π_n = π_0 Pⁿ, from a state index or a distribution.
   * @example mc.nStep(0, 3) // P(state after 3 steps | start in 0)
   */
  nStep(start: number | ArrayLike<number>, n: number): Float64Array {
    const P = this.state("nStep").transitions
    const S = P.nRows
    if (!Number.isInteger(n) || n < 0) throw new Error(`MarkovChain.nStep: n must be an integer >= 0, got ${n}`)
    let pi = new Float64Array(S)
    if (typeof start === "number") {
      this.checkState(start, "nStep")
      pi[start] = 1
    } else {
      if (start.length !== S)
        throw new Error(`MarkovChain.nStep: the start distribution has ${start.length} entries, expected ${S}`)
      let total = 0
      for (let i = 0; i < S; i++) {
        if (!(start[i] >= 0)) throw new Error(`MarkovChain.nStep: start[${i}] = ${start[i]} is not a probability`)
        total += start[i]
        pi[i] = start[i]
      }
      if (Math.abs(total - 1) > 1e-9)
        throw new Error(`MarkovChain.nStep: the start distribution sums to ${total}, not 1`)
    }
    let next = new Float64Array(S)
    for (let step = 0; step < n; step++) {
      next.fill(0)
      for (let i = 0; i < S; i++) for (let j = 0; j < S; j++) next[j] += pi[i] * P.data[i * S + j]
      const t = pi
      pi = next
      next = t
    }
    return pi
  }

  /** The stationary distribution of the estimated chain (see `stationaryDistribution`). */
  stationary(options?: StationaryOptions): Float64Array {
    return stationaryDistribution(this.state("stationary").transitions, options)
  }

  /**
   * Log-likelihood Σ log p̂(s_t | s_{t−1}) of the transitions of `sequences` (first states not
   * counted). −Infinity when an unsmoothed chain meets a transition it never saw.
   */
  logLikelihood(sequences: ReadonlyArray<ArrayLike<number>>): number {
    const P = this.state("logLikelihood").transitions
    const S = P.nRows
    let ll = 0
    this.forEachTransition(sequences, "logLikelihood", (i, j) => {
      ll += Math.log(P.data[i * S + j])
    })
    return ll
  }

  /** Share of the transitions of `sequences` whose next state equals `predictNext(previous)`. */
  nextStateAccuracy(sequences: ReadonlyArray<ArrayLike<number>>): number {
    const S = this.config.nStates
    const best = Int32Array.from({ length: S }, (_, i) => this.predictNext(i))
    let hits = 0
    let total = 0
    this.forEachTransition(sequences, "nextStateAccuracy", (i, j) => {
      total++
      if (best[i] === j) hits++
    })
    if (total === 0) throw new Error("MarkovChain.nextStateAccuracy: the sequences hold no transitions")
    return hits / total
  }

  private forEachTransition(
    sequences: ReadonlyArray<ArrayLike<number>>,
    who: string,
    f: (from: number, to: number) => void,
  ): void {
    const S = this.config.nStates
    sequences.forEach((seq, r) => {
      for (let t = 0; t < seq.length; t++) {
        const s = seq[t]
        if (!(Number.isInteger(s) && s >= 0 && s < S))
          throw new Error(`MarkovChain.${who}: sequences[${r}][${t}] is ${s}; states must be integers in [0, ${S})`)
        if (t > 0) f(seq[t - 1], s)
      }
    })
  }

  private checkState(state: number, who: string): void {
    const S = this.config.nStates
    if (!(Number.isInteger(state) && state >= 0 && state < S))
      throw new Error(`MarkovChain.${who}: state must be an integer in [0, ${S}), got ${state}`)
  }

  private state(what: string): Fitted {
    if (!this.fitted) throw new Error(`MarkovChain.${what}: call fit() first`)
    return this.fitted
  }
}

/**
 * One chain per segment: `segments[r]` is the segment (0..nSegments−1) of `sequences[r]`.
 * A segment without transitions gets no chain (null).
 * @example perSegmentChains(seqs, world.users.segment, 2, { nStates: 5 })
 */
export function perSegmentChains(
  sequences: ReadonlyArray<ArrayLike<number>>,
  segments: ArrayLike<number>,
  nSegments: number,
  options: MarkovChainOptions,
): (MarkovChain | null)[] {
  if (segments.length !== sequences.length)
    throw new Error(
      `perSegmentChains: segments has ${segments.length} entries but there are ${sequences.length} sequences`,
    )
  if (!Number.isInteger(nSegments) || nSegments < 1)
    throw new Error(`perSegmentChains: nSegments must be an integer >= 1, got ${nSegments}`)
  const groups: ArrayLike<number>[][] = Array.from({ length: nSegments }, () => [])
  for (let r = 0; r < sequences.length; r++) {
    const g = segments[r]
    if (!(Number.isInteger(g) && g >= 0 && g < nSegments))
      throw new Error(`perSegmentChains: segments[${r}] is ${g}; segments must be integers in [0, ${nSegments})`)
    groups[g].push(sequences[r])
  }
  return groups.map((seqs) => (seqs.some((s) => s.length > 1) ? new MarkovChain(options).fit(seqs) : null))
}

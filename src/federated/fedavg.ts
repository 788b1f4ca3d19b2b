import type { Rng } from "../random/rng"
import { splitRng } from "../random/rng"
import type { LabelledData } from "./client-dataset"
import { addGaussianNoise, clipToNorm, type ClientUpdatePrivacy } from "./client-update-privacy"
import { logisticSgd, type LocalSgdOptions } from "./logistic-loss"

/** Options of federated averaging. */
export interface FedAvgOptions extends LocalSgdOptions {
  /** Communication rounds. */
  rounds: number
  /** Clients sampled (without replacement) per round: m = max(C·K, 1) in McMahan et al. */
  clientsPerRound: number
  /** Clip and noise the client updates (DP-FedAvg); absent: plain FedAvg. */
  privacy?: ClientUpdatePrivacy
}

/** The model after each round, for rounds-vs-accuracy curves. */
export interface FedAvgResult {
  weights: Float64Array
  /** history[t] = weights after round t+1. */
  history: Float64Array[]
  /** Mean L2 norm of client updates before clipping, per round. */
  updateNorms: Float64Array
}

function checkOptions(o: FedAvgOptions, nClients: number): void {
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`fedAvgLogistic: ${name} must be a positive integer, got ${v}`)
  }
  positiveInt("rounds", o.rounds)
  positiveInt("epochs", o.epochs)
  positiveInt("batchSize", o.batchSize)
  positiveInt("clientsPerRound", o.clientsPerRound)
  if (o.clientsPerRound > nClients)
    throw new Error(`fedAvgLogistic: clientsPerRound must be at most the ${nClients} clients, got ${o.clientsPerRound}`)
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate)))
    throw new Error(`fedAvgLogistic: learningRate must be a finite number > 0, got ${o.learningRate}`)
  if (!(o.l2 >= 0 && Number.isFinite(o.l2)))
    throw new Error(`fedAvgLogistic: l2 must be a finite number >= 0, got ${o.l2}`)
  if (o.privacy) {
    if (!(o.privacy.clipNorm > 0))
      throw new Error(`fedAvgLogistic: privacy.clipNorm must be > 0, got ${o.privacy.clipNorm}`)
    if (!(o.privacy.noiseMultiplier >= 0))
      throw new Error(`fedAvgLogistic: privacy.noiseMultiplier must be >= 0, got ${o.privacy.noiseMultiplier}`)
  }
}

/**
 * Federated averaging (FedAvg, McMahan, Moore, Ramage, Hampson & Agüera y Arcas 2017, Algorithm 1)
 * for L2-regularised logistic regression. Each round the server samples m clients; each runs
 * `epochs` of minibatch SGD from the current global weights on its own data only and sends back
 * its update Δ_k; the server adds the average Δ weighted by client size n_k / Σn. The raw data
 * never leave the clients.
 *
 * With `privacy` (DP-FedAvg, McMahan et al. 2018): each Δ_k is clipped to norm S, the updates are
 * averaged with equal weights, and N(0, (zS/m)²) noise is added to the average.
 * @throws on invalid options (the option is named) or clients with different feature counts
 * @example fedAvgLogistic(clients, { rounds: 30, clientsPerRound: 5, epochs: 1, batchSize: 32, learningRate: 0.1, l2: 1e-3 }, rng)
 */
export function fedAvgLogistic(clients: readonly LabelledData[], options: FedAvgOptions, rng: Rng): FedAvgResult {
  if (clients.length === 0) throw new Error("fedAvgLogistic: clients must not be empty")
  checkOptions(options, clients.length)
  const d = clients[0].d
  for (const c of clients)
    if (c.d !== d) throw new Error(`fedAvgLogistic: every client must have ${d} features, one has ${c.d}`)
  const k = d + 1
  const w = new Float64Array(k)
  const local = new Float64Array(k)
  const sum = new Float64Array(k)
  const grad = new Float64Array(k)
  const order = new Int32Array(Math.max(...clients.map((c) => c.n)))
  const pick = Int32Array.from(clients, (_, i) => i)
  const history: Float64Array[] = []
  const updateNorms = new Float64Array(options.rounds)
  const m = options.clientsPerRound
  const privacy = options.privacy
  for (let t = 0; t < options.rounds; t++) {
    // partial Fisher–Yates: the first m entries are a uniform sample without replacement
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(rng.next() * (pick.length - i))
      const tmp = pick[i]
      pick[i] = pick[j]
      pick[j] = tmp
    }
    sum.fill(0)
    let totalWeight = 0
    for (let s = 0; s < m; s++) {
      const c = clients[pick[s]]
      local.set(w)
      // each client draws from its own stream so sampling order does not couple clients' minibatches
      logisticSgd(local, c, options, splitRng(rng), order, grad)
      for (let i = 0; i < k; i++) local[i] -= w[i]
      const weight = privacy ? 1 : c.n
      updateNorms[t] += clipToNorm(local, privacy ? privacy.clipNorm : Infinity) / m
      for (let i = 0; i < k; i++) sum[i] += weight * local[i]
      totalWeight += weight
    }
    for (let i = 0; i < k; i++) sum[i] /= totalWeight
    if (privacy && privacy.noiseMultiplier > 0)
      addGaussianNoise(sum, (privacy.noiseMultiplier * privacy.clipNorm) / m, rng)
    for (let i = 0; i < k; i++) w[i] += sum[i]
    history.push(Float64Array.from(w))
  }
  return { weights: w, history, updateNorms }
}

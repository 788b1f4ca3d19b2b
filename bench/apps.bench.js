"use strict"
// Privacy and federated learning: DP mechanism throughput and FedAvg round times.
// Prints rates (per CPU second) and ratios, not pass/fail. Run: npm run build && node bench/run.js apps
const L = require("../dist")
const { fmtRate, report } = require("./util")

/** Best CPU seconds of fn() over `repeats` runs after a warm-up: on this shared 2-core machine wall time swings with the load. */
function bestOf(fn, repeats = 3) {
  fn()
  let best = Infinity
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage()
    fn()
    const c = process.cpuUsage(c0)
    best = Math.min(best, (c.user + c.system) / 1e6)
  }
  return best
}

// --- mechanisms: one release = a vector of 100 statistics -------------------------------------
const values = Float64Array.from({ length: 100 }, (_, i) => 1000 - i)
const rng = L.createRng(1)
const releases = 20_000
const tLaplace = bestOf(() => {
  for (let r = 0; r < releases; r++) L.laplaceMechanism(values, { sensitivity: 1, epsilon: 0.5 }, rng)
})
report(
  "Laplace mechanism, 100 values per release",
  fmtRate(releases / tLaplace),
  "releases/s",
  `${fmtRate((100 * releases) / tLaplace)} noisy values/s`,
)
const tClassic = bestOf(() => {
  for (let r = 0; r < releases; r++) L.gaussianMechanism(values, { sensitivity: 1, epsilon: 0.5, delta: 1e-5 }, rng)
})
report(
  "Gaussian mechanism (classic σ), 100 values per release",
  fmtRate(releases / tClassic),
  "releases/s",
  `${(tClassic / tLaplace).toFixed(2)}× the Laplace time`,
)
const analyticReleases = 2_000
const tAnalytic = bestOf(() => {
  for (let r = 0; r < analyticReleases; r++)
    L.gaussianMechanism(values, { sensitivity: 1, epsilon: 2, delta: 1e-5, calibration: "analytic" }, rng)
})
report(
  "Gaussian mechanism (analytic σ by bisection each call)",
  fmtRate(analyticReleases / tAnalytic),
  "releases/s",
  `${(tAnalytic / analyticReleases / (tClassic / releases)).toFixed(1)}× the classic time`,
)

// --- central-DP item counts on a world's interaction matrix --------------------------------------
const mfWorld = L.generateWorld({ users: 1500, items: 400, days: 60, sessionsPerDay: 0.4, seed: 13 })
const interactions = L.interactionsFromEvents(L.simulateEvents(mfWorld).events, mfWorld.nUsers, mfWorld.nItems)
const countReleases = 200
const tCounts = bestOf(() => {
  for (let r = 0; r < countReleases; r++) L.privateItemCounts(interactions, { epsilon: 1, maxItemsPerUser: 10 }, rng)
})
report(
  `privateItemCounts (${interactions.items.length.toLocaleString("en")} pairs, 400 items)`,
  fmtRate(countReleases / tCounts),
  "releases/s",
)

// --- FedAvg for logistic regression (click model, 2,000-user world) ------------------------------
const world = L.generateWorld({ users: 2000, items: 500, seed: 13 })
const clicks = L.clickFeatures(world, L.simulateEvents(world).events)
const lr = { epochs: 1, batchSize: 32, learningRate: 0.3, l2: 1e-4 }
const rounds = 10
const regionClients = L.splitByClient(clicks, clicks.region)
const userClients = L.splitByClient(clicks, clicks.user)
const tRegions = bestOf(() => L.fedAvgLogistic(regionClients, { ...lr, rounds, clientsPerRound: 5 }, L.createRng(2)), 2)
report(
  `FedAvg-LR, 5 region clients (${clicks.n.toLocaleString("en")} views, d = ${clicks.d})`,
  fmtRate(rounds / tRegions),
  "rounds/s",
  `${((1000 * tRegions) / rounds).toFixed(1)} ms/round, one epoch over all rows`,
)
const tUsers = bestOf(() => L.fedAvgLogistic(userClients, { ...lr, rounds, clientsPerRound: 100 }, L.createRng(3)), 2)
report(
  `FedAvg-LR, 100 of ${userClients.length} user clients per round`,
  fmtRate(rounds / tUsers),
  "rounds/s",
  `${((1000 * tUsers) / rounds).toFixed(1)} ms/round`,
)
const tDp = bestOf(
  () =>
    L.fedAvgLogistic(
      userClients,
      { ...lr, rounds, clientsPerRound: 100, privacy: { clipNorm: 0.5, noiseMultiplier: 1 } },
      L.createRng(3),
    ),
  2,
)
report(
  "DP-FedAvg-LR, same, clip + noise",
  fmtRate(rounds / tDp),
  "rounds/s",
  `${(tDp / tUsers).toFixed(2)}× plain FedAvg`,
)

// --- FedAvg for matrix factorisation (federated collaborative filtering) -------------------------
const mf = { factors: 16, alpha: 2, regularization: 10, learningRate: 5, initScale: 0.1 }
const mfRounds = 10
const tMf = bestOf(
  () => new L.FederatedMf({ ...mf, rounds: mfRounds, clientsPerRound: 400 }).fit(interactions, L.createRng(4)),
  3,
)
report(
  "FedAvg-MF, 400 of 1,500 user clients per round, f = 16",
  fmtRate(mfRounds / tMf),
  "rounds/s",
  `${fmtRate((400 * mfRounds) / tMf)} client updates/s`,
)
const tMfDp = bestOf(
  () =>
    new L.FederatedMf({
      ...mf,
      rounds: mfRounds,
      clientsPerRound: 400,
      privacy: { clipNorm: 10, noiseMultiplier: 1 },
    }).fit(interactions, L.createRng(4)),
  3,
)
report("DP-FedAvg-MF, same, clip + noise", fmtRate(mfRounds / tMfDp), "rounds/s", `${(tMfDp / tMf).toFixed(2)}× plain`)
const tCentral = bestOf(() => L.fitCentralImplicitMf(interactions, { ...mf, iterations: mfRounds }, L.createRng(4)), 3)
report(
  "central gradient MF (all 1,500 users per iteration)",
  fmtRate(mfRounds / tCentral),
  "iterations/s",
  `a FedAvg round with 400 users costs ${(tMf / mfRounds / (tCentral / mfRounds)).toFixed(1)}× a central iteration over all`,
)

// The numbers each notebook's prose quotes, as the notebook records them with `record({ … })`
// (src/report/record.ts): the notebook test executes the notebook and asserts every recorded value
// against `value` within `tol`, and that nothing is recorded without an entry here (the pattern
// of Microsoft Recommenders' notebook tests with scrapbook's glue). `tol` is the rounding the
// prose uses: "40%" allows ±0.5 points, "≈1.37" allows ±0.005; "about the same" states its own.
// The runs are seeded (the neural ones on the wasm backend), so a value outside its tolerance
// means the prose no longer matches the output.

/** `value ± tol`, or a bound the prose states ("below 0.973": `{ max: 0.973 }`). */
export type RecordedExpectation = { value: number; tol: number } | { max: number } | { min: number }

export const RECORDED: Readonly<Record<string, Readonly<Record<string, RecordedExpectation>>>> = {
  "00-tour.ipynb": {
    medianLargestChange: { value: 0.09, tol: 0.005 },
    moverLargestChange: { value: 0.8, tol: 0.005 },
  },
  "07-deep-interest-models.ipynb": {
    positiveRate: { value: 0.024, tol: 0.0005 },
    alwaysNoAccuracy: { value: 0.973, tol: 0.0005 },
    maxModelAccuracy: { max: 0.973 },
    mlpSeedAuc: { value: 0.58, tol: 0.005 },
    mlpSeedLogLoss: { value: 0.176, tol: 0.0005 },
    mlpRegAuc: { value: 0.63, tol: 0.005 },
    mlpRegLogLoss: { value: 0.129, tol: 0.0005 },
    multiAuc: { value: 0.63, tol: 0.01 },
    multiLogLoss: { value: 0.129, tol: 0.002 },
    logisticAuc: { value: 0.644, tol: 0.0005 },
    logisticLogLoss: { value: 0.126, tol: 0.0005 },
    forestAuc: { value: 0.656, tol: 0.0005 },
    forestLogLoss: { value: 0.123, tol: 0.0005 },
    truthAuc: { value: 0.76, tol: 0.005 },
  },
  "08-sequence-models.ipynb": {
    copyLastAccuracy: { value: 0.435, tol: 0.0005 },
    markovAccuracy: { value: 0.435, tol: 0.0005 },
    markovHit3: { value: 0.6, tol: 0.005 },
    markovLogLoss: { value: 2.01, tol: 0.005 },
    sequenceAccuracyMin: { value: 0.43, tol: 0.005 },
    sequenceAccuracyMax: { value: 0.44, tol: 0.005 },
    sequenceHit3Min: { value: 0.67, tol: 0.005 },
    sequenceHit3Max: { value: 0.7, tol: 0.005 },
    sequenceLogLossMin: { value: 1.85, tol: 0.005 },
    sequenceLogLossMax: { value: 1.87, tol: 0.005 },
    taggerPrecision3: { value: 0.59, tol: 0.005 },
    taggerNdcg3: { value: 0.65, tol: 0.005 },
    frequencyPrecision3: { value: 0.66, tol: 0.005 },
    frequencyNdcg3: { value: 0.71, tol: 0.005 },
  },
  "09-exploration-vs-exploitation.ipynb": {
    greedyReward: { value: 1.05, tol: 0.005 },
    greedyOptimalPct: { value: 40, tol: 0.5 },
    eps001Reward: { value: 1.34, tol: 0.005 },
    eps001OptimalPct: { value: 64, tol: 0.5 },
    eps01Reward: { value: 1.37, tol: 0.005 },
    eps01OptimalPct: { value: 83, tol: 0.5 },
    gradient01BaselineOptimalPct: { value: 85, tol: 0.5 },
    gradient01NoBaselineOptimalPct: { value: 50, tol: 0.5 },
  },
  // Also the new-user and few-shot numbers of docs/modules/coldstart.md.
  "12-cold-start.ipynb": {
    popularClicks: { value: 19.3, tol: 0.05 },
    thompsonFlatClicks: { value: 20.9, tol: 0.05 },
    thompsonPriorClicks: { value: 25.2, tol: 0.05 },
    firstClickClicks: { value: 27.8, tol: 0.05 },
    oracleClicks: { value: 38.0, tol: 0.05 },
    ucb1Clicks: { max: 19.3 },
    oneShotAccuracy: { value: 0.58, tol: 0.005 },
    fiveShotAccuracy: { value: 0.79, tol: 0.005 },
    tenShotAccuracy: { value: 0.85, tol: 0.005 },
    chance: { value: 0.25, tol: 0 },
  },
  // Also the central-DP and FedAvg-MF numbers of docs/modules/privacy.md and docs/modules/federated.md.
  "13-privacy-and-federated-learning.ipynb": {
    exactCountsRecall: { value: 0.51, tol: 0.005 },
    centralDpRecallEps1: { value: 0.47, tol: 0.005 },
    centralKeptEps1: { value: 0.92, tol: 0.005 },
    countErrorEps1: { min: 1 },
    globalPopularityRecall: { value: 0.42, tol: 0.005 },
    localKeptEps8: { value: 0.88, tol: 0.005 },
    centralGradientRecall: { value: 0.382, tol: 0.0005 },
    fedAvg400Recall: { value: 0.373, tol: 0.0005 },
    fedAvg100Recall: { value: 0.351, tol: 0.0005 },
    dpZ1Recall: { value: 0.356, tol: 0.0005 },
    dpZ5Recall: { value: 0.251, tol: 0.0005 },
    alsRecall: { value: 0.384, tol: 0.0005 },
    mfPopularityRecall: { value: 0.287, tol: 0.0005 },
    mfPopularityNdcg: { value: 0.205, tol: 0.0005 },
  },
  // Also the churn and ROAS numbers of docs/modules/business.md.
  "14-business-applications.ipynb": {
    churnAuc: { value: 0.77, tol: 0.005 },
    recencyAuc: { value: 0.67, tol: 0.005 },
    churnRate: { value: 0.2, tol: 0.005 },
    randomExpectedRoas: { value: 2.4, tol: 0.05 },
    clicksExpectedRoas: { value: 8.8, tol: 0.05 },
    oracleExpectedRoas: { value: 12.9, tol: 0.05 },
  },
  "15-online-retail-case-study.ipynb": {
    kneeK: { value: 4, tol: 0 },
    bestSilhouetteK: { value: 2, tol: 0 },
    bestSilhouette: { value: 0.43, tol: 0.005 },
    minSilhouette: { value: 0.3, tol: 0.005 },
    topSegmentShare: { value: 0.17, tol: 0.005 },
    topSegmentRevenueShare: { value: 0.65, tol: 0.005 },
    topRuleLift: { value: 8.5, tol: 0.05 },
    popularityCoverage: { value: 0.018, tol: 0.0005 },
    itemknnCoverage: { value: 0.27, tol: 0.005 },
    easeCoverage: { value: 0.29, tol: 0.005 },
    popularityNdcg: { value: 0.052, tol: 0.0005 },
    itemknnNdcg: { value: 0.094, tol: 0.0005 },
    easeNdcg: { value: 0.125, tol: 0.0005 },
    randomPurchaseRate: { value: 0.08, tol: 0.0005 },
    thompsonPurchaseRate: { value: 0.1, tol: 0.005 },
    epsPurchaseRate: { value: 0.1, tol: 0.005 },
    greedyDiscovery: { value: 0.1, tol: 0.005 },
    minDiscovery: { value: 0.1, tol: 0.005 },
    thompsonDiscovery: { value: 0.2, tol: 0.005 },
    swThompsonDiscovery: { value: 0.21, tol: 0.005 },
    maxOtherDiscovery: { value: 0.18, tol: 0.005 },
  },
}

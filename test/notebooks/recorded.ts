// The numbers each notebook's prose quotes, as the notebook records them with `record({ … })`
// (src/report/record.ts): the notebook test executes the notebook and asserts every recorded value
// against `value` within `tol`, and that nothing is recorded without an entry here (the pattern
// of Microsoft Recommenders' notebook tests with scrapbook's glue). `tol` is the rounding the
// prose uses: "40%" allows ±0.5 points, "≈1.37" allows ±0.005. The runs are seeded, so a value
// outside its tolerance means the prose no longer matches the output.

export interface RecordedExpectation {
  value: number
  tol: number
}

export const RECORDED: Readonly<Record<string, Readonly<Record<string, RecordedExpectation>>>> = {
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

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
}

"use strict"
// Share of the random-to-oracle regret gap closed by every personalised policy on the world of
// experiments/ecommerce-default.yaml (100 users, 12 categories, 20,000 steps), with a logged history
// of `historyDays` days before day 0 (popularity feed, ε = 0.1; 0: no history), users who stay:
//   node scripts/personalised-gap.js [runs=4] [historyDays=30] [workers=2]
// Regret is against the per-step oracle; gap closed = 1 − regret / regret of random. Needs `npm run build`.
const L = require("../dist")

const runs = Number(process.argv[2] ?? 4)
const historyDays = Number(process.argv[3] ?? 30)
const workers = Number(process.argv[4] ?? 2)
const config = L.validate(
  L.simulationConfigSchema,
  {
    environment: {
      type: "ecommerce",
      world: { users: 100, items: 500, categories: 12, days: 30, seed: 42 },
      arms: "categories",
      reward: "click",
      stepsPerDay: 667,
      topInterests: 3,
      ...(historyDays > 0 ? { history: { days: historyDays, logging: "popularity", epsilon: 0.1 } } : {}),
    },
    policies: [
      { type: "random" },
      { type: "thompson" },
      { type: "feedback-reweighting", perUser: true, learningRate: 1, skipFeedback: -0.1 },
      { type: "per-user-thompson" },
      { type: "per-user-ucb" },
      { type: "hierarchical-thompson" },
      { type: "hybrid-linucb", alpha: 0.5 },
      { type: "segment-epsilon-greedy", epsilons: [0.02, 0.2] },
      { type: "club" },
      { type: "ensemble-sampling" },
      { type: "bootstrapped-mlp" },
    ],
    horizon: 20000,
    runs,
    seed: 7,
    workers,
  },
  "personalised-gap",
)

;(async () => {
  const result = await L.simulateConfig(config)
  const last = config.horizon - 1
  const random = result.policies[0].cumulativeRegret[last]
  console.log(`history: ${historyDays} days; ${runs} runs`)
  for (const p of result.policies) {
    console.log(
      `${p.name.padEnd(36)} regret ${p.cumulativeRegret[last].toFixed(0).padStart(5)}   gap closed ${(1 - p.cumulativeRegret[last] / random).toFixed(3)}`,
    )
  }
})()

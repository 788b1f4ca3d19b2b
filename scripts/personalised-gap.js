"use strict"
// Share of the random-to-oracle regret gap closed by personalised policies on the world of
// experiments/ecommerce-default.yaml (100 users, 12 categories, 20,000 steps), until the runner
// hands policies a logged history itself (issue 15, world side):
//   node scripts/personalised-gap.js [runs=4] [historySteps=0]
// The ground-truth segment is zeroed in every context (no policy may see it). With historySteps > 0,
// a uniform-random logging policy plays that many steps of the same world (its own stream) and the
// log is given to every policy's warmStart after each reset. Needs `npm run build`.
const L = require("../dist")

const runs = Number(process.argv[2] ?? 4)
const historySteps = Number(process.argv[3] ?? 0)
const environment = {
  type: "ecommerce",
  world: { users: 100, items: 500, categories: 12, days: 30, seed: 42 },
  arms: "categories",
  reward: "click",
  stepsPerDay: 667,
  topInterests: 3,
}
const specs = [
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
]

/** A uniform-random logging policy's impressions over `steps` steps of a fresh copy of the world. */
async function loggedHistory(steps) {
  const env = await L.createEnvironment(environment)
  const rng = L.createRng(12345)
  env.reset(rng)
  const K = env.nArms
  const history = { nUsers: env.world.nUsers, nArms: K, user: new Int32Array(steps), arm: new Int32Array(steps), reward: new Float64Array(steps), propensity: new Float64Array(steps).fill(1 / K) }
  for (let t = 0; t < steps; t++) {
    const c = env.context(t, rng)
    const a = Math.floor(rng.next() * K)
    history.user[t] = c.user
    history.arm[t] = a
    history.reward[t] = env.reward(a, c, rng)
  }
  return history
}

;(async () => {
  const env = await L.createEnvironment(environment)
  const context = env.context.bind(env)
  env.context = (t, rng) => {
    const c = context(t, rng)
    c.features[c.features.length - 1] = 0
    c.segment = 0
    return c
  }
  const history = historySteps > 0 ? await loggedHistory(historySteps) : null
  if (history) console.log(`history: ${historySteps} impressions, ${history.reward.reduce((s, r) => s + r, 0)} clicks over ${history.nUsers} users`)
  const policies = specs.map((s, i) => {
    const p = L.createPolicy(L.validate(L.policySpecSchema, s, `policies[${i}]`), env, i, 7)
    if (history && p.warmStart) {
      const reset = p.reset.bind(p)
      p.reset = () => {
        reset()
        p.warmStart(history, L.createRng(99, i))
      }
    }
    return p
  })
  const result = L.simulate(env, policies, { horizon: 20000, runs, seed: 7 })
  const last = 19999
  const random = result.policies[0].cumulativeRegret[last]
  for (const p of result.policies) {
    console.log(`${p.name.padEnd(36)} regret ${p.cumulativeRegret[last].toFixed(0).padStart(5)}   gap closed ${(1 - p.cumulativeRegret[last] / random).toFixed(3)}`)
  }
})()

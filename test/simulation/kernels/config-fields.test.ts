import { describe, expect, it } from "vitest"
import type { Policy } from "../../../src/bandits/policy"
import { BernoulliArms } from "../../../src/simulation"
import { KERNELS, kernelFor } from "../../../src/simulation/kernels/dispatch"

// A kernel re-implements its policies' select and update, so every option of such a policy must be
// handled there. The options a policy keeps are the keys of its validated `config`, read here at run
// time: a new one fails this test until the kernel lists it in its `config` (and handles it), and
// meanwhile the dispatcher sends the policy to the generic loop.
const construct = (c: (typeof KERNELS)[number]["policies"][number]): Policy<unknown> =>
  new (c as unknown as new (options: { arms: number }) => Policy<unknown>)({ arms: 3 })

describe("kernels know every config field of the policies they play", () => {
  for (const kernel of KERNELS) {
    for (const c of kernel.policies) {
      it(`${kernel.name}: ${c.name}`, () => {
        const policy = construct(c)
        expect(policy.config, `${c.name} has no config`).toBeDefined()
        expect(Object.keys(policy.config!).sort()).toEqual(Object.keys(kernel.config).sort())
        expect(kernelFor(new BernoulliArms([0.2, 0.5, 0.3]), policy)).toBe(kernel)
      })
    }
  }

  it("a config field the kernel does not list sends the policy to the generic loop", () => {
    const env = new BernoulliArms([0.2, 0.5, 0.3])
    for (const kernel of KERNELS) {
      for (const c of kernel.policies) {
        const policy = construct(c)
        Object.defineProperty(policy, "config", { value: { ...policy.config, futureOption: 1 } })
        expect(kernelFor(env, policy), `${c.name}`).toBeNull()
      }
    }
  })

  it("a subclass (which may change select or update) takes the generic loop", () => {
    const [kernel] = KERNELS
    const Base = kernel.policies[0] as unknown as new (options: { arms: number }) => Policy<unknown>
    class Sub extends Base {}
    expect(kernelFor(new BernoulliArms([0.2, 0.5, 0.3]), new Sub({ arms: 3 }))).toBeNull()
  })
})

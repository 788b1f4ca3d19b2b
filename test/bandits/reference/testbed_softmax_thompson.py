"""Independent re-run of softmax and Gaussian Thompson sampling on the Sutton & Barto (2018, §2.3)
10-armed testbed, for test/bandits/behaviour.test.ts. Run by hand on Debian (python3-numpy 1.24.2):

    /usr/bin/python3 test/bandits/reference/testbed_softmax_thompson.py

Vectorised over runs with numpy's PCG64: it shares no code and no random stream with the library,
so the test compares the two with tolerances from the standard errors printed here.
Printed per policy and window [from, to): mean reward, its SE over runs, optimal share, its SE.
"""
import numpy as np

RUNS, STEPS, K = 4000, 1000, 10
WINDOWS = [(0, 100), (100, 500), (500, 1000)]


def softmax(tau):
    def make(rng, q):
        values = np.zeros_like(q)
        counts = np.zeros_like(q)

        def select():
            z = (values - values.max(axis=1, keepdims=True)) / tau
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            u = rng.random((q.shape[0], 1))
            return np.minimum((p.cumsum(axis=1) < u).sum(axis=1), K - 1)

        def update(arm, reward):
            rows = np.arange(q.shape[0])
            counts[rows, arm] += 1
            values[rows, arm] += (reward - values[rows, arm]) / counts[rows, arm]

        return select, update

    return make


def gaussian_thompson(prior_mean=0.0, prior_sd=1.0, noise_sd=1.0):
    def make(rng, q):
        counts = np.zeros_like(q)
        sums = np.zeros_like(q)

        def select():
            precision = 1 / prior_sd**2 + counts / noise_sd**2
            mean = (prior_mean / prior_sd**2 + sums / noise_sd**2) / precision
            return np.argmax(mean + rng.standard_normal(q.shape) / np.sqrt(precision), axis=1)

        def update(arm, reward):
            rows = np.arange(q.shape[0])
            counts[rows, arm] += 1
            sums[rows, arm] += reward

        return select, update

    return make


def run(make, seed):
    rng = np.random.default_rng(seed)
    q = rng.standard_normal((RUNS, K))
    best = q.argmax(axis=1)
    select, update = make(rng, q)
    rewards = np.zeros((RUNS, STEPS))
    optimal = np.zeros((RUNS, STEPS))
    rows = np.arange(RUNS)
    for t in range(STEPS):
        arm = select()
        r = q[rows, arm] + rng.standard_normal(RUNS)
        update(arm, r)
        rewards[:, t] = r
        optimal[:, t] = arm == best
    return rewards, optimal


for name, make, seed in [("softmax tau=0.1", softmax(0.1), 1), ("softmax tau=1", softmax(1.0), 2), ("gaussian thompson N(0,1), sigma=1", gaussian_thompson(), 3)]:
    rewards, optimal = run(make, seed)
    print(name)
    for lo, hi in WINDOWS:
        r = rewards[:, lo:hi].mean(axis=1)
        o = optimal[:, lo:hi].mean(axis=1)
        print(f"  [{lo}, {hi}): reward {r.mean():.4f} (SE {r.std(ddof=1) / np.sqrt(RUNS):.4f}, run sd {r.std(ddof=1):.3f})"
              f"  optimal {o.mean():.4f} (SE {o.std(ddof=1) / np.sqrt(RUNS):.4f}, run sd {o.std(ddof=1):.3f})")

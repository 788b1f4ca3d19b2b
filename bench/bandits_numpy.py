"""Peer of bench/bandits.bench.js, run by it where /usr/bin/python3 has numpy (Debian python3-numpy): the Sutton–Barto
10-armed testbed, 2000 runs × 1000 steps of ε-greedy (ε = 0.1, sample averages), vectorised over the runs as numpy
code of the book's figure 2.2 is written. Prints `testbed SECONDS` (best of 3 after one warm-up) and
`finalReward MEAN` (the mean reward of the last step over the runs). By hand: /usr/bin/python3 bench/bandits_numpy.py DIR
(DIR unused)."""
import time

import numpy as np


def testbed(runs=2000, steps=1000, arms=10, epsilon=0.1, seed=2018):
    rng = np.random.default_rng(seed)
    q = rng.normal(0.0, 1.0, (runs, arms))
    estimates = np.zeros((runs, arms))
    counts = np.zeros((runs, arms))
    rows = np.arange(runs)
    reward = np.zeros(runs)
    for _ in range(steps):
        explore = rng.random(runs) < epsilon
        action = np.where(explore, rng.integers(0, arms, runs), estimates.argmax(axis=1))
        reward = q[rows, action] + rng.normal(0.0, 1.0, runs)
        counts[rows, action] += 1
        estimates[rows, action] += (reward - estimates[rows, action]) / counts[rows, action]
    return reward.mean()


testbed()
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    final = testbed()
    best = min(best, time.perf_counter() - t)
print("testbed", f"{best:.4f}")
print("finalReward", f"{final:.4f}")

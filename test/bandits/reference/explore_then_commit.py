"""Reference numbers for test/bandits/explore-then-commit.test.ts. Run by hand on Debian
(python3-numpy, python3-scipy):

    /usr/bin/python3 test/bandits/reference/explore_then_commit.py

Two arms with unit-variance Gaussian rewards, means 0 and -delta. Explore-then-commit plays each arm
m times, then commits to the larger sample mean. The difference of the two means after exploration
is N(delta, 2/m), so the wrong arm is committed to with probability Phi(-delta*sqrt(m/2)) and the
expected (pseudo-)regret over n steps is m*delta + (n - 2m)*delta*Phi(-delta*sqrt(m/2))
(Lattimore & Szepesvari 2020, Bandit Algorithms, chapter 6). A numpy simulation of the algorithm,
written independently of the TypeScript one, checks the closed form.
"""
import numpy as np
from scipy.stats import norm

for delta, m, n in [(0.5, 10, 200), (0.2, 30, 500)]:
    p_wrong = norm.cdf(-delta * np.sqrt(m / 2))
    regret = m * delta + (n - 2 * m) * delta * p_wrong
    rng = np.random.default_rng(1)
    runs = 200_000
    best = rng.normal(0.0, 1.0, (runs, m)).mean(axis=1)
    worse = rng.normal(-delta, 1.0, (runs, m)).mean(axis=1)
    wrong = (worse > best).mean()
    simulated = m * delta + (n - 2 * m) * delta * wrong
    print(f"delta={delta} m={m} n={n}: P(wrong)={p_wrong:.6f} regret={regret:.6f} | simulated P(wrong)={wrong:.4f} regret={simulated:.4f}")

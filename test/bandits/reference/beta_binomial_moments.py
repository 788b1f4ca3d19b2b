# Reference values for test/bandits/hierarchical-thompson.test.ts, run by hand with Debian's
# python3-numpy: Kleinman's (1973) method-of-moments fit of a beta-binomial population prior,
# weights n_u, on the small table of the test (clicks S_u and showings n_u of four users on one arm).
import numpy as np

S = np.array([1.0, 4.0, 0.0, 6.0])
n = np.array([5.0, 8.0, 3.0, 10.0])
N = n.sum()
mu = (S.sum() + 1) / (N + 2)  # the policy's mean has one pseudo-click and one pseudo-miss
p = S / n
spread = (n * (p - mu) ** 2).sum()
variance = (spread - mu * (1 - mu) * (len(n) - 1)) / (N - (n ** 2).sum() / N)
s = mu * (1 - mu) / variance - 1
print(f"mu = {mu:.15f}, variance = {variance:.15f}, strength = {s:.12f}")
# mu = 0.428571428571429, variance = 0.022423362650500, strength = 9.921553693831

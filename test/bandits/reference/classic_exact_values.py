"""Reference numbers for test/bandits/exact-values-classic.test.ts, from scipy (brentq, beta.ppf,
numerical integration), none by bisection. Run by hand on Debian (python3-numpy, python3-scipy):

    python3 test/bandits/reference/classic_exact_values.py
"""
from math import log, sqrt
from scipy.optimize import brentq
from scipy.integrate import quad
from scipy.stats import beta, norm


def kl(p, q):
    out = 0.0
    if p > 0:
        out += p * log(p / q)
    if p < 1:
        out += (1 - p) * log((1 - p) / (1 - q))
    return out


def kl_index(p, n, bound):
    return brentq(lambda q: n * kl(p, q) - bound, p, 1 - 1e-15, xtol=1e-14)


# KL-UCB, fractional rewards: arm 0 gets 0.2, 0.9, 0.4 (N = 3, mean 0.5); arm 1 gets 0.25, 0.75 (N = 2,
# mean 0.5); arm 2 gets 0.1 (N = 1); t = 6 > e, so c·ln ln t counts.
t = 6
stats = [(0.5, 3), (0.5, 2), (0.1, 1)]
for c in (0, 2):
    bound = log(t) + c * log(log(t))
    print(f"kl-ucb c = {c}:", [f"{kl_index(p, n, bound):.12f}" for p, n in stats])

# Bayes-UCB with prior Beta(2, 3): arm 0 rewards 1, 0, 1 (S = 2, N = 3); arm 1 reward 0.5 (S = 0.5, N = 1);
# t = steps + 1 = 5. Level 1 - 1/t (c = 0) and 1 - 1/(t (ln H)^c) with c = 1, H = 100.
t = 5
post = [(2 + 2, 3 + 1), (2 + 0.5, 3 + 0.5)]
for c, H in ((0, 1e4), (1, 100.0)):
    level = 1 - 1 / (t * log(max(H, 2.718281828459045)) ** c)
    print(f"bayes-ucb c = {c}, H = {H}:", [f"{beta.ppf(level, a, b):.12f}" for a, b in post])

# Gaussian Thompson, prior N(0.5, 2^2), noise sd 0.5: arm 0 rewards 1, 0.2 (n 2, S 1.2); arm 1 reward 0.9
# (n 1, S 0.9). P(theta_0 > theta_1) = Phi((m0 - m1) / sqrt(v0 + v1)).
post = []
for n, s in ((2, 1.2), (1, 0.9)):
    precision = 1 / 4 + n / 0.25
    m = (0.5 / 4 + s / 0.25) / precision
    post.append((m, 1 / precision))
(m0, v0), (m1, v1) = post
print("gaussian posterior:", [f"{m:.15f}" for m, _ in post], [f"{sqrt(v):.15f}" for _, v in post])
print("gaussian P(arm 0 wins):", f"{norm.cdf((m0 - m1) / sqrt(v0 + v1)):.12f}")

# Beta Thompson, prior Beta(1, 1): arm 0 rewards 1, 1, 0 -> Beta(3, 2); arm 1 reward 0.5, 0 -> Beta(1.5, 2.5).
# P(theta_0 > theta_1) = integral of f_0(x) F_1(x) dx.
p = quad(lambda x: beta.pdf(x, 3, 2) * beta.cdf(x, 1.5, 2.5), 0, 1, epsabs=1e-13)[0]
print("beta P(arm 0 wins):", f"{p:.12f}")

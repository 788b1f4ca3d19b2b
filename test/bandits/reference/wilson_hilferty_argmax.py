"""Reference for test/bandits/approximate-thompson.test.ts (run by hand: python3 wilson_hilferty_argmax.py).

For each posterior state (Beta(alpha_a, beta_a) per arm), the probability that each arm has the largest
draw, P(a) = integral f_a(x) prod_{b != a} F_b(x) dx, (1) for the exact Beta posteriors and (2) for the
Wilson-Hilferty approximation theta = m (1 - r^2/9 + z r/3)^3 of src/bandits/wilson-hilferty-argmax.ts.
Since the cube root is monotone, argmax theta = argmax theta^(1/3) = argmax m^(1/3) t with
t ~ N(1 - r^2/9, r^2/9): the approximation is a normal race in cube-root space. Also prints the total
variation distance between the two. Debian numpy 2 / scipy 1.1x; trapezoid rule on 400,001 points.
"""
import numpy as np
from scipy import stats

STATES = {
    "two arms Beta(1,1) vs Beta(2,1)": ([1, 2], [1, 1]),
    "five arms, 20-odd showings": ([3, 5, 2, 4, 1], [19, 15, 20, 16, 22]),
    "one click on one arm of ten, prior Beta(1,9)": ([2] + [1] * 9, [9] * 10),
    "a low-rate arm with many showings": ([3, 1, 1, 1, 1, 1], [109, 9, 9, 9, 9, 9]),
    "large counts": ([30, 20, 8, 50], [100, 70, 30, 160]),
    "prior Beta(0.5, 4.5), shapes below 1": ([1.5, 0.5, 2.5, 0.5, 0.5, 0.5], [4.5, 7.5, 5.5, 4.5, 4.5, 4.5]),
}


def race(logcdfs, pdfs, xs):
    tot = logcdfs.sum(0)
    return np.array([np.trapezoid(pdfs[a] * np.exp(tot - logcdfs[a]), xs) for a in range(len(pdfs))])


def exact(al, be):
    xs = np.linspace(0, 1, 400001)[1:-1]
    return race(
        np.array([stats.beta.logcdf(xs, a, b) for a, b in zip(al, be)]),
        np.array([stats.beta.pdf(xs, a, b) for a, b in zip(al, be)]),
        xs,
    )


def wilson_hilferty(al, be):
    al, be = np.asarray(al, float), np.asarray(be, float)
    n = al + be
    m = al / n
    r2 = be / (al * (n + 1))
    c = np.cbrt(m)
    mu, sd = c * (1 - r2 / 9), c * np.sqrt(r2) / 3
    xs = np.linspace((mu - 9 * sd).min(), (mu + 9 * sd).max(), 400001)
    return race(
        np.array([stats.norm.logcdf(xs, u, s) for u, s in zip(mu, sd)]),
        np.array([stats.norm.pdf(xs, u, s) for u, s in zip(mu, sd)]),
        xs,
    )


for name, (al, be) in STATES.items():
    p, q = exact(al, be), wilson_hilferty(al, be)
    print(name)
    print("  exact          ", ", ".join(f"{x:.5f}" for x in p))
    print("  wilson-hilferty", ", ".join(f"{x:.5f}" for x in q))
    print(f"  total variation {0.5 * np.abs(p - q).sum():.4f}")

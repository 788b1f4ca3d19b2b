"""Reference numbers for test/stats/two-sample-tests.test.ts, wilson-interval.test.ts,
ratio-metric.test.ts and sequential-test.test.ts, run by hand on Debian's python3-numpy / python3-scipy (scipy 1.17):
    python3 test/stats/reference/two_sample_sequential.py
The two-proportion z-test and the Wilson interval are written out from their textbook formulas; Welch's test
is scipy.stats.ttest_ind(equal_var=False); the mSPRT statistic is the mixture integral computed by
numerical quadrature (scipy.integrate.quad), independent of the closed form in src/stats; the
delta-method variance uses Deng et al.'s moment form, not the sums form of src/stats/ratio-metric.ts."""
import numpy as np
from scipy import integrate, stats

# Two-proportion z-test, pooled standard error.
xa, na, xb, nb = 120, 2000, 150, 2000
pa, pb, p = xa / na, xb / nb, (xa + xb) / (na + nb)
z = (pb - pa) / np.sqrt(p * (1 - p) * (1 / na + 1 / nb))
half = stats.norm.ppf(0.975) * np.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
print("z-test", repr(z), repr(2 * stats.norm.sf(abs(z))), repr(pb - pa - half), repr(pb - pa + half))

# Welch's t-test of b against a.
a = [0.1, 0.3, 0.2, 0.4]
b = [0.5, 0.2, 0.6, 0.7, 0.4]
r = stats.ttest_ind(b, a, equal_var=False)
ci = r.confidence_interval(0.9)
print("welch", repr(r.statistic), repr(r.pvalue), repr(r.df), repr(ci.low), repr(ci.high))

# Wilson score interval.
def wilson(x, n, level=0.95):
    zz = stats.norm.ppf(1 - (1 - level) / 2)
    ph = x / n
    c = (ph + zz * zz / (2 * n)) / (1 + zz * zz / n)
    h = zz * np.sqrt(ph * (1 - ph) / n + zz * zz / (4 * n * n)) / (1 + zz * zz / n)
    return c - h, c + h
print("wilson", *map(repr, wilson(12, 400)), *map(repr, wilson(0, 50)))

# mSPRT: Λ = ∫ N(d; θ, s²) N(θ; θ0, τ²) dθ / N(d; θ0, s²), s² = V/n.
for d, V, n, tau, theta0 in [(0.01, 0.25, 1000, 0.02, 0.0), (0.03, 0.09, 400, 0.05, 0.01), (-0.2, 2.0, 50, 0.5, 0.0)]:
    s = np.sqrt(V / n)
    num, _ = integrate.quad(lambda th: stats.norm.pdf(d, th, s) * stats.norm.pdf(th, theta0, tau), theta0 - 12 * tau, theta0 + 12 * tau, points=[d], limit=200, epsabs=0, epsrel=1e-13)
    print("msprt", d, V, n, tau, theta0, repr(np.log(num / stats.norm.pdf(d, theta0, s))))

# Delta-method variance of a ratio metric (Deng, Knoblich & Lu 2018, eq. for Var(mean(c)/mean(v))),
# written with sample moments over users: (1/n)(σ_c²/μ_v² − 2 μ_c σ_cv/μ_v³ + μ_c² σ_v²/μ_v⁴).
def delta(c, v):
    c, v = np.asarray(c, float), np.asarray(v, float)
    n = len(c)
    mc, mv = c.mean(), v.mean()
    sc, sv = c.var(), v.var()
    scv = ((c - mc) * (v - mv)).mean()
    return (sc / mv**2 - 2 * mc * scv / mv**3 + mc**2 * sv / mv**4) / n
ca, va = [1, 0, 3, 0, 2, 1], [2, 1, 5, 3, 2, 1]
cb, vb = [2, 1, 0, 4, 1], [3, 1, 2, 6, 1]
var_a, var_b = delta(ca, va), delta(cb, vb)
d = sum(cb) / sum(vb) - sum(ca) / sum(va)
zz = d / np.sqrt(var_a + var_b)
print("delta", repr(var_a), repr(var_b), repr(zz), repr(2 * stats.norm.sf(abs(zz))))

"""Independent reference for src/random/fast-random.ts (run by hand: python3 test/random/reference/ziggurat_fixed_words.py).

Builds the 128-layer ziggurat tables of Marsaglia & Tsang (2000), "The Ziggurat Method for Generating
Random Variables", J. Stat. Softw. 5(8) (their zigset with dn = 3.442619855899, vn = 9.91256303526217e-3),
and evaluates the samplers on fixed 32-bit words: printed values are pasted into
test/random/fast-random-exact.test.ts.
"""
import math

R = 3.442619855899
VN = 9.91256303526217e-3
M1 = 2147483648.0
L = 128
kn = [0] * L
wn = [0.0] * L
fn = [0.0] * L
dn = R
tn = dn
q = VN / math.exp(-0.5 * dn * dn)
kn[0] = math.floor((dn / q) * M1)
kn[1] = 0
wn[0] = q / M1
wn[L - 1] = dn / M1
fn[0] = 1.0
fn[L - 1] = math.exp(-0.5 * dn * dn)
for i in range(L - 2, 0, -1):
    dn = math.sqrt(-2 * math.log(VN / dn + math.exp(-0.5 * dn * dn)))
    kn[i + 1] = math.floor((dn / tn) * M1)
    tn = dn
    fn[i] = math.exp(-0.5 * dn * dn)
    wn[i] = dn / M1

print("kn[0, 1, 2, 64, 127] =", [kn[i] for i in (0, 1, 2, 64, 127)])
print("wn[0, 1, 64, 127] =", [repr(wn[i]) for i in (0, 1, 64, 127)])
print("fn[0, 1, 64, 127] =", [repr(fn[i]) for i in (0, 1, 64, 127)])


def signed(w):
    return w - 2**32 if w >= 2**31 else w


def uniform(w):
    return (w + 0.5) * 2.3283064365386963e-10


# fast path: layer word 0x00000005 (layer 5), value word 0x40000000 (hz = 2^30 < kn[5])
print("kn[5] =", kn[5], "normal(5, 2^30) =", repr(2**30 * wn[5]))
# negative value word 0xC0000000 (hz = -2^30) in layer 5
print("normal(5, -2^30) =", repr(-(2**30) * wn[5]))
# wedge of layer 9: hz = kn[9] + 1 is outside the rectangle; uniform words decide
hz = kn[9] + 1
x = hz * wn[9]
print("kn[9] =", kn[9], "wedge x =", repr(x), "density =", repr(math.exp(-0.5 * x * x)), "fn[9], fn[8] =", repr(fn[9]), repr(fn[8]))
for w in (0, 2**31, 2**32 - 1):
    print("  wedge uniform word", w, "accept" if fn[9] + uniform(w) * (fn[8] - fn[9]) < math.exp(-0.5 * x * x) else "reject")
# tail (layer 0, positive hz): words 2^31 and 2^30 for xt and y
xt = -math.log(uniform(2**31)) / R
y = -math.log(uniform(2**30))
print("tail xt, y, accept:", repr(xt), repr(y), y + y >= xt * xt, "value", repr(R + xt))
# Marsaglia-Tsang on the fast path: layer word w (layer w & 127, u from w >> 7), value word 2^29 in that layer
for shape in (2.5, 0.5):
    d = (shape + 1 if shape < 1 else shape) - 1 / 3
    c = 1 / math.sqrt(9 * d)
    w = (1000 << 7) | 3
    z = 2**29 * wn[3]
    u = ((w >> 7) + 0.5) * 2.9802322387695312e-8
    v = (1 + c * z) ** 3
    accept = math.log(u) < 0.5 * z * z + d * (1 - v + math.log(v))
    g = d * v
    print("shape", shape, "d, c =", repr(d), repr(c), "z, u =", repr(z), repr(u), "accept", accept, "gamma", repr(g))
    if shape < 1:
        print("  boosted by U^(1/shape), U from word 2^31:", repr(g * uniform(2**31) ** (1 / shape)))

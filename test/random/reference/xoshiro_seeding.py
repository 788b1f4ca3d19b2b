"""Independent reference for src/random/rng.ts (run by hand: python3 test/random/reference/xoshiro_seeding.py).

createRng(seed, stream) folds the words (seed mod 2^32, floor(seed / 2^32), stream mod 2^32,
floor(stream / 2^32)) into a SplitMix32 state (x ^= word, then one SplitMix32 step each), takes four
more SplitMix32 outputs as the xoshiro128** state, and next() = ((w1 >> 5)·2^26 + (w2 >> 6))·2^-53.
Prints the first words and doubles pasted into test/random/rng-seeding.test.ts.
"""

M = 0xFFFFFFFF


def splitmix32(state):
    state[0] = (state[0] + 0x9E3779B9) & M
    z = state[0]
    z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M
    z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M
    return (z ^ (z >> 16)) & M


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M


class Xoshiro128:
    def __init__(self, s):
        self.s = list(s)

    def next_uint32(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 9) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        return result

    def next(self):
        hi = self.next_uint32() >> 5
        lo = self.next_uint32() >> 6
        return (hi * 67108864 + lo) / 9007199254740992


def create(seed, stream=0):
    state = [0]
    for w in (seed % 2**32, seed // 2**32, stream % 2**32, stream // 2**32):
        state[0] ^= w & M
        splitmix32(state)
    return Xoshiro128([splitmix32(state) for _ in range(4)])


def split(rng):
    words = [rng.next_uint32() for _ in range(4)]
    return Xoshiro128(words if any(words) else [1, 0, 0, 0])


for seed, stream in [(0, 0), (42, 0), (42, 1), (2**32 + 5, 0), (9007199254740991, 3), (7, 2**32 + 1), (-5, 0)]:
    r = create(seed, stream)
    print(seed, stream, [r.next_uint32() for _ in range(3)], repr(r.next()))
r = create(5)
s = split(r)
print("split(createRng(5))", [s.next_uint32() for _ in range(2)], "parent then", r.next_uint32())
z = Xoshiro128([1, 0, 0, 0])
print("state (1, 0, 0, 0):", [z.next_uint32() for _ in range(3)])

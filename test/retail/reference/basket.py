# Reference numbers for test/retail/baskets.test.ts and test/retail/basket-rules.test.ts.
# Run by hand from the repository root with Debian's python3-pandas 1.5.3 (not run in CI):
#   /usr/bin/python3 test/retail/reference/basket.py
# Frequent itemsets by brute force over combinations of frequent single items (no Apriori pruning),
# rules = every split of every frequent itemset (minimum confidence 0).
from itertools import combinations

import numpy as np
import pandas as pd

df = pd.read_csv("data/online-retail/online-retail.csv.gz", dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "Int64"})
clean = df[~(df.CustomerID.isna() | df.InvoiceNo.str.startswith("C") | (df.Quantity <= 0) | (df.UnitPrice <= 0))]
clean = clean.assign(item=clean.Description.fillna("").str.strip())
clean = clean[clean.item != ""]

everywhere = pd.crosstab(clean.InvoiceNo, clean.item) > 0
print("all countries:", everywhere.shape[0], "baskets over", everywhere.shape[1], "items")

france = clean[(clean.Country == "France") & (clean.item != "POSTAGE")]
B = pd.crosstab(france.InvoiceNo, france.item) > 0
n = B.shape[0]
print("France without POSTAGE:", n, "baskets over", B.shape[1], "items; share with ALARM CLOCK BAKELIKE GREEN", repr(B["ALARM CLOCK BAKELIKE GREEN"].mean()))

MIN_SUPPORT = 0.07
support = {}
singles = [c for c in B.columns if B[c].mean() >= MIN_SUPPORT]
M = B[singles].values
for size in range(1, len(singles) + 1):
    found = 0
    for combo in combinations(range(len(singles)), size):
        s = np.logical_and.reduce(M[:, combo], axis=1).mean()
        combo = tuple(singles[j] for j in combo)
        if s >= MIN_SUPPORT:
            support[frozenset(combo)] = s
            found += 1
    if found == 0:
        break
sizes = [sum(1 for k in support if len(k) == m) for m in (1, 2, 3)]
print("frequent itemsets", len(support), "by size", sizes)
rules = []
for itemset, s in support.items():
    for r in range(1, len(itemset)):
        for antecedent in combinations(sorted(itemset), r):
            a = frozenset(antecedent)
            c = itemset - a
            confidence = s / support[a]
            rules.append((confidence / support[c], s, confidence, sorted(a), sorted(c)))
rules.sort(key=lambda x: (-x[0], -x[2]))  # by lift, ties by confidence
print("rules", len(rules))
lift, s, confidence, a, c = rules[0]
print("strongest", a, "->", c, "support", repr(s), "confidence", repr(confidence), "lift", repr(lift))

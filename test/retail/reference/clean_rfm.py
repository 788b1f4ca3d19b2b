# Reference numbers for test/retail/cleaning.test.ts, test/retail/rfm.test.ts and
# test/retail/segments.test.ts. Run by hand from the repository root with Debian's
# python3-pandas 1.5.3 and python3-sklearn 1.2.1 (not run in CI):
#   /usr/bin/python3 test/retail/reference/clean_rfm.py
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data/online-retail/online-retail.csv.gz", dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "Int64"}, parse_dates=["InvoiceDate"])

# Cleaning (the default rules, in order): missing customer, cancellation, quantity <= 0, price <= 0.
m1 = df.CustomerID.isna()
m2 = df.InvoiceNo.str.startswith("C")
m3 = df.Quantity <= 0
m4 = df.UnitPrice <= 0
print("matched", int(m1.sum()), int(m2.sum()), int(m3.sum()), int(m4.sum()))
left, keep = [], pd.Series(True, index=df.index)
for m in (m1, m2, m3, m4):
    keep &= ~m
    left.append(int(keep.sum()))
print("left after each rule", left)
clean = df[keep]
print("customers, invoices, stock codes", clean.CustomerID.nunique(), clean.InvoiceNo.nunique(), clean.StockCode.nunique())
NON_PRODUCT = ["POST", "DOT", "C2", "M", "m", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK"]  # src/retail/cleaning.ts
nonproduct = clean.StockCode.isin(NON_PRODUCT) | clean.StockCode.str.startswith("gift_")
print("non-product rows", int(nonproduct.sum()))

# RFM: day = InvoiceDate.normalize(); reference = last day + 1.
clean = clean.assign(day=clean.InvoiceDate.dt.normalize(), amount=clean.Quantity * clean.UnitPrice)
reference = clean.day.max() + pd.Timedelta(days=1)
g = clean.groupby("CustomerID")
rfm = pd.DataFrame({"R": (reference - g.day.max()).dt.days, "F": g.InvoiceNo.nunique(), "M": g.amount.sum()}).sort_index()
print("reference day", reference.date(), "customers", len(rfm))
print(rfm.head(3))
print("sums R, F, M", int(rfm.R.sum()), int(rfm.F.sum()), repr(rfm.M.sum()))
X = StandardScaler().fit_transform(np.log1p(rfm[["R", "F", "M"]].values))
print("first standardised row", X[0])

# k-means run to a fixed point (tol=0), as the lab's Lloyd iterations.
for k in (3, 4, 5):
    km = KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0, algorithm="lloyd", tol=0, max_iter=1000).fit(X)
    print("k", k, "inertia", repr(km.inertia_), "sizes", sorted(np.bincount(km.labels_).tolist()))
    if k == 4:
        print("silhouette k=4", repr(silhouette_score(X, km.labels_)))

"""Peer of bench/neural.bench.js and bench/mlp-train.bench.js, which run it where /usr/bin/python3 has torch: the same
Dense 128-64-1 MLP in PyTorch (Debian python3-torch), 8,000 rows x 38 features, batch 64, Adam, binary cross-entropy,
one thread (tfjs-wasm runs single-threaded in Node). By hand: /usr/bin/python3 bench/neural_torch.py"""
import os
import time

# torch.set_num_threads(1) alone still leaves a second OpenMP thread spinning (CPU time twice the wall time).
os.environ["OMP_NUM_THREADS"] = "1"
import torch  # noqa: E402

torch.manual_seed(1)
torch.set_num_threads(1)
rows, features = 8000, 38
x = torch.randn(rows, features)
y = (torch.rand(rows, 1) < 0.03).float()
model = torch.nn.Sequential(torch.nn.Linear(features, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64), torch.nn.ReLU(), torch.nn.Linear(64, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.BCEWithLogitsLoss()


def epoch():
    perm = torch.randperm(rows)
    for start in range(0, rows, 64):
        idx = perm[start:start + 64]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()


epoch()  # warm-up
best = cpu = float("inf")
for _ in range(3):
    t, c = time.perf_counter(), time.process_time()
    epoch()
    best, cpu = min(best, time.perf_counter() - t), min(cpu, time.process_time() - c)
with torch.no_grad():
    model(x)
    t = time.perf_counter()
    for _ in range(5):
        torch.sigmoid(model(x))
    predict = (time.perf_counter() - t) / 5
print(f"PyTorch {torch.__version__}, 1 thread: MLP 128-64-1 (8k rows x 38): {best:.3f} s/epoch ({cpu:.3f} s CPU), {rows / predict:,.0f} predictions/s")

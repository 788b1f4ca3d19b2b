"""Independent reference for test/neural/dense-trainer.test.ts: the same Dense 6-8-4-1 network (ReLU, sigmoid
output) trained in PyTorch (Debian python3-torch 1.13, float32, one thread) from the same initial weights, on
the same batches: binary cross-entropy + λ Σ‖W‖² on the hidden kernels, Adam(lr 0.01, ε 1e-7 as tfjs).
Run by hand: /usr/bin/python3 test/neural/reference/dense_trainer_torch.py  (not part of CI); its output is
pasted into the test."""
import math
import torch

torch.set_num_threads(1)
N, D, WIDTHS, BATCH, EPOCHS, LR, L2 = 40, 6, [6, 8, 4, 1], 8, 4, 0.01, 0.001

x = torch.tensor([[math.sin(0.7 * i + 1.3 * j) for j in range(D)] for i in range(N)], dtype=torch.float32)
y = torch.tensor([[1.0 if math.sin(0.5 * i) + 0.3 * x[i, 0].item() > 0.2 else 0.0] for i in range(N)])

layers = []
for l in range(len(WIDTHS) - 1):
    k, n = WIDTHS[l], WIDTHS[l + 1]
    lin = torch.nn.Linear(k, n)
    with torch.no_grad():
        # Kernel in tfjs's layout (inputs x units): W[p][c]; torch stores its transpose.
        w = torch.tensor([[0.5 * math.sin(1.1 * p + 0.37 * c + l) / math.sqrt(k) for c in range(n)] for p in range(k)])
        lin.weight.copy_(w.t())
        lin.bias.copy_(torch.tensor([0.1 * math.cos(c + l) for c in range(n)]))
    layers.append(lin)
model = torch.nn.Sequential(layers[0], torch.nn.ReLU(), layers[1], torch.nn.ReLU(), layers[2])
opt = torch.optim.Adam(model.parameters(), lr=LR, eps=1e-7)
losses = []
for e in range(EPOCHS):
    perm = [(i * 17 + 5 * e) % N for i in range(N)]
    for s in range(0, N, BATCH):
        idx = torch.tensor(perm[s:s + BATCH])
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(x[idx]), y[idx])
        loss = loss + L2 * (layers[0].weight.pow(2).sum() + layers[1].weight.pow(2).sum())
        loss.backward()
        opt.step()
        losses.append(loss.item())
print("losses", [round(v, 7) for v in losses])
for l, lin in enumerate(layers):
    print(f"kernel{l}", [round(v, 6) for v in lin.weight.t().reshape(-1).tolist()])
    print(f"bias{l}", [round(v, 6) for v in lin.bias.tolist()])

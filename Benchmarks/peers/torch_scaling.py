# PyTorch's side of ScalingBenchmarks (float64, CPU, 2 threads): cross-entropy over 256…16384 rows
# of 1000 classes and 10…10000 classes of 1024 rows, and Tversky over 16 masks of 64²…512² pixels.
# Prints `workload<TAB>median seconds`, as ScalingBenchmarks does.
import statistics, time
import torch
import torch.nn.functional as F

torch.set_num_threads(2)
torch.set_default_dtype(torch.float64)
torch.manual_seed(0)

def median(body, runs):
    body()
    times = []
    for _ in range(runs):
        start = time.perf_counter(); body(); times.append(time.perf_counter() - start)
    return statistics.median(times)

def cross_entropy(rows, classes):
    logits = torch.randn(rows, classes, requires_grad=True); labels = torch.randint(0, classes, (rows,))
    def step():
        logits.grad = None; F.cross_entropy(logits, labels).backward()
    print(f"cross-entropy {rows}x{classes}\t{median(step, 7 if rows * classes > 4_000_000 else 15)}")

def tversky(p, g, alpha=0.3, beta=0.7, s=1.0):
    tp = (p * g).sum(); fp = (p * (1 - g)).sum(); fn = ((1 - p) * g).sum()
    return 1 - (tp + s) / (tp + alpha * fp + beta * fn + s)

for rows in [256, 1024, 4096, 16384]:
    cross_entropy(rows, 1000)
for classes in [10, 100, 10000]:
    cross_entropy(1024, classes)
for side in [64, 128, 256, 512]:
    p = torch.rand(16, 1, side, side, requires_grad=True); g = (torch.rand(16, 1, side, side) < 0.1).double()
    def step():
        p.grad = None; tversky(p, g).backward()
    print(f"Tversky 16x1x{side}x{side}\t{median(step, 15)}")

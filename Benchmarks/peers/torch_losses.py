# PyTorch's side of the loss and training workloads (float64, CPU, 2 threads like OpenBLAS here).
# Prints `workload<TAB>median seconds<TAB>peak resident MiB so far`, as LossBenchmarks does.
import resource, statistics, time
import torch
import torch.nn.functional as F

torch.set_num_threads(2)
torch.set_default_dtype(torch.float64)
torch.manual_seed(0)

def median(body, runs=15):
    body(); body()
    times = []
    for _ in range(runs):
        start = time.perf_counter(); body(); times.append(time.perf_counter() - start)
    return statistics.median(times)

def report(name, seconds):
    print(f"{name}\t{seconds}\t{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}")

def step(loss, *leaves):
    for leaf in leaves: leaf.grad = None
    loss().backward()

def focal(logits, labels, alpha=0.25, gamma=2.0):
    logp = F.log_softmax(logits, dim=1).gather(1, labels[:, None]).squeeze(1)
    return (alpha * (1 - logp.exp()) ** gamma * -logp).mean()

def info_nce(z1, z2, t=0.07):
    a, b = F.normalize(z1, dim=1), F.normalize(z2, dim=1)
    logits = a @ b.T / t
    targets = torch.arange(len(a))
    return (F.cross_entropy(logits, targets) + F.cross_entropy(logits.T, targets)) / 2

def tversky(p, g, alpha=0.3, beta=0.7, s=1.0):
    tp = (p * g).sum(); fp = (p * (1 - g)).sum(); fn = ((1 - p) * g).sum()
    return 1 - (tp + s) / (tp + alpha * fp + beta * fn + s)

def batch_hard(e, labels, margin=0.2):
    d = torch.cdist(e, e)
    same = labels[:, None] == labels[None, :]
    eye = torch.eye(len(e), dtype=torch.bool)
    positive = (d * (same & ~eye)).max(dim=1).values
    negative = d.masked_fill(same, float("inf")).min(dim=1).values
    valid = (same & ~eye).any(1) & (~same).any(1)
    return F.relu(positive - negative + margin)[valid].mean()

logits = torch.randn(4096, 1000, requires_grad=True); labels = torch.randint(0, 1000, (4096,))
report("cross-entropy fwd+bwd 4096x1000", median(lambda: step(lambda: F.cross_entropy(logits, labels), logits)))
report("focal (multiclass) fwd+bwd 4096x1000", median(lambda: step(lambda: focal(logits, labels), logits)))
z1 = torch.randn(1024, 256, requires_grad=True); z2 = torch.randn(1024, 256, requires_grad=True)
report("InfoNCE fwd+bwd 1024x256", median(lambda: step(lambda: info_nce(z1, z2), z1, z2)))
p = torch.rand(16, 1, 256, 256, requires_grad=True); g = (torch.rand(16, 1, 256, 256) < 0.1).double()
report("Tversky fwd+bwd 16x1x256x256", median(lambda: step(lambda: tversky(p, g), p)))
e = torch.randn(512, 128, requires_grad=True); elabels = torch.randint(0, 32, (512,))
report("batch-hard triplet fwd+bwd 512x128", median(lambda: step(lambda: batch_hard(e, elabels), e)))
w = torch.randn(1_000_000, requires_grad=True); w.grad = torch.randn(1_000_000)
adam = torch.optim.Adam([w], lr=1e-3)
report("Adam step 1M parameters", median(adam.step))
model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
images = torch.randn(128, 784); targets = torch.randint(0, 10, (128,))
def train_step():
    optimizer.zero_grad(); F.cross_entropy(model(images), targets).backward(); optimizer.step()
report("MLP 784-256-10 train step, batch 128", median(train_step))

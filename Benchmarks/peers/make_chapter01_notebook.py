# Writes peers/chapter01.ipynb: chapter 1 of the course (lessons/01-loss-functions.md) with the
# same computations and figures in PyTorch and matplotlib, for timing `jupyter nbconvert --execute`
# against `lesson run 1`.
import nbformat
cells = [
"""import math, torch, numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
torch.set_default_dtype(torch.float64)
xs = [-2.0 + 0.5 * i for i in range(9)]
ys = [3 * x - 1 + 0.3 * math.sin(7 * x) for x in xs]
x = torch.tensor(xs); y = torch.tensor(ys)
print("x =", x); print("y =", y)""",
"""w = torch.tensor(0.5, requires_grad=True); b = torch.tensor(0.0, requires_grad=True)
prediction = w * x + b
loss = torch.nn.functional.mse_loss(prediction, y)
print("loss at the first guess:", loss.item())""",
"""loss.backward()
residuals = (prediction - y).detach()
print("autograd:", w.grad.item(), b.grad.item())
print("by hand:", (2 / len(xs) * (residuals * x).sum()).item(), (2 / len(xs) * residuals.sum()).item())""",
"""history = []
for step in range(1, 81):
    w.grad = None; b.grad = None
    loss = torch.nn.functional.mse_loss(w * x + b, y)
    history.append(loss.item()); loss.backward()
    with torch.no_grad():
        w -= 0.05 * w.grad; b -= 0.05 * b.grad
    if step % 20 == 0: print(step, loss.item(), w.item(), b.item())""",
"""fig, ax = plt.subplots(figsize=(7.2, 4.4)); ax.plot(range(1, 81), history, label="learning rate 0.05")
ax.set_title("Gradient descent on the MSE of a line"); ax.set_xlabel("step"); ax.set_ylabel("mean squared error")
ax.grid(True); ax.legend(); plt.show()""",
"""ws = np.linspace(1, 5, 60); bs = np.linspace(-3, 1, 60)
Z = np.array([[torch.nn.functional.mse_loss(wv * x + bv, y).item() for wv in ws] for bv in bs])
fig = plt.figure(figsize=(12, 5.2)); ax1 = fig.add_subplot(1, 2, 1); cs = ax1.contourf(ws, bs, Z, levels=12); fig.colorbar(cs, ax=ax1)
ax2 = fig.add_subplot(1, 2, 2, projection="3d"); W, B = np.meshgrid(ws, bs); ax2.plot_surface(W, B, Z, cmap="viridis"); plt.show()""",
"""def rosenbrock(p): return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
point = torch.tensor([-1.5, 2.0], requires_grad=True)
sgd = torch.optim.SGD([point], lr=1e-3, momentum=0.9); walk = []
for _ in range(500):
    walk.append(point.detach().clone().numpy()); sgd.zero_grad(); rosenbrock(point).backward(); sgd.step()
print(point.tolist(), rosenbrock(point).item())
gx = np.linspace(-2, 2, 80); gy = np.linspace(-1, 3, 80); GX, GY = np.meshgrid(gx, gy)
R = (1 - GX) ** 2 + 100 * (GY - GX ** 2) ** 2; walk = np.array(walk)
fig = plt.figure(figsize=(12, 5.2)); ax1 = fig.add_subplot(1, 2, 1)
cs = ax1.contourf(GX, GY, R, levels=np.logspace(-4, 3.5, 12), norm=matplotlib.colors.LogNorm()); fig.colorbar(cs, ax=ax1)
ax1.plot(walk[:, 0], walk[:, 1], "k-"); ax2 = fig.add_subplot(1, 2, 2, projection="3d")
ax2.plot_surface(GX, GY, np.log10(1 + R), cmap="viridis"); plt.show()""",
]
notebook = nbformat.v4.new_notebook()
# Fixed cell ids, so that regenerating the notebook leaves the committed file unchanged.
notebook.cells = [nbformat.v4.new_code_cell(source, id=f"cell-{index + 1}") for index, source in enumerate(cells)]
notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(notebook, "peers/chapter01.ipynb")

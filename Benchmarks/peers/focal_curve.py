# The figures of PlotBenchmarks drawn with matplotlib (Agg), for timing: the focal-curve figure
# (4 curves of 200 points, legend, grid, 1500x900 pixels) and a filled contour of a 100x100 grid
# with a colorbar (1000x800), saved as PNG. Prints the median of 21 timed runs after a warm-up,
# in the same format as PlotBenchmarks.
import io, statistics, tempfile, time
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

def figure():
    p = np.linspace(0.01, 1, 200)
    fig, ax = plt.subplots(figsize=(15, 9), dpi=100)
    for gamma in [0, 1, 2, 5]:
        ax.plot(p, -(1 - p) ** gamma * np.log(p), label=f"γ = {gamma}")
    ax.set_ylim(0, 5); ax.grid(True); ax.legend()
    ax.set_title("Focal loss: easy examples count less as γ grows")
    ax.set_xlabel("probability of the true class, p_t"); ax.set_ylabel("loss")
    return fig

def timed(action):
    action()
    times = []
    for _ in range(21):
        start = time.perf_counter(); action(); times.append(time.perf_counter() - start)
    return statistics.median(times)

path = tempfile.gettempdir() + "/losslab-focal-bench-mpl.png"
def save():
    fig = figure(); fig.savefig(path); plt.close(fig)
def to_bytes():
    fig = figure(); buffer = io.BytesIO(); fig.savefig(buffer, format="png"); plt.close(fig)
print(f"focal-curve render+save\t{timed(save)}")
print(f"focal-curve render to PNG bytes\t{timed(to_bytes)}")

def contour_figure():
    x = np.linspace(-2, 2, 100); y = np.linspace(-1, 2, 100)
    w, b = np.meshgrid(x, y)
    z = (1 - w) ** 2 + 5 * (b - w * w) ** 2 + 0.3 * np.sin(3 * w) * np.cos(3 * b)
    fig, ax = plt.subplots(figsize=(10, 8), dpi=100)
    bands = ax.contourf(x, y, z, levels=10, cmap="viridis")
    fig.colorbar(bands, ax=ax, label="loss")
    ax.set_title("A 100×100 loss surface")
    return fig

contour_path = tempfile.gettempdir() + "/losslab-contour-bench-mpl.png"
def contour_save():
    fig = contour_figure(); fig.savefig(contour_path); plt.close(fig)
print(f"contour 100x100 + colorbar render+save\t{timed(contour_save)}")

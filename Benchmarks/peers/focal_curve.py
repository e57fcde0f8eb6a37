# The focal-curve figure of LossPlot's Plots.focalCurve drawn with matplotlib (Agg), for timing:
# 4 curves of 200 points, legend, grid, 1500x900 pixels, saved as PNG. Prints the median of 21
# timed runs after a warm-up, in the same format as PlotBenchmarks.
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

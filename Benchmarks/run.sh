#!/usr/bin/env bash
# Runs LossLab's benchmarks and their peers in one go on this machine and prints medians and
# ratios (ours / peer): LossKit vs PyTorch (float64, 2 threads), LossPlot vs matplotlib (with the
# PNG files' sizes), how both grow with the input's size, and `lesson run` vs
# `jupyter nbconvert --execute`, with peak memory. Release builds. Not part of CI.
#   Benchmarks/run.sh          (installs the peers into Benchmarks/.venv-peers when missing)
set -euo pipefail
cd "$(dirname "$0")"
venv=.venv-peers
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import torch, matplotlib, nbconvert" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "torch==2.13.0+cpu" numpy matplotlib nbconvert nbclient ipykernel nbformat
fi
python="$PWD/$venv/bin/python"
export OPENBLAS_NUM_THREADS=2
swift build -c release --product LossBenchmarks >/dev/null
swift build -c release --product PlotBenchmarks >/dev/null
swift build -c release --product ScalingBenchmarks >/dev/null

table() {  # ours-lines peer-lines: "name<TAB>seconds[<TAB>MiB]" each, same order
  paste <(echo "$1") <(echo "$2") | awk -F'\t' '{
    half = NF / 2; ours = $2; peer = $(half + 2)
    printf "| %-38s | %10.2f ms | %10.2f ms | %6.2f |\n", $1, ours * 1000, peer * 1000, ours / peer }'
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB; $(date -u +%Y-%m-%d); load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
# The loss workloads run in three alternating rounds (ours, PyTorch, ours with raised malloc
# thresholds), and each row reports the median of the three medians: a VM's neighbours can slow
# one round down, and alternating spreads that over both sides.
mid() {  # "name<TAB>seconds..." lines of several rounds -> name<TAB>median seconds, in first-round order
  python3 -c 'import sys, statistics
rows = {}
for line in sys.stdin:
    name, seconds = line.split("\t")[:2]
    rows.setdefault(name, []).append(float(seconds))
for name, times in rows.items():
    print(f"{name}\t{statistics.median(times)}")'
}
ours="" peer="" raised=""
for round in 1 2 3; do
  ours+="$(.build/release/LossBenchmarks)"$'\n'
  peer+="$("$python" peers/torch_losses.py)"$'\n'
  raised+="$(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 .build/release/LossBenchmarks)"$'\n'
done
torch_lines=$(printf '%s' "$peer" | grep . | mid)
echo "| LossKit vs PyTorch (float64), glibc malloc defaults | LossKit | PyTorch | ratio |"
echo "|---|---:|---:|---:|"
table "$(printf '%s' "$ours" | grep . | mid)" "$torch_lines"
echo
echo "| LossKit vs PyTorch, malloc thresholds raised as for lesson programs | LossKit | PyTorch | ratio |"
echo "|---|---:|---:|---:|"
table "$(printf '%s' "$raised" | grep . | mid)" "$torch_lines"
echo
echo "| LossPlot vs matplotlib | LossPlot | matplotlib | ratio |"
echo "|---|---:|---:|---:|"
table "$(.build/release/PlotBenchmarks)" "$("$python" peers/focal_curve.py)"
tmp=$(python3 -c 'import tempfile; print(tempfile.gettempdir())')
size() { echo "$(( $(stat -c %s "$1") / 1024 )) KiB"; }
echo
echo "| PNG file | LossPlot | matplotlib |"
echo "|---|---:|---:|"
echo "| focal curve, 1500×900 | $(size "$tmp/losslab-focal-bench.png") | $(size "$tmp/losslab-focal-bench-mpl.png") |"
echo "| contour + colorbar, 1000×800 | $(size "$tmp/losslab-contour-bench.png") | $(size "$tmp/losslab-contour-bench-mpl.png") |"
echo
# With glibc's default malloc thresholds, some sizes map and unmap their temporaries at every
# step (page faults); the second LossKit column raises the thresholds, as the lesson runner does.
echo "| scaling (float64) | LossKit | LossKit, raised malloc thresholds | PyTorch | ratio | ratio, raised |"
echo "|---|---:|---:|---:|---:|---:|"
scaling_defaults=$(.build/release/ScalingBenchmarks)
scaling_raised=$(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296 .build/release/ScalingBenchmarks)
scaling_torch=$("$python" peers/torch_scaling.py)
paste <(echo "$scaling_defaults") <(echo "$scaling_raised") <(echo "$scaling_torch") | awk -F'\t' '{
    printf "| %-28s | %9.2f ms | %9.2f ms | %9.2f ms | %5.2f | %5.2f |\n", $1, $2 * 1000, $4 * 1000, $6 * 1000, $2 / $6, $4 / $6 }'

# Whole processes, with peak resident memory (GNU time's %M, KiB).
whole() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
echo
echo "| whole process | seconds | peak RSS |"
echo "|---|---:|---:|"
read -r s m <<<"$(whole .build/release/PlotBenchmarks)"; echo "| PlotBenchmarks (two figures, 66 renders) | $s | $((m / 1024)) MiB |"
read -r s m <<<"$(whole "$python" peers/focal_curve.py)"; echo "| matplotlib focal_curve.py (the same) | $s | $((m / 1024)) MiB |"
peak() { printf '%s' "$1" | grep . | tail -1 | cut -f3 | cut -d. -f1; }
echo "| LossBenchmarks (every loss workload, one round) | — | $(peak "$ours") MiB |"
echo "| peers/torch_losses.py (the same) | — | $(peak "$peer") MiB |"

# The whole course with the course's own debug build, as learners run it: cold (nothing cached:
# every chapter compiled and run), warm (--force: compiled programs reused, every cell run again)
# and from the cache.
root=$(cd .. && pwd)
( cd "$root" && swift build >/dev/null )
rm -rf "$root/.lesson-cache"
read -r a1 b1 <<<"$(cd "$root" && whole .build/debug/lesson run --all --force)"
read -r a2 b2 <<<"$(cd "$root" && whole .build/debug/lesson run --all --force)"
read -r a3 b3 <<<"$(cd "$root" && whole .build/debug/lesson run --all)"
echo
echo "| whole course, $(ls "$root"/lessons/*.md | wc -l) chapters (lesson run --all) | seconds | peak RSS |"
echo "|---|---:|---:|"
echo "| cold: --force, empty cache (compile + run) | $a1 | $((b1 / 1024)) MiB |"
echo "| warm: --force, programs compiled (run every cell) | $a2 | $((b2 / 1024)) MiB |"
echo "| from the cache | $a3 | $((b3 / 1024)) MiB |"

# A chapter: lesson run (the course's own debug build, as learners use it) vs nbconvert.
"$python" peers/make_chapter01_notebook.py
rm -rf "$root/.lesson-cache/01-loss-functions"
read -r s1 m1 <<<"$(cd "$root" && whole .build/debug/lesson run 1)"
read -r s2 m2 <<<"$(cd "$root" && whole .build/debug/lesson run 1)"
read -r n1 k1 <<<"$(whole "$venv/bin/jupyter" nbconvert --execute --to notebook --output /tmp/losslab-ch01-out.ipynb peers/chapter01.ipynb)"
read -r n2 k2 <<<"$(whole "$venv/bin/jupyter" nbconvert --execute --to notebook --output /tmp/losslab-ch01-out.ipynb peers/chapter01.ipynb)"
echo
echo "| chapter 1 | lesson run | nbconvert --execute | ratio |"
echo "|---|---:|---:|---:|"
echo "| cold (lesson: compile + run) | $s1 s | $n1 s | $(printf '%.2f' "$(echo "$s1/$n1" | bc -l)") |"
echo "| warm (lesson: from the cache) | $s2 s | $n2 s | $(printf '%.2f' "$(echo "$s2/$n2" | bc -l)") |"
echo "| peak RSS, cold | $((m1 / 1024)) MiB | $((k1 / 1024)) MiB | |"

#!/usr/bin/env bash
# Runs LossLab's benchmarks and their peers in one go on this machine and prints medians and
# ratios (ours / peer). Release builds. Not part of CI (it is not a test).
#   Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")"
python3 -c "import matplotlib, numpy" 2>/dev/null || { echo "matplotlib and numpy are needed: pip install matplotlib numpy"; exit 1; }
swift build -c release --product PlotBenchmarks >/dev/null
ours=$(.build/release/PlotBenchmarks)
peer=$(python3 peers/focal_curve.py)
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
printf '%-34s %12s %12s %8s\n' "workload" "LossPlot" "matplotlib" "ratio"
paste <(echo "$ours") <(echo "$peer") | while IFS=$'\t' read -r name a _ b; do
  printf '%-34s %10.2f ms %10.2f ms %8.3f\n' "$name" "$(echo "$a*1000" | bc -l)" "$(echo "$b*1000" | bc -l)" "$(echo "$a/$b" | bc -l)"
done

#!/usr/bin/env bash
# Regenerates Tests/LossKitTests/Fixtures/second_order.json, the PyTorch (float64) reference
# numbers of the second-order tests: Hessian-vector products, gradient penalties through
# create_graph, the WGAN-GP penalty and the gradient-harmonisation penalty.
#   Tests/Tooling/make-second-order-golden.sh   (installs torch into Tests/Tooling/.venv-golden when missing)
# The same torch as Benchmarks/run.sh. Not part of CI: the JSON it writes is committed.
set -euo pipefail
cd "$(dirname "$0")"
venv=.venv-golden
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import torch" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "torch==2.13.0+cpu" numpy
fi
"$venv/bin/python" second_order_golden.py ../LossKitTests/Fixtures/second_order.json

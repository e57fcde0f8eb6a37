#!/usr/bin/env bash
# Regenerates exercises/adamw-warmup-cosine/reference.json, the PyTorch (float64) numbers the
# exercise's public checks compare a learner's AdamW and schedule with.
#   Tests/Tooling/make-adamw-exercise-reference.sh   (installs torch into Tests/Tooling/.venv-golden when missing)
# The same torch as Benchmarks/run.sh. Not part of CI: the JSON it writes is committed.
set -euo pipefail
cd "$(dirname "$0")"
venv=.venv-golden
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import torch" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "torch==2.13.0+cpu" numpy
fi
"$venv/bin/python" adamw_exercise_reference.py ../../exercises/adamw-warmup-cosine/reference.json

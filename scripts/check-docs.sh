#!/usr/bin/env bash
# Builds LossKit's symbol graph and DocC documentation, and fails when a public declaration of
# LossKit has no doc comment or when DocC reports a warning (a broken link, a wrong parameter).
# Usage: scripts/check-docs.sh [OUTPUT_DIR]   (default: .build-docs/LossKit.doccarchive)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-docs
graphs="$PWD/$scratch/symbol-graphs"
output="${1:-$scratch/LossKit.doccarchive}"
# Kept between runs: an up-to-date build writes no new symbol graph, and the old one is still right.
mkdir -p "$graphs"
swift build --scratch-path "$scratch" --target LossKit \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" >/dev/null
python3 - "$graphs/LossKit.symbols.json" <<'PY'
import json, sys
graph = json.load(open(sys.argv[1]))
missing = [
    f"{s['location']['uri'].split('/Sources/')[-1]}:{s['location']['position']['line'] + 1}: {s['names']['title']}"
    for s in graph["symbols"]
    if s.get("accessLevel") == "public" and "location" in s and not s.get("docComment")
]
if missing:
    print("Public LossKit declarations without a doc comment:")
    print("\n".join(sorted(missing)))
    sys.exit(1)
print(f"All {sum(1 for s in graph['symbols'] if s.get('accessLevel') == 'public' and 'location' in s)} public LossKit declarations are documented.")
PY
log=$(mktemp)
docc convert Sources/LossKit/LossKit.docc --additional-symbol-graph-dir "$graphs" \
  --fallback-display-name LossKit --fallback-bundle-identifier org.losslab.LossKit \
  --output-dir "$output" >"$log" 2>&1 || { cat "$log"; exit 1; }
if grep -q "warning:" "$log"; then
  echo "DocC reported warnings:"; grep -A3 "warning:" "$log"; exit 1
fi
echo "DocC built $output with no warnings."

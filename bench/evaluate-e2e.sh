#!/usr/bin/env bash
# End-to-end throughput of `clearance evaluate` on a generated 1,000,000-row CSV order book: parsing, deciding and
# writing CSV decisions, in one process. Usage: bench/evaluate-e2e.sh [ROWS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
out="${TMPDIR:-/tmp}/clearance-bench"
mkdir -p "$out"

dotnet build -c Release src/Clearance.Cli -v quiet -nologo >/dev/null
dotnet build -c Release bench/Clearance.Bench.Policy -v quiet -nologo >/dev/null
dotnet bench/Clearance.Bench.Policy/bin/Release/net10.0/Clearance.Bench.Policy.dll generate-csv "$out/orders.csv" "$rows"
ls -l "$out/orders.csv"

cli=(dotnet src/Clearance.Cli/bin/Release/net10.0/clearance.dll evaluate "$out/orders.csv" --format csv)
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 3 --export-markdown "$out/hyperfine.md" "${cli[*]} > $out/decisions.csv"
else
  for run in 1 2 3; do
    start=$(date +%s.%N)
    "${cli[@]}" > "$out/decisions.csv"
    end=$(date +%s.%N)
    echo "run $run: $(echo "$end - $start" | bc) s, $(echo "$rows / ($end - $start)" | bc) rows/s"
  done
fi
wc -l "$out/decisions.csv"

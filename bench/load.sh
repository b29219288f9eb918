#!/usr/bin/env bash
# Load benchmark of the real server (Release) on loopback, with a temporary state directory and database:
#   1. GET  /health/live       the ceiling: the cheapest request the server answers
#   2. POST /api/v1/evaluate   one order, the full decision with every rule considered
#   3. a write endpoint        default: POST /api/v1/keys (issue a viewer key) with the first-run admin key;
#                              or --write-path/--write-body-file with --api-key, e.g. a ledger write
# Prints requests/s and p50/p99 latency for each, and evaluate's throughput as a ratio of health's (target ≥ 0.50).
# --rounds N alternates health and evaluate N times (warm-up in the first round only) and prints each round's ratio and
# that of the summed throughputs: on a shared machine a neighbour's load then falls on both sides of the ratio.
# Usage: bench/load.sh [--concurrency 16] [--duration 10] [--warmup 6] [--rounds 1] [--api-key KEY]
#                      [--write-path /api/v1/keys] [--write-body-file FILE] [--write-content-type application/json]
set -euo pipefail
cd "$(dirname "$0")/.."

concurrency=16 duration=10 warmup=6 rounds=1 api_key="" write_path="" write_body_file="" write_content_type="application/json"
while [ $# -gt 0 ]; do
  case "$1" in
    --concurrency) concurrency="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --api-key) api_key="$2"; shift 2 ;;
    --write-path) write_path="$2"; shift 2 ;;
    --write-body-file) write_body_file="$2"; shift 2 ;;
    --write-content-type) write_content_type="$2"; shift 2 ;;
    *) echo "load.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release src/Clearance.Server -v quiet -nologo >/dev/null
dotnet build -c Release bench/Clearance.Bench.Load -v quiet -nologo >/dev/null

state=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; rm -rf "$state"; }
trap cleanup EXIT

# A free loopback port: the first in 5200–5999 nobody listens on.
port=""
for candidate in $(seq 5200 5999); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "load.sh: no free port in 5200-5999" >&2; exit 1; }
base="http://127.0.0.1:$port"

CLEARANCE_HOME="$state" Clearance__Database="$state/ledger.db" Clearance__AdminKeyFile="$state/admin.key" Clearance__ShowFirstAdminKey=false \
  ASPNETCORE_ENVIRONMENT=Production Logging__Console__FormatterName=json \
  dotnet src/Clearance.Server/bin/Release/net10.0/Clearance.Server.dll --urls "$base" >"$state/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "$base/health/live" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "load.sh: the server stopped:" >&2; cat "$state/server.log" >&2; exit 1; }
  sleep 0.5
done
echo "server: $base (pid $server_pid, state $state); $concurrency concurrent loops, ${duration}s after ${warmup}s warm-up; $(nproc) cores"

cat >"$state/order.json" <<'JSON'
{ "id": "LOAD-1", "order_date": "2026-02-02", "product": "H200", "quantity": 512, "unit_value": 31000,
  "destination": "CN", "export_origin": "US", "us_entry": true, "hts_code": "8471.80",
  "customer": "Tencent Cloud (Shenzhen)", "customer_country": "CN", "customer_parent": "Tencent", "customer_parent_country": "CN",
  "sector": "cloud", "end_use": "datacenter", "state_owned": false, "critical_infrastructure": false, "state_funded_project": false }
JSON

client=(dotnet bench/Clearance.Bench.Load/bin/Release/net10.0/Clearance.Bench.Load.dll --url "$base" --concurrency "$concurrency" --duration "$duration" --warmup "$warmup")
results="$state/results.txt"
for round in $(seq 1 "$rounds"); do
  round_warmup=$warmup
  [ "$round" -gt 1 ] && round_warmup=2
  "${client[@]}" --warmup "$round_warmup" --name health --path /health/live | tee -a "$results"
  "${client[@]}" --warmup "$round_warmup" --name evaluate --path /api/v1/evaluate --body-file "$state/order.json" | tee -a "$results"
done
if [ -z "$write_path" ] && [ -f "$state/admin.key" ]; then
  write_path=/api/v1/keys
  api_key=$(tr -d '[:space:]' < "$state/admin.key")
  echo '{"name":"load test","role":"viewer"}' > "$state/write.json"
  write_body_file="$state/write.json"
fi
if [ -n "$api_key" ] && [ -n "$write_path" ]; then
  write_args=(--name write --path "$write_path" --api-key "$api_key" --content-type "$write_content_type")
  [ -n "$write_body_file" ] && write_args+=(--body-file "$write_body_file") || write_args+=(--method POST --body "{}")
  "${client[@]}" "${write_args[@]}" | tee -a "$results"
else
  echo "write: skipped (no admin key file; give --api-key KEY and --write-path PATH [--write-body-file FILE])"
fi

awk '
  $1 == "RESULT" {
    split($3, r, "="); rps[$2] += r[2]; last[$2] = r[2]
    if ($2 == "evaluate" && last["health"] > 0) ratios[++rounds] = r[2] / last["health"]
  }
  END {
    if (rounds > 1) for (i = 1; i <= rounds; i++) printf "round %d: evaluate / health throughput: %.2f\n", i, ratios[i]
    if (rps["health"] > 0) {
      printf "evaluate / health throughput: %.2f (target >= 0.50)%s\n", rps["evaluate"] / rps["health"], (rounds > 1 ? " over " rounds " rounds" : "")
      if ("write" in rps) printf "write / health throughput: %.2f\n", last["write"] / last["health"]
    }
  }' "$results"

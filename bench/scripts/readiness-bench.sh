#!/usr/bin/env bash
# GET /api/readiness against GET /api/entities over the same generated catalog, as users run Steward:
# a cold `java -jar steward.jar serve` with default JVM flags and its SQLite store, and wrk as the
# client in another process. Prints the time of the first readiness answer after the load (the
# index is evaluated then), then alternating wrk rounds of both endpoints and their ratio.
#   bench/scripts/readiness-bench.sh [ENTITIES] [ROUNDS] [SECONDS]
# Needs wrk (apt-get install wrk) and `mvn -B -q package -DskipTests` first.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}; rounds=${2:-3}; seconds=${3:-15}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
work=$(mktemp -d); port=$((20000 + RANDOM % 20000))
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
java -cp bench/target/steward-bench.jar dev.steward.bench.CatalogGenerator "$work/repo" "$n" >/dev/null
java -jar server/target/steward.jar serve --repo "$work/repo" --port "$port" --db "$work/steward.db" --poll 1s \
  >"$work/server.log" 2>&1 &
server=$!
start=$(date +%s.%N)
until curl -sf "localhost:$port/readyz" >/dev/null; do
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
echo "entities: $(curl -s "localhost:$port/api/status" | sed -E 's/.*"entities":([0-9]+).*/\1/'); ready after $(echo "$(date +%s.%N) - $start" | bc) s"
first=$(curl -s -o /dev/null -w '%{time_total}' "localhost:$port/api/readiness")
echo "first GET /api/readiness after the load (evaluates every entity): ${first} s"
echo "level counts: $(curl -s "localhost:$port/api/readiness?limit=1" | sed -E 's/.*"levels":(\{[^}]*\}).*/\1/')"
run() { wrk -t2 -c8 -d"${seconds}s" --latency "http://localhost:$port$1" | awk -v name="$2" -v out="$work/rps" '
  /Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2}
  END {printf "%-34s %10s req/s  p50 %8s  p99 %8s\n", name, rps, p50, p99; print rps > out}'; }
for _ in 1 2; do run /api/entities warmup >/dev/null; run /api/readiness warmup >/dev/null; done
ratios=()
for r in $(seq 1 "$rounds"); do
  run "/api/entities" "round $r  GET /api/entities"; e=$(cat "$work/rps")
  run "/api/readiness" "round $r  GET /api/readiness"; x=$(cat "$work/rps")
  ratios+=("$(echo "scale=2; $e / $x" | bc)")
done
echo "time per request, readiness / entities, per round (target < 2): ${ratios[*]}"
run "/api/readiness?checklist=streaming-job&ready=false&limit=25" "checklist page (not ready, 25)"
run "/api/readiness?owner=group:team-7" "team page (owner filter)"
run "/api/readiness?entity=component:job-7" "one entity"
# A reload: one manifest changes; the answers for what the change cannot reach are carried over.
commit=$(java -cp bench/target/steward-bench.jar dev.steward.bench.CatalogGenerator "$work/repo" change)
until curl -s "localhost:$port/api/status" | grep -q "\"commit\":\"$commit\""; do sleep 0.1; done
echo "first GET /api/readiness after a one-file reload: $(curl -s -o /dev/null -w '%{time_total}' "localhost:$port/api/readiness") s"

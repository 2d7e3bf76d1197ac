#!/usr/bin/env bash
# Refreshes deploy/src/test/resources/metrics/*.txt: the metric names each service's /q/metrics
# exports, which MetricCoverageTest checks every dashboard and alert against. Starts
# `./stockwise demo` (embedded PostgreSQL and Kafka, the four services, a sample catalog run end
# to end so the per-rpc and per-model series exist), scrapes each service, then stops the demo.
# Usage, from the repository root after building the services: deploy/capture-metrics.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${STOCKWISE_METRICS_OUT:-$root/deploy/src/test/resources/metrics}"
work="$(mktemp -d)"
log="$work/demo.log"

"$root/stockwise" demo --work-dir "$work/demo" >"$log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 600); do
  grep -q "Press Ctrl-C" "$log" && break
  kill -0 "$demo" 2>/dev/null || { cat "$log" >&2; echo "demo exited early" >&2; exit 1; }
  sleep 1
done
grep -q "Press Ctrl-C" "$log" || { echo "demo not ready after 10 minutes" >&2; exit 1; }

for service in ingestion-service feature-service forecast-service optimizer-service; do
  address="$(awk -v s="$service" '$1 == s && /gRPC \+ http/ { print $2; exit }' "$log")"
  {
    echo "# Metric names exported by $service's /q/metrics, captured from ./stockwise demo (deploy/capture-metrics.sh)"
    curl -fsS "http://$address/q/metrics" | grep -v '^#' | sed 's/[{ ].*//' | sort -u
  } >"$out/$service.txt"
  echo "$service: $(($(wc -l <"$out/$service.txt") - 1)) names -> $out/$service.txt"
done

#!/usr/bin/env bash
# Webhook acknowledgement under load: the app standalone on Azurite, an open-loop loopback load generator sending
# signed Meta deliveries. Prints acks/s and p50/p90/p99 latency for each rate.
#   eng/load-test.sh [seconds] [rate ...]      (default: 20 s at 100, 200 and 400 deliveries/s)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-20}"; shift || true
rates=("$@"); [ ${#rates[@]} -eq 0 ] && rates=(100 200 400)
export Standalone__DisableTriggers=true   # measure ingestion alone: triage would compete for the same 2 cores
source "$root/eng/lib/start-local.sh"
# Warm up the JIT and connections, then measure.
dotnet functions/SocialFirst.Cli/bin/Release/net10.0/socialfirst.dll load --url "http://127.0.0.1:$app" --rate 50 --seconds 3 >/dev/null || true
for rate in "${rates[@]}"; do
  dotnet functions/SocialFirst.Cli/bin/Release/net10.0/socialfirst.dll load --url "http://127.0.0.1:$app" --rate "$rate" --seconds "$seconds" || true
done

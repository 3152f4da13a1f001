#!/usr/bin/env bash
# The main job, locally: Azurite (in memory) + the app standalone (embedded classifier, dry-run escalations) +
# the signed sample traffic in samples/, then a report of what happened to each delivery.
#   eng/run-local.sh          run the demo and stop everything
#   eng/run-local.sh --keep   leave Azurite and the app running (Ctrl+C stops them)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
keep=false
[ "${1:-}" = "--keep" ] && keep=true

source "$root/eng/lib/start-local.sh"

cli="dotnet functions/SocialFirst.Cli/bin/Release/net10.0/socialfirst.dll"
$cli demo --url "http://127.0.0.1:$app" --samples samples/samples.json

# What the watch side makes of the same traffic: the care scorecard and the loudest critics.
echo
echo "== Care scorecard (socialfirst metrics) =="
$cli metrics --url "http://127.0.0.1:$app" --brand acme \
  --from "$(date -u -d '-1 day' +%Y-%m-%dT%H:%M:%SZ)" --to "$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)"
echo
echo "== Top critics (socialfirst influencers) =="
$cli influencers --url "http://127.0.0.1:$app" --brand acme --role critic --top 5

if $keep; then
  echo "App: http://127.0.0.1:$app (API key: $Api__Key). Logs in $work. Ctrl+C to stop."
  wait
fi

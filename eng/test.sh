#!/usr/bin/env bash
# Runs every test: unit, contract, integration (real Azurite from eng/azurite, started by the tests on free ports),
# packaging and infrastructure. Usage: eng/test.sh [extra dotnet test args]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Azurite from the pinned lockfile (the integration tests start and stop it themselves).
if [ ! -x eng/azurite/node_modules/.bin/azurite ]; then
  npm ci --prefix eng/azurite --no-audit --no-fund --loglevel=error
fi

results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test SocialFirstFunctions.sln -c Release --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?

# One closing line for CI, summed over all test projects.
passed=0; failed=0; skipped=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  x=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${x:-0}))
  s=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${s:-0}))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status

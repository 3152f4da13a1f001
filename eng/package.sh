#!/usr/bin/env bash
# Builds the deployable function app: a self-contained linux-x64 'handler' executable, host.json at the root and one
# folder per function with its function.json; then zips it (on Linux, so the executable bit survives) for zip deploy.
#   eng/package.sh [output-dir]        (default: artifacts/functionapp, zip next to it)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/artifacts/functionapp}"
zip_path="${out%/}.zip"

rm -rf "$out" "$zip_path"
# A separate artifacts path keeps this build's bin/obj apart from the developer's (and the test run's) builds.
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
dotnet publish "$root/functions/SocialFirst.Functions/SocialFirst.Functions.csproj" \
  -c Release -r linux-x64 --self-contained true -p:PublishSingleFile=true \
  -p:DebugType=none -p:GenerateDocumentationFile=false \
  --artifacts-path "$build" -o "$out" --nologo -v quiet
# Only what the host needs: host.json, function folders, the handler. appsettings and pdbs are not shipped.
find "$out" -maxdepth 1 -type f ! -name handler ! -name host.json -delete
chmod 0755 "$out/handler"

if command -v zip >/dev/null 2>&1; then
  (cd "$out" && zip -qr -X "$zip_path" .)
else
  # No zip tool: .NET's ZipFile keeps Unix permissions it reads from the files (since .NET 6).
  python3 - "$out" "$zip_path" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in os.walk(src):
        for f in files:
            p = os.path.join(base, f)
            info = zipfile.ZipInfo.from_file(p, os.path.relpath(p, src))
            with open(p, "rb") as fh:
                z.writestr(info, fh.read(), zipfile.ZIP_DEFLATED)
PY
fi
echo "function app: $out"
echo "zip:          $zip_path"

# Sourced by eng/run-local.sh and eng/load-test.sh: installs Azurite if needed, builds, starts Azurite (in memory) and
# the app standalone on free loopback ports with local-only secrets, and stops both on exit. Sets $app (the app port)
# and $work (logs).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }

if [ ! -x eng/azurite/node_modules/.bin/azurite ]; then
  echo "Installing Azurite (eng/azurite)..."
  npm ci --prefix eng/azurite --no-audit --no-fund --loglevel=error
fi

echo "Building..."
for project in functions/SocialFirst.Functions/SocialFirst.Functions.csproj functions/SocialFirst.Cli/SocialFirst.Cli.csproj; do
  if ! out=$(dotnet build "$project" -c Release --nologo -v quiet 2>&1); then
    echo "$out" | grep -E "error|Error" | sort -u >&2
    exit 1
  fi
done

work="$(mktemp -d)"
blob=$(pick_port 10000); queue=$(pick_port $((blob + 1))); table=$(pick_port $((queue + 1))); app=$(pick_port 7071)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

eng/azurite/node_modules/.bin/azurite --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
  --tableHost 127.0.0.1 --tablePort "$table" >"$work/azurite.log" 2>&1 &
pids+=($!)

# Local-only secrets: the app verifies with them, the demo signs with them.
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
export Platforms__Meta__AppSecret="local-meta-app-secret"
export Platforms__Meta__VerifyToken="local-meta-verify-token"
export Platforms__X__ConsumerSecret="local-x-consumer-secret"
export Platforms__WeChat__Token="localwechattoken"
export Platforms__Weibo__AppSecret="local-weibo-app-secret"
export Platforms__Generic__Secret="local-generic-secret"
export Api__Key="local-api-key"
export Brands__acme__DisplayName="Acme Foods"
export Brands__acme__Accounts__0="facebook:104857600123"
export Brands__acme__Accounts__1="instagram:17841400000000001"
export Brands__acme__Accounts__2="x:2244994945"
export Brands__acme__Accounts__3="wechat:gh_0a1b2c3d4e5f"
export Brands__acme__Accounts__4="weibo:1902538057"
export Brands__acme__Accounts__5="generic:acme-global"
export Logging__LogLevel__Default="Warning"
export Logging__LogLevel__SocialFirst="Information"

for p in "$blob" "$queue" "$table"; do
  for _ in $(seq 1 100); do port_free "$p" || break; sleep 0.2; done
done

echo "Starting the app standalone on http://127.0.0.1:$app (log: $work/app.log)"
dotnet functions/SocialFirst.Functions/bin/Release/net10.0/handler.dll --urls "http://127.0.0.1:$app" >"$work/app.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 150); do
  curl -sf "http://127.0.0.1:$app/api/health" >/dev/null 2>&1 && break
  sleep 0.2
done

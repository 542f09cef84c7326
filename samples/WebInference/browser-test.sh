#!/usr/bin/env bash
# The served model end to end, as .ci/run runs it: publishes samples/WebInference with NativeAOT (any trim/AOT
# warning fails the publish), then runs tests/Dendrite.WebTests against the binary: bad requests over HTTP and
# Debian's headless Chromium drawing digits on the page (screenshots in $DENDRITE_WEB_ARTIFACTS, default
# artifacts/web-screenshots). Extra arguments go to dotnet test (for example --logger trx --results-directory DIR).
#   bash samples/WebInference/browser-test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "== installing chromium and chromium-driver (Debian)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver) >/tmp/dendrite-apt-chromium.log 2>&1 \
    || { tail -5 /tmp/dendrite-apt-chromium.log; echo "could not install chromium chromium-driver (log: /tmp/dendrite-apt-chromium.log)"; exit 1; }
fi

out="$(mktemp -d)"
log="$out.publish.log"
trap 'rm -rf "$out" "$log"' EXIT
start=$SECONDS
dotnet publish samples/WebInference -c Release -r linux-x64 -o "$out" >"$log" 2>&1 || { cat "$log"; echo "publish failed"; exit 1; }
if grep -i 'warning' "$log" | grep -Eiv '\b0 Warning\(s\)'; then echo "the AOT publish printed warnings (above)"; exit 1; fi
size=$(stat -c %s "$out/WebInference")
echo "published in $((SECONDS - start)) s: WebInference $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MB), no warnings"

export DENDRITE_WEB_SERVER="$out/WebInference"
export DENDRITE_WEB_ARTIFACTS="${DENDRITE_WEB_ARTIFACTS:-$PWD/artifacts/web-screenshots}"
dotnet test tests/Dendrite.WebTests -c Release "$@"
echo "screenshots: $DENDRITE_WEB_ARTIFACTS"

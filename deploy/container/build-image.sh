#!/usr/bin/env bash
# Builds the relay's container image with podman (deploy/container/Containerfile):
#   deploy/container/build-image.sh [--tag NAME] [--base IMAGE]
# --tag defaults to localhost/intilery-connect-relay:latest; --base to node:20-bookworm-slim (any
# image with Node 20.19+ on the PATH and glibc will do). Builds the relay first (pnpm), then puts
# it with its production dependencies only in a temporary build context.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tag="localhost/intilery-connect-relay:latest"
base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --base) base="$2"; shift 2 ;;
    *) echo "build-image.sh: unknown option $1 (--tag NAME, --base IMAGE)" >&2; exit 2 ;;
  esac
done
command -v podman >/dev/null || { echo "build-image.sh: needs podman (apt-get install -y podman)" >&2; exit 1; }
run_pnpm() {
  if command -v pnpm >/dev/null; then pnpm "$@"; else npx --yes pnpm@10.34.8 "$@"; fi
}
context="$(mktemp -d)"
trap 'rm -rf "$context"' EXIT
run_pnpm --dir "$root" --filter @intilery-connect/relay build >&2
run_pnpm --dir "$root" --filter @intilery-connect/relay deploy --prod --legacy "$context/all" >/dev/null
mkdir -p "$context/relay" "$context/state"
# Only what runs: the build, the production dependencies (symlinks kept), the package's manifest.
mv "$context/all/dist" "$context/all/node_modules" "$context/all/package.json" "$context/relay/"
rm -rf "$context/all" "$context/relay/dist/bench"
podman build ${base:+--build-arg "BASE=$base"} --tag "$tag" --file "$root/deploy/container/Containerfile" "$context" >&2
echo "$tag"

#!/usr/bin/env bash
# Requests/s and latency of the reader's pages under wrk: Release build on 127.0.0.1, a fresh
# SQLite database holding the seed plus N generated stories (default 10,000).
# Usage: bash tests/load/reader-load.sh [N] [SECONDS] [CONNECTIONS]
# Prints one line per page: requests/s, p50, p95, p99 (ms), errors (non-2xx/3xx and socket errors).
# Pages come from the output cache after their first request; tests/load/perf.sh also measures
# searches that miss it.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/load/lib.sh
stories=${1:-10000}
seconds=${2:-10}
connections=${3:-32}
port=5191
command -v wrk >/dev/null || load_apt_install wrk

work=$(mktemp -d)
cleanup() { load_stop_server; rm -rf "$work" "$LOAD_WRK_SCRIPT"; }
trap cleanup EXIT

load_build "$work/app"
export ConnectionStrings__Stories="Data Source=$work/load.db"
if [ "$stories" -gt 0 ]; then
  load_corpus "$stories" "$work/corpus"
  (cd "$work/app" && ./PeoplesStories.Web import seeds "$work/corpus" >/dev/null)
fi
load_start_server "$work/app" "$port" "$work/server.log"

base="http://127.0.0.1:$port"
story=$(curl -s "$base/" | grep -o 'href="/stories/[^"#]*"' | head -1 | cut -d'"' -f2)
declare -a pages=("home /" "story $story" "country /countries/kh" "archive /archive/2025/06" "search /search?q=scamming" "search-country /search?q=rights&country=kh")
echo "reader pages: $stories generated stories + seed, wrk -t2 -c$connections -d${seconds}s, $(nproc) cores"
for entry in "${pages[@]}"; do
  name=${entry%% *}; path=${entry#* }
  curl -sf -o /dev/null "$base$path" || { echo "$name $path: not reachable"; continue; }
  read -r rps p50 p95 p99 errors < <(load_wrk "$base$path" "$connections" "$seconds")
  printf '%-15s %-45s %9s req/s  p50 %7s ms  p95 %7s ms  p99 %7s ms  errors %s\n' "$name" "$path" "$rps" "$p50" "$p95" "$p99" "$errors"
done
